"""The running bot's retention task: old conversations go at start, recent ones stay."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, text

from bot.telegram.retention_job import keep_deleting_old_conversations
from tests.support.analytics_fixture import ConversationSpec, sqlite_url, write_conversations  # noqa: F401


def senders(url: str) -> set:
    engine = create_engine(url)
    with engine.connect() as db:
        found = {row[0] for row in db.execute(text("SELECT DISTINCT sender_id FROM events"))}
    engine.dispose()
    return found


def test_the_task_deletes_conversations_past_the_limit_and_keeps_running(sqlite_url: str) -> None:  # noqa: F811
    now = datetime.now(timezone.utc)
    turn = ("hola", "greet", ("utter_greet",))
    write_conversations(
        sqlite_url,
        [
            ConversationSpec("old", now - timedelta(days=120), "es", "GT", [turn]),
            ConversationSpec("recent", now - timedelta(days=2), "es", "MX", [turn]),
        ],
    )
    before = senders(sqlite_url)
    assert len(before) == 2

    async def one_round() -> bool:
        task = asyncio.create_task(keep_deleting_old_conversations(sqlite_url, days=90))
        for _ in range(100):  # the first round runs at once; then the task sleeps a day
            await asyncio.sleep(0.05)
            if len(senders(sqlite_url)) == 1:
                break
        running = not task.done()
        task.cancel()
        return running

    assert asyncio.run(one_round())
    after = senders(sqlite_url)
    assert len(after) == 1 and after < before


def test_a_database_that_cannot_be_reached_does_not_stop_the_task(tmp_path) -> None:
    async def run() -> bool:
        task = asyncio.create_task(
            keep_deleting_old_conversations("postgresql://nobody@127.0.0.1:9/none", days=90)
        )
        await asyncio.sleep(1.5)
        alive = not task.done()
        task.cancel()
        return alive

    assert asyncio.run(run())
