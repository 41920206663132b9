"""The unanswered questions' tracker store: the known conversations and April 2nd's
(unanswered_store.py), once on SQLite and once on the local PostgreSQL."""

from __future__ import annotations

from typing import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from tests.bot.analytics.unanswered.unanswered_store import april_conversations
from tests.support.analytics_fixture import (  # noqa: F401  (pytest fixtures)
    KNOWN_CONVERSATIONS,
    pg_url,
    sqlite_url,
    store_url,
    write_conversations,
)


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """KNOWN_CONVERSATIONS (March 2025) and april_conversations(), once on SQLite and once
    on PostgreSQL."""
    write_conversations(store_url, KNOWN_CONVERSATIONS + april_conversations())
    created = sa.create_engine(store_url)
    yield created
    created.dispose()
