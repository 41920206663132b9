"""The one writer of Rasa's tracker store: a user's /borrar and retention, in SQL.

Rasa Open Source has no endpoint to delete a conversation; its SQL tracker store
keeps one row per event in the `events` table, keyed by sender_id. Nothing else in
Senda writes there (the analytics only read it).

Retention deletes conversations older than a number of days.

A conversation is a Rasa session: it begins with `action_session_start` (followed by
`session_started`) and runs to the sender's next one. It is deleted, whole, when its
last event is older than the limit; a conversation with any recent event is kept whole,
and so is everything else of that sender. Rasa still loads the sender's tracker: its
latest session is untouched.

`senda eval`'s conversations (bot.identity.EVAL_SENDER_PREFIX), which every other
analytics read leaves out, are deleted here like any other: they are conversations too.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Dict

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from bot.database import open_engine

EVENTS_TABLE = "events"  # Rasa's SQLTrackerStore: one row per event


def has_events(engine: Engine) -> bool:
    """Whether Rasa has created its events table yet (a new install has none)."""
    return inspect(engine).has_table(EVENTS_TABLE)


# Each event's conversation number within its sender: a running count of session
# beginnings. A session begins at action_session_start, or at a session_started that
# does not follow one (older stores, or a session started another way).
_CONVERSATIONS = """
WITH touched AS (
  SELECT DISTINCT sender_id FROM events WHERE "timestamp" < :cutoff
), flagged AS (
  SELECT e.id, e.sender_id, e."timestamp" AS ts,
         CASE WHEN e.type_name = 'action' AND e.action_name = 'action_session_start' THEN 1
              WHEN e.type_name = 'session_started'
               AND COALESCE(LAG(e.action_name) OVER (PARTITION BY e.sender_id ORDER BY e.id), '')
                   <> 'action_session_start' THEN 1
              ELSE 0 END AS begins
  FROM events e WHERE e.sender_id IN (SELECT sender_id FROM touched)
), numbered AS (
  SELECT id, sender_id, ts,
         SUM(begins) OVER (PARTITION BY sender_id ORDER BY id ROWS UNBOUNDED PRECEDING)
           AS conversation
  FROM flagged
), old AS (
  SELECT sender_id, conversation FROM numbered
  GROUP BY sender_id, conversation HAVING MAX(ts) < :cutoff
)
"""

_COUNT = _CONVERSATIONS + "SELECT COUNT(*) FROM old"
_DELETE = (
    _CONVERSATIONS
    + """
DELETE FROM events WHERE id IN (
  SELECT n.id FROM numbered n JOIN old o
    ON o.sender_id = n.sender_id AND o.conversation = n.conversation)
"""
)


def cutoff(days: int, now: datetime) -> float:
    """The unix time before which a conversation's last event makes it old."""
    if days < 1:
        raise ValueError(days)
    return (now - timedelta(days=days)).timestamp()


def _count(db: Connection, params: Dict[str, float]) -> int:
    return int(db.execute(text(_COUNT), params).scalar() or 0)


def count_old_conversations(engine: Engine, days: int, now: datetime) -> int:
    """How many conversations delete_old_conversations would delete now (a dry run)."""
    if not has_events(engine):
        return 0
    with engine.connect() as db:
        return _count(db, {"cutoff": cutoff(days, now)})


def delete_old_conversations(engine: Engine, days: int, now: datetime) -> int:
    """Delete, in one transaction, every conversation whose last event is more than
    `days` days before `now`; returns how many conversations were deleted."""
    if not has_events(engine):
        return 0
    params = {"cutoff": cutoff(days, now)}
    with engine.begin() as db:
        if engine.dialect.name == "postgresql":
            # Rasa appends while this runs: no conversation may change between the count
            # and the delete.
            db.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))
        deleted = _count(db, params)
        if deleted:
            db.execute(text(_DELETE), params)
        return deleted


def delete_tracker(db_url: str, sender: str) -> int:
    """/borrar: every row of one sender; 0 when the store has no such conversation (or
    no table yet)."""
    engine = open_engine(db_url, writable=True)
    try:
        with engine.begin() as db:
            result = db.execute(
                text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender"), {"sender": sender}
            )
            return result.rowcount or 0
    except (OperationalError, ProgrammingError) as error:
        if "no such table" in str(error) or "does not exist" in str(error):
            return 0
        raise
    finally:
        engine.dispose()


def tracker_rows(db_url: str, sender: str) -> int:
    engine = open_engine(db_url, writable=True)
    try:
        with engine.begin() as db:
            return int(
                db.execute(
                    text(f"SELECT COUNT(*) FROM {EVENTS_TABLE} WHERE sender_id = :s"), {"s": sender}
                ).scalar()
                or 0
            )
    finally:
        engine.dispose()
