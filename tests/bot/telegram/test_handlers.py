"""The Telegram handlers as a user meets them, in-process: a fake Rasa, a fake Bot API.

Each test plays a short conversation through the application production builds
(tests/support/handler_harness.py) and checks what the user would see: which messages
come, in which language, in which order, and that nothing a user sent is lost. The
same behaviours run end to end against the trained model in tests/e2e/test_telegram*.py.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any, Dict, List

import httpx
import pytest
from telegram import Update

from actions.content.feedback import DOWN, UP, rating_payload
from actions.content.ids import PAYLOAD_DELETE_YES, PAYLOAD_MAIN_MENU, UTTER_SERVICE_ERROR
from bot.telegram import own_messages
from bot.telegram.keyboards import DONE, KEY_PREFIX
from bot.telegram.messages import to_html
from bot.tracker_store import tracker_rows
from tests.support.fake_bot_api import Call, buttons, plain
from tests.support.fake_rasa import FakeRasa, text
from tests.support.handler_harness import Harness, run

CHAT = 5501
OTHER_CHAT = 5502
DANGER = "auxilio me quieren matar"
VOICE = {"file_id": "voice-1", "file_unique_id": "v1", "duration": 4}
STICKER = {
    "file_id": "sticker-1",
    "file_unique_id": "s1",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}
PHOTO = [{"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}]


def expect(name: str, language: str) -> str:
    """What the user reads of one of the bot's own messages."""
    return plain({"text": to_html(own_messages.render(name, language).text)})


def data_of(message: Dict[str, Any]) -> List[str]:
    return [button["callback_data"] for button in buttons(message)]


def message_id(update: Update) -> int:
    assert update.effective_message is not None
    return update.effective_message.message_id


def menu_data(language: str) -> List[str]:
    return [button["payload"] for button in own_messages.render("utter_main_menu", language).buttons]


# --- text -------------------------------------------------------------------------------------


def test_a_question_gets_rasas_answer_in_the_same_chat_under_a_pseudonym(tmp_path: Path) -> None:
    rasa = FakeRasa()
    rasa.answer(
        "como pido asilo",
        text("Para pedir asilo…", buttons=[{"title": "Más", "payload": "/asylum_us"}]),
    )

    async def talk(h: Harness) -> None:
        update = await h.send(CHAT, text="como pido asilo")
        assert h.api.texts(CHAT) == ["Para pedir asilo…"]
        assert data_of(h.api.sent(CHAT)[0]) == ["/asylum_us"]
        assert h.api.sent(OTHER_CHAT) == []
        # Rasa knows the chat only by its HMAC sender id, never the Telegram id.
        assert [(r.sender, r.message) for r in rasa.received] == [(h.sender(CHAT), "como pido asilo")]
        assert str(CHAT) not in h.sender(CHAT)
        assert not h.inbox.is_pending(update.update_id)  # answered

    run(talk, tmp_path, rasa)


def test_emoji_only_gets_the_bots_own_not_understood_without_asking_rasa(tmp_path: Path) -> None:
    rasa = FakeRasa()

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="👍🙏")
        assert h.api.texts(CHAT) == [expect(own_messages.NOT_UNDERSTOOD, "es")]
        assert data_of(h.api.sent(CHAT)[0])[-len(menu_data("es")) :] == menu_data("es")
        assert rasa.received == []

    run(talk, tmp_path, rasa)


def test_answers_of_one_chat_come_in_the_order_of_its_messages(tmp_path: Path) -> None:
    rasa = FakeRasa(default=lambda sender, message: text(f"answer to {message}"))
    rasa.answer("pregunta 0", text("answer to pregunta 0"), after=0.2)  # the later ones would overtake it

    async def talk(h: Harness) -> None:
        for number in range(5):
            await h.receive({"message": h.message(CHAT, text=f"pregunta {number}")})
        await h.settle()
        assert h.api.texts(CHAT) == [f"answer to pregunta {number}" for number in range(5)]

    run(talk, tmp_path, rasa)


# --- commands and languages -------------------------------------------------------------------


def test_start_greets_in_the_phones_language_offers_the_languages_then_the_menu(tmp_path: Path) -> None:
    rasa = FakeRasa()
    rasa.answer(PAYLOAD_MAIN_MENU, text("Rasa's menu"))

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="/start", language_code="en-US")
        welcome, menu = h.api.sent(CHAT)
        assert plain(welcome) == expect(own_messages.START, "en")
        assert data_of(welcome) == [f'/set_language{{"language":"{code}"}}' for code in ("es", "en", "quc")]
        assert plain(menu) == "Rasa's menu"
        # The phone's language preselects Rasa's language slot too.
        assert rasa.slots[h.sender(CHAT)]["language"] == "en"
        assert rasa.messages() == [PAYLOAD_MAIN_MENU]

    run(talk, tmp_path, rasa)


