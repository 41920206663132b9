"""The pytest fixtures of the analytics tests: empty tracker stores, and the known one.

Test modules import the ones they use (pytest finds a fixture by its name there):

    from tests.support.analytics_fixture import pg_url, sqlite_url, store_url  # noqa: F401

`sqlite_url` / `pg_url`: an empty store; `store_url`: both, one after the other;
`known_store_url` (module scope, both backends): KNOWN_CONVERSATIONS, read-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from tests.support.analytics_fixture.known import KNOWN_CONVERSATIONS
from tests.support.analytics_fixture.writer import write_conversations
from tests.support.postgres import pg_or_skip


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite tracker store file (Rasa creates the table on first write)."""
    return f"sqlite:///{tmp_path / 'trackers.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database on 127.0.0.1:5432, dropped afterwards."""
    with pg_or_skip() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> str:
    """An empty tracker store URL, once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def known_store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """KNOWN_CONVERSATIONS written once per test module, on SQLite and on PostgreSQL.
    Shared by the module's tests: read it, never change it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('known') / 'trackers.db'}"
        yield known_store(url)
        return
    with pg_or_skip() as url:
        yield known_store(url)


def known_store(url: str) -> str:
    """`url` with KNOWN_CONVERSATIONS written into it."""
    write_conversations(url, KNOWN_CONVERSATIONS)
    return url
