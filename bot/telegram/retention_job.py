"""Retention while Senda runs: conversations older than SENDA_RETENTION_DAYS are deleted
from the tracker store once at start and then once a day (bot/tracker_store.py).

python-telegram-bot's JobQueue needs an APScheduler newer than the one Rasa pins, so
this is a plain asyncio task, started in post_init and cancelled at shutdown.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy.exc import SQLAlchemyError

from bot.database import open_engine
from bot.tracker_store import delete_old_conversations

logger = logging.getLogger(__name__)

EVERY = timedelta(days=1)
AFTER_FAILURE = timedelta(hours=1)


async def keep_deleting_old_conversations(db_url: str, days: int, every: timedelta = EVERY) -> None:
    """Run until cancelled. A failure (database down) is logged and retried in an hour;
    it never stops the bot."""
    engine = open_engine(db_url, writable=True)
    try:
        while True:
            wait = every
            try:
                deleted = await asyncio.to_thread(
                    delete_old_conversations, engine, days, datetime.now(timezone.utc)
                )
                logger.info("retention: %d conversations older than %d days deleted", deleted, days)
            except SQLAlchemyError as error:
                # The error's class only: its text could carry the database password.
                logger.warning("retention failed (%s); retrying in an hour", type(error).__name__)
                wait = min(every, AFTER_FAILURE)
            await asyncio.sleep(wait.total_seconds())
    finally:
        engine.dispose()