def test_the_language_chosen_by_button_is_the_one_the_bot_speaks(tmp_path: Path) -> None:
    rasa = FakeRasa()

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="/start", language_code="es")
        welcome = h.api.sent(CHAT)[0]
        query = await h.press(CHAT, welcome, '/set_language{"language":"quc"}')
        assert h.api.calls_of("answerCallbackQuery", callback_query_id=query)
        assert rasa.messages()[-1] == '/set_language{"language":"quc"}'
        # Telegram has no code for K'iche': its command list is set in this chat.
        scoped = h.api.calls_of("setMyCommands", scope={"type": "chat", "chat_id": CHAT})
        assert {c["command"] for c in scoped[-1]["commands"]} == {
            "menu",
            "idioma",
            "ayuda",
            "privacidad",
            "borrar",
        }
        seen = len(h.api.sent(CHAT))
        await h.send(CHAT, text="/idioma", language_code="es")
        assert h.api.texts(CHAT)[seen:] == [expect(own_messages.CHOOSE_LANGUAGE, "quc")]

    run(talk, tmp_path, rasa)


@pytest.mark.parametrize("command", ["/language", "/idioma"])
def test_the_language_command_answers_in_any_languages_name(tmp_path: Path, command: str) -> None:
    async def talk(h: Harness) -> None:
        await h.send(CHAT, text=command, language_code="en")
        (chooser,) = h.api.sent(CHAT)
        assert plain(chooser) == expect(own_messages.CHOOSE_LANGUAGE, "en")
        assert len(data_of(chooser)) == 3

    run(talk, tmp_path)


def test_an_unknown_command_gets_the_help_with_the_menu(tmp_path: Path) -> None:
    rasa = FakeRasa()

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="/nada")
        assert h.api.texts(CHAT) == [expect(own_messages.HELP, "es")]
        assert rasa.received == []

    run(talk, tmp_path, rasa)


# --- buttons ----------------------------------------------------------------------------------


def test_a_button_press_is_acknowledged_locked_and_its_payload_goes_to_rasa(tmp_path: Path) -> None:
    rasa = FakeRasa()
    rasa.answer(
        PAYLOAD_MAIN_MENU,
        text(
            "Temas",
            buttons=[
                {"title": "Asilo", "payload": "/asylum_us"},
                {"title": "Coyotes", "payload": "/smugglers"},
            ],
        ),
    )
    rasa.answer("/asylum_us", text("Sobre el asilo"))

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="/menu")
        menu = h.api.sent(CHAT)[0]
        query = await h.press(CHAT, menu, "/asylum_us")
        assert h.api.calls_of("answerCallbackQuery", callback_query_id=query)
        assert rasa.messages() == [PAYLOAD_MAIN_MENU, "/asylum_us"]
        assert h.api.texts(CHAT) == ["Temas", "Sobre el asilo"]
        locked = h.api.sent(CHAT)[0]  # the menu as the user now sees it
        assert [(b["text"], b["callback_data"]) for b in buttons(locked)] == [("✓ Asilo", DONE)]
        # The locked button only acknowledges a second press.
        again = await h.press(CHAT, locked, DONE)
        assert h.api.calls_of("answerCallbackQuery", callback_query_id=again)
        assert len(h.api.sent(CHAT)) == 2 and len(rasa.received) == 2

    run(talk, tmp_path, rasa)


def test_a_payload_too_long_for_telegram_reaches_rasa_whole(tmp_path: Path) -> None:
    long_payload = '/country{"country":"' + "guatemala " * 8 + '"}'
    rasa = FakeRasa()
    rasa.answer("hola", text("Elige", buttons=[{"title": "Guatemala", "payload": long_payload}]))

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="hola")
        (key,) = data_of(h.api.sent(CHAT)[0])
        assert key.startswith(KEY_PREFIX) and len(key.encode()) <= 64
        await h.press(CHAT, h.api.sent(CHAT)[0], key)
        assert rasa.messages()[-1] == long_payload

    run(talk, tmp_path, rasa)


