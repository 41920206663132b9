"""Danger first: the emergency answer before anything else, past the flood limit and the
chat's queue; "near me" without storing the place (in-process,
tests/support/handler_harness.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Dict, List

import pytest

from bot.telegram import own_messages
from tests.bot.telegram.handlers.cases import (
    CHAT,
    DANGER,
    expect,
)
from tests.support.fake_bot_api import Call, plain
from tests.support.fake_rasa import FakeRasa, text
from tests.support.handler_harness import Harness, run
from tests.support.telegram_emulator import photo_content, voice_content


def emergency_rasa() -> FakeRasa:
    rasa = FakeRasa()
    rasa.default = lambda sender, message: text("🚨 911") if "matar" in message else text("Rasa's answer")
    return rasa


@pytest.mark.parametrize(
    "content,notice",
    [
        ({**photo_content(), "caption": DANGER}, own_messages.NOT_TEXT),
        ({**voice_content(), "caption": DANGER}, own_messages.VOICE),
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
