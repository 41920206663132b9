"""The tracker store as the analytics open it: an engine (read-only unless asked),
whether Rasa has created its `events` table yet, and the indexes the analytics' reads use.

Every analytics read (counts/, unanswered/, disliked/), the dashboard, the CLI and the
retention job open the store here; it is apart from what they read, so a newcomer finds
how the store is opened (and which indexes it gets) in one short module.
"""
from __future__ import annotations

from typing import List

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine

EVENTS_TABLE = "events"


def analytics_engine(url: str, writable: bool = False) -> Engine:
    """An engine on the tracker store. Read-only unless `writable` (retention, indexes):
    PostgreSQL sessions are read-only transactions; SQLite is opened read-only, so a
    mistyped path is an error rather than a new empty database."""
    if url.startswith("sqlite"):
        if not writable and "mode=ro" not in url:
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and not path.startswith("file:"):
                url = f"sqlite:///file:{path}?mode=ro&uri=true"
        return create_engine(url)
    options = "-c jit=off"   # compiling the big statement costs more than it saves
    if not writable:
        options += " -c default_transaction_read_only=on"
    if url.startswith(("postgresql", "postgres")):
        return create_engine(url, connect_args={"options": options})
    return create_engine(url)


# Indexes analytics uses: the session starts (read by an index-only scan), time ranges,
# and slot events by sender (a conversation's last language and country in one probe,
# for the unanswered questions). On PostgreSQL built CONCURRENTLY: Rasa keeps writing.
_INDEXES = {
    "postgresql": (
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_sessions ON events '
        '(sender_id, id) INCLUDE ("timestamp") WHERE type_name = \'session_started\'',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_time ON events ("timestamp")',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_slots ON events '
        '(sender_id, action_name, id) WHERE type_name = \'slot\'',
        # The unanswered-questions page walks bot replies back in time.
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_replies ON events '
        '("timestamp") WHERE type_name = \'bot\'',
    ),
    "sqlite": (
        'CREATE INDEX IF NOT EXISTS senda_events_sessions ON events (sender_id, id, "timestamp") '
        'WHERE type_name = \'session_started\'',
        'CREATE INDEX IF NOT EXISTS senda_events_time ON events ("timestamp")',
        'CREATE INDEX IF NOT EXISTS senda_events_slots ON events (sender_id, action_name, id) '
        'WHERE type_name = \'slot\'',
        'CREATE INDEX IF NOT EXISTS senda_events_replies ON events ("timestamp") '
        'WHERE type_name = \'bot\'',
    ),
}
INDEX_NAMES = ("senda_events_sessions", "senda_events_time", "senda_events_slots",
               "senda_events_replies")


def has_events(engine: Engine) -> bool:
    """Whether Rasa has created its events table yet (a new install has none)."""
    return inspect(engine).has_table(EVENTS_TABLE)


def ensure_indexes(engine: Engine) -> List[str]:
    """Create the senda_* indexes on Rasa's events table if missing (needs a writable
    engine); returns the names that were missing. Called by the CLI and the dashboard at
    start, never at import."""
    if not has_events(engine):
        return []
    existing = {index["name"] for index in inspect(engine).get_indexes(EVENTS_TABLE)}
    statements = _INDEXES.get(engine.dialect.name, _INDEXES["sqlite"])
    missing = [name for name in INDEX_NAMES if name not in existing]
    if missing:
        # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
            for statement in statements:
                db.execute(text(statement))
    return missing
