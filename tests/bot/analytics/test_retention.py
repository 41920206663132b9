"""Retention deletes exactly the conversations older than the limit, whole, on SQLite and
PostgreSQL; what stays is untouched, a second run deletes nothing, and Rasa still loads
the tracker of a sender whose old conversations went."""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime, timedelta, timezone
from typing import List, Set

import pytest
import sqlalchemy as sa

from bot.cli.analytics import add_report_commands
from bot.database import open_engine
from bot.tracker_store import count_old_conversations, delete_old_conversations
from tests.support.analytics_fixture import (  # noqa: F401  (pytest fixtures)
    KNOWN_CONVERSATIONS,
    KNOWN_NOW,
    KNOWN_OLD,
    ConversationSpec,
    eval_conversations,
    known_store,
    pg_url,
    sender_id,
    sqlite_url,
    store_url,
    tracker_store,
    write_conversations,
)


def event_ids(url: str, spec: ConversationSpec = None) -> Set[int]:
    """All event ids, or those of one conversation (its sender, from its start to its
    last turn: the fixture's conversations of one sender are days apart)."""
    engine = sa.create_engine(url)
    query, params = "SELECT id FROM events", {}
    if spec is not None:
        start = spec.start.timestamp()
        end = start + len(spec.turn_list()) * spec.turn_gap.total_seconds() + 120
        query += " WHERE sender_id = :s AND timestamp BETWEEN :a AND :b"
        params = {"s": spec.sender, "a": start - 1, "b": end}
    with engine.connect() as db:
        ids = {row[0] for row in db.execute(sa.text(query), params)}
    engine.dispose()
    return ids


def test_exactly_the_old_conversations_go(store_url: str) -> None:
    known_store(store_url)
    before = event_ids(store_url)
    old = set().union(*(event_ids(store_url, spec) for spec in KNOWN_OLD))
    assert len(KNOWN_OLD) == 7 and old and old < before
    engine = open_engine(store_url, writable=True)
    try:
        assert count_old_conversations(engine, 90, KNOWN_NOW) == 7
        assert event_ids(store_url) == before  # a dry run deletes nothing
        assert delete_old_conversations(engine, 90, KNOWN_NOW) == 7
        assert event_ids(store_url) == before - old  # the rest, every event of it
        assert delete_old_conversations(engine, 90, KNOWN_NOW) == 0
        assert event_ids(store_url) == before - old
    finally:
        engine.dispose()


def test_old_eval_conversations_go_like_any_other(store_url: str) -> None:
    # Analytics leaves senda eval's conversations out; retention does not.
    known_store(store_url)
    evals = eval_conversations()
    write_conversations(store_url, evals)
    old_evals = [spec for spec in evals if spec.start < KNOWN_NOW - timedelta(days=90)]
    assert len(old_evals) == 6
    kept = set().union(*(event_ids(store_url, spec) for spec in evals if spec not in old_evals))
    engine = open_engine(store_url, writable=True)
    try:
        assert delete_old_conversations(engine, 90, KNOWN_NOW) == 7 + 6
    finally:
        engine.dispose()
    left = event_ids(store_url)
    assert kept <= left
    assert not set().union(*(event_ids(store_url, spec) for spec in old_evals))


def test_a_conversation_with_a_recent_event_is_kept_whole(store_url: str) -> None:
    known_store(store_url)
    straddling = next(s for s in KNOWN_CONVERSATIONS if s.sender == sender_id("s1"))
    ids = event_ids(store_url, straddling)
    engine = open_engine(store_url, writable=True)
    try:
        # Cut-off 2024-12-20 00:00: s1 began at 23:30 the day before and went on after it.
        delete_old_conversations(engine, 90, KNOWN_NOW)
        assert ids and ids <= event_ids(store_url)
        # An hour later every event of it is older than the limit: it goes, whole.
        assert delete_old_conversations(engine, 90, KNOWN_NOW + timedelta(hours=1)) == 1
        assert not ids & event_ids(store_url)
    finally:
        engine.dispose()


def test_rasa_still_loads_a_sender_whose_old_conversation_went(store_url: str) -> None:
    known_store(store_url)
    engine = open_engine(store_url, writable=True)
    try:
        delete_old_conversations(engine, 90, KNOWN_NOW)
    finally:
        engine.dispose()
    store = tracker_store(store_url)
    try:
        tracker = asyncio.run(store.retrieve(sender_id("g2")))  # one old, one recent
        assert tracker is not None
        assert (tracker.get_slot("language"), tracker.get_slot("country")) == ("es", "GT")
        assert [e.type_name for e in tracker.events][0] == "session_started"
        assert "utter_asylum_us" in [getattr(e, "action_name", None) for e in tracker.events]
        full = asyncio.run(store.retrieve_full_tracker(sender_id("g2")))
        assert "utter_asylum_mexico" not in [
            getattr(e, "action_name", None) for e in full.events
        ]  # the old one
        assert asyncio.run(store.retrieve(sender_id("s2"))) is None  # only an old one
    finally:
        store.engine.dispose()


def test_everything_recent_stays(store_url: str) -> None:
    known_store(store_url)
    before = event_ids(store_url)
    engine = open_engine(store_url, writable=True)
    try:
        earliest = min(spec.start for spec in KNOWN_CONVERSATIONS)
        days = (KNOWN_NOW - earliest).days + 1
        assert count_old_conversations(engine, days, KNOWN_NOW) == 0
        assert delete_old_conversations(engine, days, KNOWN_NOW) == 0
        assert event_ids(store_url) == before
    finally:
        engine.dispose()


def run_cli(argv: List[str], capsys: pytest.CaptureFixture[str]) -> "tuple[int, str, str]":
    parser = argparse.ArgumentParser(prog="senda analytics")
    add_report_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code = args.func(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_retention_command(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    known_store(sqlite_url)
    monkeypatch.setenv("SENDA_DB_URL", sqlite_url)
    # Everything in the fixture is months old by now; keep it all with a long period.
    monkeypatch.setenv("SENDA_RETENTION_DAYS", "36500")
    before = event_ids(sqlite_url)
    code, out, err = run_cli(["retention"], capsys)
    assert code == 0, err
    assert out.splitlines()[-1] == "deleted_conversations 0"
    today = datetime.now(timezone.utc)
    days = (today - datetime(2025, 1, 1, tzinfo=timezone.utc)).days  # before 2025: 8 go
    code, out, err = run_cli(["retention", "--days", str(days), "--dry-run"], capsys)
    assert code == 0, err
    assert out.splitlines() == [f"days={days} before=2025-01-01", "would_delete_conversations 8"]
    assert event_ids(sqlite_url) == before
    code, out, err = run_cli(["retention", "--days", str(days)], capsys)
    assert out.splitlines()[-1] == "deleted_conversations 8"
    assert len(event_ids(sqlite_url)) < len(before)
