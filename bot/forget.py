"""Delete a user's conversation from Rasa's tracker store, at the database level.

Rasa Open Source has no endpoint to delete a conversation; its SQL tracker store
keeps one row per event in the `events` table, keyed by sender_id.
"""
from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

EVENTS_TABLE = "events"


def delete_tracker(db_url: str, sender: str) -> int:
    """Rows deleted; 0 when the store has no such conversation (or no table yet)."""
    engine = create_engine(db_url)
    try:
        with engine.begin() as db:
            result = db.execute(text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender"),
                                {"sender": sender})
            return result.rowcount or 0
    except (OperationalError, ProgrammingError) as error:
        if "no such table" in str(error) or "does not exist" in str(error):
            return 0
        raise
    finally:
        engine.dispose()


def tracker_rows(db_url: str, sender: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.begin() as db:
            return int(db.execute(text(f"SELECT COUNT(*) FROM {EVENTS_TABLE} WHERE sender_id = :s"),
                                  {"s": sender}).scalar() or 0)
    finally:
        engine.dispose()
