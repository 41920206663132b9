"""The dashboard as a child process: `make run` starts it beside the bot, the
browser tests and the benchmark start it on a fixture store."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, Optional

import requests

from bot.analytics.dashboard.accounts import AccountError, Accounts
from bot.analytics.dashboard.settings import DashboardSettings
from bot.settings import PROJECT_ROOT


class DashboardError(RuntimeError):
    pass


@dataclass
class DashboardProcess:
    port: int
    log_path: Path
    env: Dict[str, str] = field(default_factory=dict)   # added to this process's environment
    process: Optional[subprocess.Popen] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> "DashboardProcess":
        if not port_free(self.port):
            raise DashboardError(f"port {self.port} on 127.0.0.1 is in use (another dashboard?"
                                 " set SENDA_DASHBOARD_PORT)")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        env = {**os.environ, **self.env, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "analytics", "dashboard", "--port", str(self.port)],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DashboardError(f"the dashboard exited with code {self.process.returncode}:"
                                     f"\n{self.log()[-2000:]}")
            try:
                if requests.get(f"{self.url}/login", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise DashboardError(f"the dashboard did not answer within {timeout:.0f}s; "
                             f"see {self.log_path}")

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") \
            if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

    def __enter__(self) -> "DashboardProcess":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@contextmanager
def dashboard_alongside(log_dir: Path = PROJECT_ROOT / ".rasa" / "logs"
                        ) -> Iterator[Optional[DashboardProcess]]:
    """`make run`: the dashboard beside the bot; a dashboard that cannot start is
    reported and the bot runs anyway."""
    try:
        settings = DashboardSettings.from_env()
        dashboard = DashboardProcess(settings.port, log_dir / "dashboard.log")
        dashboard.start()
    except (DashboardError, ValueError) as error:
        print(f"The dashboard did not start ({error}); the bot runs without it.",
              file=sys.stderr)
        yield None
        return
    print(f"Dashboard: {settings.url}", file=sys.stderr)
    try:
        if not Accounts(settings.users_file).names():
            print("No dashboard account yet: add one with "
                  "`.venv/bin/senda analytics add-user NAME`.", file=sys.stderr)
    except AccountError as error:
        print(f"Dashboard accounts: {error}", file=sys.stderr)
    try:
        yield dashboard
    finally:
        dashboard.stop()
