"""The dashboard's settings, from the environment (and .env); see .env.example."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from bot.settings import PROJECT_ROOT, read_env_file

DEFAULT_PORT = 8050


@dataclass(frozen=True)
class DashboardSettings:
    users_file: Path
    port: int = DEFAULT_PORT
    host: str = "127.0.0.1"
    session_hours: float = 8.0
    # Reports are cached this long per filter choice (0: never), so a CSV export or a
    # language switch right after a page costs nothing.
    cache_seconds: float = 60.0
    # Reverse proxies in front (an https proxy: 1). Then the client's address and scheme
    # come from X-Forwarded-For/-Proto: cookies get Secure, and the login lock counts
    # the real address. 0: nobody is trusted to say so.
    proxies: int = 0

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> "DashboardSettings":
        env = {**read_env_file(PROJECT_ROOT / ".env"),
               **(environ if environ is not None else os.environ)}
        # A relative path is from the project root, as in .env.example.
        users = PROJECT_ROOT / (env.get("SENDA_DASHBOARD_USERS") or "dashboard_users.yml")
        try:
            return cls(
                users_file=users,
                port=int(env.get("SENDA_DASHBOARD_PORT") or DEFAULT_PORT),
                session_hours=float(env.get("SENDA_DASHBOARD_SESSION_HOURS") or 8.0),
                cache_seconds=float(env.get("SENDA_DASHBOARD_CACHE_SECONDS") or 60.0),
                proxies=int(env.get("SENDA_DASHBOARD_PROXIES") or 0),
            )
        except ValueError as error:
            raise ValueError(f"dashboard settings: {error} (SENDA_DASHBOARD_PORT, "
                             "SENDA_DASHBOARD_SESSION_HOURS, SENDA_DASHBOARD_CACHE_SECONDS and "
                             "SENDA_DASHBOARD_PROXIES are numbers)") from None