def test_an_answer_is_rated_once_and_keeps_its_own_buttons(tmp_path: Path) -> None:
    up, down = rating_payload(UP, "asylum_us"), rating_payload(DOWN, "asylum_us")
    rasa = FakeRasa()
    rasa.answer(
        "asilo",
        text(
            "Sobre el asilo",
            buttons=[
                {"title": "Más", "payload": "/asylum_more"},
                {"title": "👍", "payload": up},
                {"title": "👎", "payload": down},
            ],
        ),
    )
    rasa.answer(up, text("¡Gracias!"))

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="asilo")
        answer = h.api.sent(CHAT)[0]
        await h.press(CHAT, answer, up)
        rated = h.api.sent(CHAT)[0]
        assert [b["text"] for b in buttons(rated)] == ["Más", "✓ 👍"]
        assert h.api.texts(CHAT)[1:] == ["¡Gracias!"]
        await h.press(CHAT, answer, down)  # a second tap, on the keyboard as it was
        assert rasa.messages().count(up) == 1 and down not in rasa.messages()
        assert len(h.api.sent(CHAT)) == 2

    run(talk, tmp_path, rasa)


# --- what is not text -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content,notice",
    [
        ({"voice": VOICE}, own_messages.VOICE),
        ({"sticker": STICKER}, own_messages.NOT_TEXT),
        ({"photo": PHOTO}, own_messages.NOT_TEXT),
    ],
    ids=["voice", "sticker", "photo"],
)
def test_what_is_not_text_gets_the_bots_own_clear_message(
    tmp_path: Path, content: Dict[str, Any], notice: str
) -> None:
    rasa = FakeRasa()

    async def talk(h: Harness) -> None:
        update = await h.send(CHAT, language_code="en", **content)
        (answer,) = h.api.sent(CHAT)
        assert plain(answer) == expect(notice, "en")
        assert data_of(answer)[-len(menu_data("en")) :] == menu_data("en")
        assert rasa.received == []
        assert not h.inbox.is_pending(update.update_id)

    run(talk, tmp_path, rasa)


def test_an_edited_message_is_told_it_cannot_be_read_again(tmp_path: Path) -> None:
    rasa = FakeRasa()

    async def talk(h: Harness) -> None:
        sent = await h.send(CHAT, text="como pido asilo")
        await h.edit(sent, "como pido asilo en mexico")
        assert h.api.texts(CHAT) == ["Rasa's answer", expect(own_messages.EDITED, "es")]
        assert rasa.messages() == ["como pido asilo"]

    run(talk, tmp_path, rasa)


# --- danger first -----------------------------------------------------------------------------


def emergency_rasa() -> FakeRasa:
    rasa = FakeRasa()
    rasa.default = lambda sender, message: text("🚨 911") if "matar" in message else text("Rasa's answer")
    return rasa


@pytest.mark.parametrize(
    "content,notice",
    [
        ({"photo": PHOTO, "caption": DANGER}, own_messages.NOT_TEXT),
        ({"voice": VOICE, "caption": DANGER}, own_messages.VOICE),
        ({"text": f"/nada {DANGER}"}, own_messages.HELP),
    ],
    ids=["photo-caption", "voice-caption", "unknown-command"],
)
def test_words_naming_danger_get_the_emergency_answer_before_the_bots_notice(
    tmp_path: Path, content: Dict[str, Any], notice: str
) -> None:
    rasa = emergency_rasa()

    async def talk(h: Harness) -> None:
        await h.send(CHAT, **content)
        assert h.api.texts(CHAT) == ["🚨 911", expect(notice, "es")]
        assert rasa.messages() == [DANGER]

    run(talk, tmp_path, rasa)


def test_an_edit_naming_danger_gets_the_emergency_answer_first(tmp_path: Path) -> None:
    rasa = emergency_rasa()

    async def talk(h: Harness) -> None:
        sent = await h.send(CHAT, text="hola")
        await h.edit(sent, DANGER)
        assert h.api.texts(CHAT) == ["Rasa's answer", "🚨 911", expect(own_messages.EDITED, "es")]

    run(talk, tmp_path, rasa)


def test_a_too_long_message_naming_danger_sends_rasa_its_dangerous_part(tmp_path: Path) -> None:
    rasa = emergency_rasa()
    long_text = "estamos en el camino desde hace dias " * 8 + DANGER + " por favor" * 10

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text=long_text)
        assert h.api.texts(CHAT) == ["🚨 911", expect(own_messages.TOO_LONG, "es")]
        (asked,) = rasa.messages()
        assert "matar" in asked and len(asked) <= 120
        await h.send(CHAT, text="sin peligro " * 20)  # too long, no danger: only the notice
        assert h.api.texts(CHAT)[2:] == [expect(own_messages.TOO_LONG, "es")]
        assert len(rasa.received) == 1

    run(talk, tmp_path, rasa, max_message_chars=120)


