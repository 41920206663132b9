"""Buttons: a press acknowledged and locked, payloads to Rasa whole, a rating counted
once (in-process, tests/support/handler_harness.py).
"""

from __future__ import annotations

from pathlib import Path

from actions.content.feedback import DOWN, UP, rating_payload
from actions.content.ids import PAYLOAD_MAIN_MENU
from bot.telegram.keyboards import DONE, KEY_PREFIX
from tests.bot.telegram.handlers.cases import (
    CHAT,
    data_of,
)
from tests.support.fake_bot_api import buttons
from tests.support.fake_rasa import FakeRasa, text
from tests.support.handler_harness import Harness, run


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
