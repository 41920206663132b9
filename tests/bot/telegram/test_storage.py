"""The durable inbox on both stores it runs on: SQLite (default) and PostgreSQL (production)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Iterator

import pytest

from bot.telegram.storage import Inbox, OutMessage


@pytest.fixture(params=["sqlite", "postgresql"])
def inbox(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Inbox]:
    url = (
        f"sqlite:///{tmp_path / 'inbox.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("database")
    )
    store = Inbox(url)
    store.create()
    try:
        yield store
    finally:
        store.close()


def test_an_update_is_stored_once_and_pending_until_answered(inbox: Inbox) -> None:
    assert inbox.add(101, "tg-a", 42, {"update_id": 101, "message": {"text": "hola"}})
    assert not inbox.add(101, "tg-a", 42, {"update_id": 101})  # Telegram sent it again
    assert inbox.add(100, "tg-b", 43, {"update_id": 100})
    assert [p.update_id for p in inbox.pending()] == [100, 101]  # in Telegram's order
    inbox.mark_answered(100)
    pending = inbox.pending()
    assert [p.update_id for p in pending] == [101]
    assert pending[0].payload["message"]["text"] == "hola" and pending[0].chat_id == 42
    assert not inbox.add(100, "tg-b", 43, {"update_id": 100})  # answered: still a duplicate


def test_a_recorded_answer_resumes_where_sending_stopped(inbox: Inbox) -> None:
    inbox.add(7, "tg-a", 42, {"update_id": 7})
    assert inbox.answer_of(7) is None
    inbox.record_answer(
        7,
        "tg-a",
        42,
        [
            OutMessage("uno", [{"title": "Menú", "payload": "/main_menu"}]),
            OutMessage("dos", keyboard="location"),
        ],
    )
    inbox.mark_sent(7, 0)
    answer = inbox.answer_of(7)
    assert [(seq, m.text, sent) for seq, m, sent in answer] == [(0, "uno", True), (1, "dos", False)]
    assert answer[0][1].buttons[0]["payload"] == "/main_menu" and answer[1][1].keyboard == "location"


def test_answered_rows_keep_neither_chat_nor_text_and_are_purged(inbox: Inbox) -> None:
    inbox.add(8, "tg-a", 42, {"update_id": 8, "message": {"text": "mi nombre es Ana"}})
    inbox.record_answer(8, "tg-a", 42, [OutMessage("hola")])
    inbox.mark_answered(8)
    with inbox.engine.begin() as db:
        row = db.exec_driver_sql("SELECT chat_id, payload FROM senda_inbox").one()
        assert tuple(row) == (None, None)
        assert db.exec_driver_sql("SELECT COUNT(*) FROM senda_outbox").scalar() == 0
    assert inbox.purge_answered(timedelta(0)) == 1


def test_forget_deletes_one_senders_rows_but_keeps_what_is_unanswered(inbox: Inbox) -> None:
    for update_id, sender in ((1, "tg-a"), (2, "tg-a"), (3, "tg-b")):
        inbox.add(update_id, sender, 42, {"update_id": update_id})
        inbox.record_answer(update_id, sender, 42, [OutMessage("x")])
    inbox.mark_answered(1)
    inbox.set_language("tg-a", "quc")
    inbox.set_language("tg-b", "en")
    inbox.forget("tg-a")
    assert inbox.rows_of("tg-a") == 2  # update 2 is still being answered (inbox + outbox)
    assert [p.update_id for p in inbox.pending()] == [2, 3]
    inbox.forget_update(2)
    assert inbox.rows_of("tg-a") == 0
    assert inbox.rows_of("tg-b") == 3 and inbox.language("tg-b") == "en"


def test_long_payloads_are_found_again_by_their_key(inbox: Inbox) -> None:
    inbox.remember_payload("k:abc", '/near_me{"need":"returnee_support"}')
    inbox.remember_payload("k:abc", '/near_me{"need":"returnee_support"}')  # idempotent
    assert inbox.payload("k:abc") == '/near_me{"need":"returnee_support"}'
    assert inbox.payload("k:zzz") is None