def test_danger_skips_the_flood_limit_that_slows_other_messages(tmp_path: Path) -> None:
    rasa = emergency_rasa()
    slow_down = expect(own_messages.SLOW_DOWN, "es")

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="uno")
        await h.send(CHAT, text="dos")
        await h.send(CHAT, text=DANGER)  # over the limit, answered at once
        assert h.api.texts(CHAT) == ["Rasa's answer", "Rasa's answer", "🚨 911"]
        slowed = await h.receive({"message": h.message(CHAT, text="cuatro")})  # over the limit
        await h.api.wait_for(lambda: slow_down in h.api.texts(CHAT))
        assert rasa.messages() == ["uno", "dos", DANGER]
        assert h.inbox.is_pending(slowed.update_id)  # slowed, not dropped

    run(talk, tmp_path, rasa, flood_per_minute=2)


def test_danger_does_not_queue_behind_the_chats_slow_answer(tmp_path: Path) -> None:
    rasa = emergency_rasa()
    rasa.answer("una pregunta larga", text("a slow answer"), after=0.5)

    async def talk(h: Harness) -> None:
        await h.receive({"message": h.message(CHAT, text="una pregunta larga")})
        await h.receive({"message": h.message(CHAT, text=DANGER)})
        await h.settle()
        assert h.api.texts(CHAT) == ["🚨 911", "a slow answer"]

    run(talk, tmp_path, rasa)


# --- help near me -----------------------------------------------------------------------------


def test_help_near_me_asks_for_the_location_and_answers_without_storing_it(tmp_path: Path) -> None:
    rasa = FakeRasa()
    near_me = '/near_me{"need":"find_shelter"}'
    rasa.answer(
        "busco albergue", text("Albergues…", buttons=[{"title": "📍 Cerca de mí", "payload": near_me}])
    )

    async def talk(h: Harness) -> None:
        await h.send(CHAT, text="busco albergue")
        await h.press(CHAT, h.api.sent(CHAT)[0], near_me)
        ask = h.api.sent(CHAT)[1]
        assert plain(ask) == expect(own_messages.ASK_LOCATION, "es")
        assert ask["reply_markup"]["keyboard"][0][0]["request_location"] is True
        stored: List[str] = []  # the inbox as the nearby answer goes out

        def look(call: Call) -> None:
            if call.method == "sendMessage" and "Tapachula" in str(call.params.get("text")):
                with sqlite3.connect(h.settings.telegram.inbox_url.removeprefix("sqlite:///")) as db:
                    stored.append("\n".join(db.iterdump()))

        h.api.on_call.append(look)
        update = await h.send(CHAT, location={"latitude": 14.9021, "longitude": -92.2641})  # Tapachula
        nearby = h.api.sent(CHAT)[2]
        assert plain(nearby).split("\n")[0] == expect(own_messages.NEARBY, "es").split("\n")[0]
        assert "Tapachula" in plain(nearby)
        assert nearby["reply_markup"] == {"remove_keyboard": True}
        assert rasa.messages() == ["busco albergue"]  # the location never goes to Rasa
        (snapshot,) = stored
        assert str(update.update_id) in snapshot  # the update is there, pending…
        for trace in ("14.90", "92.26", "Tapachula"):  # …without the place, nor the answer naming it
            assert trace not in snapshot

    run(talk, tmp_path, rasa)


# --- Rasa down --------------------------------------------------------------------------------


@pytest.mark.parametrize("failure", [httpx.ConnectError, 500], ids=["refused", "http-500"])
def test_while_rasa_is_down_the_user_is_told_and_the_question_answered_when_it_is_back(
    tmp_path: Path, failure: Any
) -> None:
    rasa = FakeRasa()
    rasa.down(failure)
    busy = expect(own_messages.BUSY, "es")

    async def talk(h: Harness) -> None:
        update = await h.receive({"message": h.message(CHAT, text="como pido asilo")})
        await h.api.wait_for(lambda: h.api.texts(CHAT) == [busy])
        assert h.inbox.is_pending(update.update_id)  # kept, not lost
        rasa.up()
        await h.settle()
        _, answer = h.api.sent(CHAT)
        assert plain(answer) == "Rasa's answer"
        # A late answer says which question it is for.
        assert answer["reply_parameters"]["message_id"] == message_id(update)
        assert not h.inbox.is_pending(update.update_id)
        assert rasa.refused >= 1 and rasa.messages() == ["como pido asilo"]

    run(talk, tmp_path, rasa)


