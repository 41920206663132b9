"""Telegram end to end: emulator → `senda telegram` → Rasa → action server, and back."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from bot.telegram.storage import Inbox
from bot.tracker_store import tracker_rows
from tests.e2e.conftest import buttons, new_chat, plain, sender_of, settle
from tests.support.telegram_emulator import (
    contact_content,
    document_content,
    photo_content,
    poll_content,
    sticker_content,
    voice_content,
)

pytestmark = pytest.mark.stack

LANGUAGE_BUTTONS = [f'/set_language{{"language":"{code}"}}' for code in ("es", "en", "quc")]


def expect(renderer, name: str, language: str) -> str:
    return renderer.render(name, language, {}, {}).text


def press(emulator, chat_id: int, message: Dict[str, Any], title_part: str) -> None:
    button = next(b for b in buttons(message) if title_part in b["text"])
    emulator.user_presses(chat_id, message["message_id"], button["callback_data"])


def test_start_offers_three_languages_then_the_menu(emulator, telegram_bot, renderer) -> None:
    chat = new_chat()
    emulator.user_sends_text(chat, "/start", language_code="es")
    welcome, menu = settle(emulator, chat, 2)[:2]
    assert plain(welcome) == expect(renderer, "utter_telegram_start", "es")
    assert [b["callback_data"] for b in buttons(welcome)] == LANGUAGE_BUTTONS
    assert plain(menu) == expect(renderer, "utter_main_menu", "es")
    assert len(buttons(menu)) == 5  # pathways, smugglers, children, find help, emergency
    assert emulator.calls("sendChatAction", chat_id=chat)  # "typing…" while Senda works


def test_commands_are_listed_in_all_three_languages(emulator, telegram_bot, renderer) -> None:
    spanish = {c["command"] for c in emulator.commands(language_code="es")}
    english = {c["command"] for c in emulator.commands(language_code="en")}
    assert {"menu", "idioma", "ayuda", "privacidad", "borrar"} <= spanish
    assert {"menu", "language", "help", "privacy", "delete"} <= english
    # K'iche' has no Telegram language code: its list is set in the chat that chooses it.
    chat = new_chat()
    emulator.user_sends_text(chat, "/start")
    welcome = settle(emulator, chat, 2)[0]
    press(emulator, chat, welcome, "Kʼicheʼ")
    settle(emulator, chat, 3)
    scoped = emulator.commands(scope={"type": "chat", "chat_id": chat})
    quc_help = renderer.render("utter_telegram_commands", "quc", {}, {}).buttons[2]["title"]
    assert {"menu", "idioma", "ayuda", "privacidad", "borrar"} == {c["command"] for c in scoped}
    assert quc_help in {c["description"] for c in scoped}


def test_phone_language_preselects_but_the_users_choice_wins(emulator, telegram_bot, renderer) -> None:
    chat = new_chat()
    emulator.user_sends_text(chat, "/start", language_code="en-US")
    welcome, menu = settle(emulator, chat, 2)[:2]
    assert plain(welcome) == expect(renderer, "utter_telegram_start", "en")
    assert plain(menu) == expect(renderer, "utter_main_menu", "en")
    press(emulator, chat, welcome, "Español")
    chosen = settle(emulator, chat, 3)[2]
    assert plain(chosen) == expect(renderer, "utter_language_set", "es")
    emulator.user_sends_text(chat, "/menu", language_code="en-US")
    assert plain(settle(emulator, chat, 4)[3]) == expect(renderer, "utter_main_menu", "es")


@pytest.mark.parametrize(
    "language,question,topic",
    [
        ("es", "como pido asilo en estados unidos", "asylum_us"),
        ("en", "how i ask for asylum in united states", "asylum_us"),
        ("quc", "jas kinbʼano rech kintaʼ asilo pa estados unidos?", "asylum_us"),
    ],
)
def test_a_question_is_answered_in_its_language(
    emulator, telegram_bot, renderer, language, question, topic
) -> None:
    chat = new_chat()
    emulator.user_sends_text(chat, question, language_code="es")
    replies = settle(emulator, chat, 1)
    assert plain(replies[-1]) == expect(renderer, f"utter_{topic}", language)


def test_menu_buttons_are_acknowledged_answered_and_locked(emulator, telegram_bot, renderer) -> None:
    chat = new_chat()
    emulator.user_sends_text(chat, "/menu")
    menu = settle(emulator, chat, 1)[0]
    seen = 1
    for button in buttons(menu):
        emulator.user_sends_text(chat, "/menu")
        menu_again = settle(emulator, chat, seen + 1)[seen]
        seen += 1
        emulator.user_presses(chat, menu_again["message_id"], button["callback_data"])
        replies = settle(emulator, chat, seen + 1)[seen:]
        seen += len(replies)
        topic = button["callback_data"].lstrip("/")
        assert plain(replies[0]).startswith(expect(renderer, f"utter_{topic}", "es")[:40])
        locked = emulator.messages(chat)[seen - len(replies) - 1]
        assert [b["text"] for b in buttons(locked)] == [f"✓ {button['text']}"]
    assert len(emulator.calls("answerCallbackQuery")) >= len(buttons(menu))
    # Pressing the locked button again does nothing but acknowledge it.
    before = len(emulator.messages(chat))
    locked_data = buttons(locked)[0]["callback_data"]
    emulator.user_presses(chat, locked["message_id"], locked_data)
    emulator.wait_for(lambda: False, timeout=2)
    assert len(emulator.messages(chat)) == before


def test_help_near_me_lists_the_nearest_with_distance_and_keeps_no_location(
    emulator, telegram_bot, renderer, inbox_url
) -> None:
    chat = new_chat()
    emulator.user_sends_text(chat, "busco un albergue para dormir")
    answer = settle(emulator, chat, 1)[-1]
    press(emulator, chat, answer, "📍")
    ask = settle(emulator, chat, 2)[-1]
    assert plain(ask) == expect(renderer, "utter_telegram_ask_location", "es")
    assert ask["reply_markup"]["keyboard"][0][0]["request_location"] is True
    count = len(emulator.messages(chat))
    emulator.user_sends(chat, {"location": {"latitude": 14.9021, "longitude": -92.2641}})  # Tapachula
    reply = plain(settle(emulator, chat, count + 1)[-1])
    assert reply.startswith(expect(renderer, "utter_telegram_nearby", "es").split("\n")[0])
    assert "Belén" in reply and "km · Tapachula" in reply
    assert "Tecún Umán" not in reply  # the nearest in the user's country, not across the border
    stored = _all_rows(inbox_url)
    assert "14.90" not in stored and "92.26" not in stored


def _all_rows(url: str) -> str:
    inbox = Inbox(url)
    try:
        with inbox.engine.begin() as db:
            return json.dumps(
                [
                    list(map(str, row))
                    for table in ("senda_inbox", "senda_outbox", "senda_chats")
                    for row in db.exec_driver_sql(f"SELECT * FROM {table}").all()
                ]
            )
    finally:
        inbox.close()


NOT_TEXT = [
    ("voice", voice_content(), "utter_telegram_voice"),
    ("photo", photo_content(), "utter_telegram_not_text"),
    ("sticker", sticker_content(), "utter_telegram_not_text"),
    ("document", document_content(), "utter_telegram_not_text"),
    ("contact", contact_content(), "utter_telegram_not_text"),
    ("poll", poll_content(), "utter_telegram_not_text"),
    ("emoji only", {"text": "🙏🙏😢"}, "utter_telegram_not_understood"),
    ("blank", {"text": " . "}, "utter_telegram_not_understood"),
    ("10,000 characters", {"text": "ayuda " * 1667}, "utter_telegram_too_long"),
]


@pytest.mark.parametrize("kind,content,response", NOT_TEXT, ids=[k for k, _, _ in NOT_TEXT])
def test_anything_but_a_question_gets_a_short_reply_with_the_menu(
    emulator, telegram_bot, renderer, kind, content, response
) -> None:
    chat = new_chat()
    emulator.user_sends(chat, content, language_code="en")
    reply = settle(emulator, chat, 1)[0]
    assert plain(reply) == expect(renderer, response, "en")
    menu = [b["payload"] for b in renderer.render("utter_main_menu", "en", {}, {}).buttons]
    assert [b["callback_data"] for b in buttons(reply)][-len(menu) :] == menu
    assert telegram_bot.alive()


def test_an_edited_message_gets_a_reply_not_a_crash(emulator, telegram_bot, renderer) -> None:
    chat = new_chat()
    emulator.user_sends(chat, {"text": "hola"}, edited=True)
    assert plain(settle(emulator, chat, 1)[0]) == expect(renderer, "utter_telegram_edited", "es")
    assert telegram_bot.alive()


def test_borrar_asks_then_deletes_every_row_of_that_user(
    emulator, telegram_bot, renderer, stack, inbox_url
) -> None:
    chat, other = new_chat(), new_chat()
    for who in (chat, other):
        emulator.user_sends_text(who, "hola")
        emulator.user_sends_text(who, "¿qué es el TPS?")
    settle(emulator, chat, 2)
    settle(emulator, other, 2)
    sender = sender_of(chat)
    assert tracker_rows(stack.settings.db_url, sender) > 0
    emulator.user_sends_text(chat, "/borrar")
    confirm = settle(emulator, chat, 3)[-1]
    assert plain(confirm) == expect(renderer, "utter_telegram_delete_confirm", "es")
    assert tracker_rows(stack.settings.db_url, sender) > 0  # nothing deleted before "yes"
    press(emulator, chat, confirm, "Sí")
    done = settle(emulator, chat, 4)[-1]
    assert plain(done) == expect(renderer, "utter_telegram_deleted", "es")
    assert "Telegram" in plain(done)
    assert tracker_rows(stack.settings.db_url, sender) == 0
    inbox = Inbox(inbox_url)
    try:
        assert emulator.wait_for(lambda: inbox.rows_of(sender) == 0, timeout=10)
    finally:
        inbox.close()
    assert sender not in _all_rows(inbox_url)
    assert tracker_rows(stack.settings.db_url, sender_of(other)) > 0  # only that user


def test_an_unknown_button_key_says_it_expired(emulator, telegram_bot, renderer) -> None:
    chat = new_chat()
    emulator.user_sends_text(chat, "/menu")
    menu = settle(emulator, chat, 1)[0]
    emulator.user_presses(chat, menu["message_id"], "k:does-not-exist")
    reply = settle(emulator, chat, 2)[-1]
    assert plain(reply) == expect(renderer, "utter_telegram_button_expired", "es")


# --- danger first, before any of the bot's own limits ------------------------------------
def is_emergency(message: Dict[str, Any]) -> bool:
    return "911" in plain(message)


def test_a_too_long_message_naming_danger_gets_the_emergency_contacts_first(
    emulator, telegram_bot, renderer
) -> None:
    text = (
        "les cuento todo lo que nos paso en el camino desde honduras " * 34
    ) + "y ahora los de la mara me quieren matar"
    assert len(text) > 2000
    chat = new_chat()
    emulator.user_sends_text(chat, text)
    replies = settle(emulator, chat, 2)
    assert is_emergency(replies[0]), plain(replies[0])[:200]
    assert plain(replies[-1]) == expect(renderer, "utter_telegram_too_long", "es")


@pytest.mark.parametrize(
    "content, notice",
    [
        (
            {**photo_content(), "caption": "auxilio me tienen encerrada en esta casa"},
            "utter_telegram_not_text",
        ),
        ({**voice_content(), "caption": "me quieren matar"}, "utter_telegram_voice"),
        ({"text": "/ayudaaa me quieren matar"}, "utter_telegram_help"),
    ],
    ids=["photo caption", "voice caption", "unknown command"],
)
def test_danger_in_a_caption_or_after_a_command_comes_first(
    emulator, telegram_bot, renderer, content, notice
) -> None:
    chat = new_chat()
    emulator.user_sends(chat, content)
    replies = settle(emulator, chat, 2)
    assert is_emergency(replies[0]), plain(replies[0])[:200]
    assert plain(replies[-1]) == expect(renderer, notice, "es")


def test_an_edited_message_naming_danger_gets_the_emergency_contacts(
    emulator, telegram_bot, renderer
) -> None:
    chat = new_chat()
    emulator.user_sends(chat, {"text": "tengo miedo, me siguen"}, edited=True)
    replies = settle(emulator, chat, 2)
    assert is_emergency(replies[0])
    assert plain(replies[-1]) == expect(renderer, "utter_telegram_edited", "es")
