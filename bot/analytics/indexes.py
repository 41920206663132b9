"""The indexes the analytics' reads use on Rasa's tracker store, created by the CLI and
the dashboard at start (the store itself is opened with bot/database.py's open_engine)."""

from __future__ import annotations

from typing import List

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from bot.tracker_store import EVENTS_TABLE, has_events

# Indexes analytics uses: the session starts (read by an index-only scan), time ranges,
# and slot events by sender (a conversation's last language and country in one probe,
# for the unanswered questions). On PostgreSQL built CONCURRENTLY: Rasa keeps writing.
_INDEXES = {
    "postgresql": (
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_sessions ON events "
        "(sender_id, id) INCLUDE (\"timestamp\") WHERE type_name = 'session_started'",
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_time ON events ("timestamp")',
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_slots ON events "
        "(sender_id, action_name, id) WHERE type_name = 'slot'",
        # The unanswered-questions page walks bot replies back in time.
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_replies ON events "
        "(\"timestamp\") WHERE type_name = 'bot'",
    ),
    "sqlite": (
        'CREATE INDEX IF NOT EXISTS senda_events_sessions ON events (sender_id, id, "timestamp") '
        "WHERE type_name = 'session_started'",
        'CREATE INDEX IF NOT EXISTS senda_events_time ON events ("timestamp")',
        "CREATE INDEX IF NOT EXISTS senda_events_slots ON events (sender_id, action_name, id) "
        "WHERE type_name = 'slot'",
        "CREATE INDEX IF NOT EXISTS senda_events_replies ON events (\"timestamp\") WHERE type_name = 'bot'",
    ),
}
INDEX_NAMES = ("senda_events_sessions", "senda_events_time", "senda_events_slots", "senda_events_replies")


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
