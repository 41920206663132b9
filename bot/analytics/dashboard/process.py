"""The dashboard as a child process: `make run` starts it beside the bot, the
browser tests and the benchmark start it on a fixture store."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, Optional

import requests

from bot.analytics.dashboard.accounts import AccountError, Accounts
from bot.processes import ChildExited, ChildProcess, port_free
from bot.settings import PROJECT_ROOT, DashboardSettings


class DashboardError(RuntimeError):
    pass


@dataclass
class DashboardProcess:
    port: int
    log_path: Path
    env: Dict[str, str] = field(default_factory=dict)  # added to this process's environment
    child: Optional[ChildProcess] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> "DashboardProcess":
        if not port_free(self.port):
            raise DashboardError(
                f"port {self.port} on 127.0.0.1 is in use (another dashboard? set SENDA_DASHBOARD_PORT)"
            )
        self.child = ChildProcess(
            "dashboard",
            [sys.executable, "-m", "bot.cli", "analytics", "dashboard", "--port", str(self.port)],
            self.log_path,
            self.env,
        ).start()
        try:
            up = self.child.wait_until(self._answers, timeout, every=0.2)
        except ChildExited as error:
            raise DashboardError(f"{error}:\n{self.log()[-2000:]}") from None
        if not up:
            self.stop()
            raise DashboardError(f"the dashboard did not answer within {timeout:.0f}s; see {self.log_path}")
        return self

    def _answers(self) -> bool:
        try:
            return requests.get(f"{self.url}/login", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def log(self) -> str:
        return self.child.log() if self.child is not None else ""

    def stop(self) -> None:
        if self.child is not None:
            self.child.stop(grace=15)
        self.child = None

    def __enter__(self) -> "DashboardProcess":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def dashboard_alongside(
    log_dir: Path = PROJECT_ROOT / ".rasa" / "logs",
) -> Iterator[Optional[DashboardProcess]]:
    """`make run`: the dashboard beside the bot; a dashboard that cannot start is
    reported and the bot runs anyway."""
    try:
        settings = DashboardSettings.from_env()
        dashboard = DashboardProcess(settings.port, log_dir / "dashboard.log")
        dashboard.start()
    except (DashboardError, ValueError) as error:
        print(f"The dashboard did not start ({error}); the bot runs without it.", file=sys.stderr)
        yield None
        return
    print(f"Dashboard: {settings.url}", file=sys.stderr)
    try:
        if not Accounts(settings.users_file).names():
            print(
                "No dashboard account yet: add one with `.venv/bin/senda analytics add-user NAME`.",
                file=sys.stderr,
            )
    except AccountError as error:
        print(f"Dashboard accounts: {error}", file=sys.stderr)
    try:
        yield dashboard
    finally:
        dashboard.stop()
