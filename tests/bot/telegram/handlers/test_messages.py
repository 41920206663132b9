"""Text, commands, languages and what is not text, as the user meets them in-process
(tests/support/handler_harness.py: a fake Rasa, a fake Bot API; the same behaviours
run end to end in tests/e2e/test_telegram*.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

from actions.content.ids import PAYLOAD_MAIN_MENU
from bot.telegram import own_messages
from tests.bot.telegram.handlers.cases import (
    CHAT,
    OTHER_CHAT,
    data_of,
    expect,
    menu_data,
)
from tests.support.fake_bot_api import plain
from tests.support.fake_rasa import FakeRasa, text
from tests.support.handler_harness import Harness, run
from tests.support.telegram_emulator import photo_content, sticker_content, voice_content


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


@pytest.mark.parametrize(
    "content,notice",
    [
        (voice_content(), own_messages.VOICE),
        (sticker_content(), own_messages.NOT_TEXT),
        (photo_content(), own_messages.NOT_TEXT),
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
