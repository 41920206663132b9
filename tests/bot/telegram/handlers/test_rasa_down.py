"""Nothing a user sent is lost: Rasa down and back, a restart, an answer Rasa cannot
give; /borrar (in-process, tests/support/handler_harness.py).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from actions.content.ids import PAYLOAD_DELETE_YES, UTTER_SERVICE_ERROR
from bot.telegram import own_messages
from bot.tracker_store import tracker_rows
from tests.bot.telegram.handlers.cases import (
    CHAT,
    OTHER_CHAT,
    data_of,
    expect,
    message_id,
)
from tests.support.fake_bot_api import plain
from tests.support.fake_rasa import FakeRasa
from tests.support.handler_harness import Harness, run


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
