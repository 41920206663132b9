"""The HTTP tests' dashboard: a real dashboard process on a SQLite tracker store holding
the known conversations (tests/support/analytics_fixture.py), and a logged-in session.

The process and store are package-scoped: the HTTP tests (test_http_*.py) share them, as
they did when they were one module; starting the process takes seconds. The logged-in
session is one per module."""

from __future__ import annotations

from typing import Iterator

import pytest
import requests

from bot.analytics.dashboard.process import DashboardProcess
from tests.support.analytics_fixture import KNOWN_CONVERSATIONS, write_conversations
from tests.support.dashboard_harness import logged_in, running_dashboard


@pytest.fixture(scope="package")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'trackers.db'}"
    write_conversations(url, KNOWN_CONVERSATIONS)
    return url


@pytest.fixture(scope="package")
def dashboard(store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashboardProcess]:
    with running_dashboard(store, tmp_path_factory.mktemp("dashboard")) as process:
        yield process


# Per module: the session keeps the interface language a page chose (lang=…), and one
# module's choice must not change another's pages.
@pytest.fixture(scope="module")
def staff(dashboard: DashboardProcess) -> requests.Session:
    return logged_in(dashboard.url)
