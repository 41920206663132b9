"""A real dashboard process on a tracker store with the known conversations, and a
logged-in HTTP session, for the dashboard's HTTP and browser tests and its benchmark."""

from __future__ import annotations

import re
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import ContextManager, Dict, Iterator, Optional

import requests

from bot.analytics.dashboard.accounts import Accounts
from bot.analytics.dashboard.process import DashboardProcess
from tests.conftest import free_port
from tests.support.postgres import scratch_database

STAFF = "ana"
STAFF_PASSWORD = "clave-de-prueba-larga"
MARCH = {"since": "2025-03-01", "until": "2025-03-31"}


def scratch_postgres(prefix: str = "senda_dashboard") -> ContextManager[str]:
    """A new PostgreSQL database on 127.0.0.1:5432, dropped afterwards."""
    return scratch_database(prefix)


@contextmanager
def running_dashboard(
    db_url: str, workdir: Path, env: Optional[Dict[str, str]] = None
) -> Iterator[DashboardProcess]:
    """The dashboard on `db_url`, with one account (STAFF / STAFF_PASSWORD)."""
    users = workdir / "dashboard_users.yml"
    if not users.exists():
        Accounts(users).add(STAFF, STAFF_PASSWORD)
    process = DashboardProcess(
        free_port(),
        workdir / f"dashboard-{uuid.uuid4().hex[:6]}.log",
        env={"SENDA_DB_URL": db_url, "SENDA_DASHBOARD_USERS": str(users), **(env or {})},
    )
    with process:
        yield process


def login_form_token(session: requests.Session, base: str) -> str:
    page = session.get(f"{base}/login")
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, "the login form has a CSRF token"
    return match.group(1)


def logged_in(
    base: str, user: str = STAFF, password: str = STAFF_PASSWORD, language: str = "es"
) -> requests.Session:
    session = requests.Session()
    session.headers["Accept-Language"] = language
    token = login_form_token(session, base)
    answer = session.post(
        f"{base}/login",
        data={"csrf": token, "user": user, "password": password, "next": "/"},
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[:500]
    return session
