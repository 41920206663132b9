"""The production tracker store: conversations land in PostgreSQL (127.0.0.1:5432)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from bot.rasa_client import RasaClient
from bot.settings import load_settings
from bot.stack import Stack
from bot.tracker_store import delete_tracker, tracker_rows
from tests.conftest import free_port, model_path

pytestmark = pytest.mark.stack


def test_conversation_is_stored_in_postgresql_and_deletable(database: str, tmp_path: Path) -> None:
    import psycopg2

    settings = load_settings(
        {
            "RASA_PORT": str(free_port()),
            "ACTIONS_PORT": str(free_port()),
            "RASA_API_TOKEN": "pg-test",
            "SENDA_DB_URL": database,
        }
    )
    sender = f"pg-{uuid.uuid4().hex[:8]}"
    with Stack(settings, model=model_path(), log_dir=tmp_path):
        client = RasaClient(settings.rasa_url, settings.api_token)
        replies = client.send(sender, "donde hay un albergue")
        assert replies and replies[0]["text"]
    with psycopg2.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE type_name = 'bot') FROM events WHERE sender_id = %s",
            (sender,),
        )
        total, bot = cursor.fetchone()
    assert total > 0 and bot >= 1
    # /borrar deletes it at the database level.
    assert delete_tracker(database, sender) == total
    assert tracker_rows(database, sender) == 0