def test_a_question_left_while_rasa_was_down_is_answered_after_a_restart(tmp_path: Path) -> None:
    rasa = FakeRasa()
    rasa.down()
    busy = expect(own_messages.BUSY, "es")

    async def conversation() -> None:
        async with Harness(tmp_path, rasa) as first:
            update = await first.receive({"message": first.message(CHAT, text="como pido asilo")})
            await first.api.wait_for(lambda: first.api.texts(CHAT) == [busy])
        # The bot stopped while Rasa was down: the question is still in the inbox.
        rasa.up()
        async with Harness(tmp_path, rasa) as second:
            await second.settle()
            (answer,) = second.api.sent(CHAT)
            assert plain(answer) == "Rasa's answer"
            assert answer["reply_parameters"]["message_id"] == message_id(update)
            assert not second.inbox.is_pending(update.update_id)

    asyncio.run(conversation())


@pytest.mark.parametrize(
    "reply",
    [httpx.Response(400, text="bad request"), httpx.Response(200, json=[])],
    ids=["refused-by-rasa", "nothing-to-say"],
)
def test_an_answer_rasa_cannot_give_is_said_not_left_in_silence(
    tmp_path: Path, reply: httpx.Response
) -> None:
    rasa = FakeRasa()
    rasa.webhook_response = reply

    async def talk(h: Harness) -> None:
        update = await h.send(CHAT, text="hola", language_code="en")
        assert h.api.texts(CHAT) == [expect(UTTER_SERVICE_ERROR, "en")]
        assert not h.inbox.is_pending(update.update_id)  # answered: not retried forever

    run(talk, tmp_path, rasa)


# --- /borrar ----------------------------------------------------------------------------------


def seed_tracker(db_url: str, sender: str) -> None:
    """A few events of Rasa's SQL tracker store (the columns /borrar and retention read)."""
    with sqlite3.connect(db_url.removeprefix("sqlite:///")) as db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, "
            "type_name TEXT, timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)"
        )
        for name in ("action_session_start", "action_listen"):
            db.execute(
                "INSERT INTO events (sender_id, type_name, timestamp, action_name) "
                "VALUES (?, 'action', ?, ?)",
                (sender, time.time(), name),
            )


def test_borrar_asks_first_then_deletes_everything_kept_about_the_user(tmp_path: Path) -> None:
    def other(h: Harness) -> str:
        return h.sender(OTHER_CHAT)

    async def talk(h: Harness) -> None:
        db_url = h.settings.db_url
        seed_tracker(db_url, h.sender(CHAT))
        seed_tracker(db_url, other(h))
        await h.send(CHAT, text="hola")
        await h.send(CHAT, text="/borrar")
        confirm = h.api.sent(CHAT)[-1]
        assert plain(confirm) == expect(own_messages.DELETE_CONFIRM, "es")
        assert PAYLOAD_DELETE_YES in data_of(confirm)
        assert tracker_rows(db_url, h.sender(CHAT)) == 2  # nothing deleted before the yes
        await h.press(CHAT, confirm, PAYLOAD_DELETE_YES)
        assert h.api.texts(CHAT)[-1] == expect(own_messages.DELETED, "es")
        assert tracker_rows(db_url, h.sender(CHAT)) == 0
        assert h.inbox.rows_of(h.sender(CHAT)) == 0
        assert h.api.calls_of("deleteMyCommands", scope={"type": "chat", "chat_id": CHAT})
        assert tracker_rows(db_url, other(h)) == 2  # only this user's

    run(talk, tmp_path)


def test_borrar_cancelled_keeps_everything(tmp_path: Path) -> None:
    async def talk(h: Harness) -> None:
        seed_tracker(h.settings.db_url, h.sender(CHAT))
        await h.send(CHAT, text="/borrar")
        await h.press(CHAT, h.api.sent(CHAT)[-1], "/senda_delete_no")
        assert h.api.texts(CHAT)[-1] == expect(own_messages.DELETE_CANCELLED, "es")
        assert tracker_rows(h.settings.db_url, h.sender(CHAT)) == 2

    run(talk, tmp_path)
