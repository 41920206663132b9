"""Start and stop the Rasa server and the action server on 127.0.0.1.

Used by `make run`, `senda eval`, the end-to-end tests and the benchmarks, so
they all run the same processes the Telegram bot talks to.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import requests

from bot.processes import ChildProcess
from bot.rasa_client import RasaClient
from bot.settings import PROJECT_ROOT, Settings, load_settings


class StackError(RuntimeError):
    pass


def latest_model(models_dir: Path = PROJECT_ROOT / "models") -> Path:
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise StackError(f"no trained model in {models_dir}: run `make model` first")
    return models[-1]


@dataclass
class Stack:
    settings: Settings
    model: Optional[Path] = None
    log_dir: Path = PROJECT_ROOT / ".rasa" / "logs"
    extra_env: Dict[str, str] = field(default_factory=dict)
    processes: Dict[str, ChildProcess] = field(default_factory=dict)

    def _env(self) -> Dict[str, str]:
        return {**self.settings.process_env(), **self.extra_env}

    def _spawn(self, name: str, args: List[str]) -> ChildProcess:
        child = ChildProcess(name, args, self.log_dir / f"{name}.log", self._env()).start()
        self.processes[name] = child
        return child

    def start(self, timeout: float = 240.0) -> "Stack":
        self.ensure_published()
        self.start_actions()
        self.start_rasa()
        try:
            self.wait_ready(timeout)
        except BaseException:
            self.stop()  # never leave half a stack running
            raise
        return self

    def ensure_published(self) -> None:
        """The servers answer from published content: publish once if nothing was yet."""
        env = {**os.environ, **self._env()}
        root = Path(env.get("SENDA_ROOT") or PROJECT_ROOT)
        if (root / "published" / "current").is_dir():
            return
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", "content", "publish"],
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise StackError(
                "the content has errors and was never published:\n" + result.stdout + result.stderr
            )

    def start_actions(self) -> None:
        self._spawn(
            "actions", [sys.executable, "-m", "actions.server", "--port", str(self.settings.actions_port)]
        )

    def start_rasa(self) -> None:
        model = self.model or latest_model()
        self._spawn(
            "rasa",
            [
                sys.executable,
                "-m",
                "rasa",
                "run",
                "--enable-api",
                "--auth-token",
                self.settings.api_token,
                "--interface",
                self.settings.host,
                "--port",
                str(self.settings.rasa_port),
                "--model",
                str(model),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
            ],
        )

    def stop_one(self, name: str) -> None:
        """Stop one server (fault tests take Rasa down while the bot runs)."""
        self.processes.pop(name).stop()

    def wait_ready(self, timeout: float) -> None:
        client = RasaClient(self.settings.rasa_url, self.settings.api_token)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for child in self.processes.values():
                if not child.alive():
                    raise StackError(f"{child.name} exited; see {child.log_path}")
            if client.is_ready() and actions_ready(self.settings.actions_url):
                return
            time.sleep(0.5)
        raise StackError(f"servers not ready after {timeout:.0f}s; see {self.log_dir}")

    def stop(self) -> None:
        for child in self.processes.values():  # all at once, then wait for each
            child.signal(signal.SIGTERM)
        for child in self.processes.values():
            child.stop()
        self.processes.clear()

    def __enter__(self) -> "Stack":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def actions_ready(url: str) -> bool:
    try:
        return requests.get(f"{url}/health", timeout=2).ok
    except requests.RequestException:
        return False


@contextmanager
def running_stack() -> Iterator[RasaClient]:
    """The running stack if one answers; otherwise one started here and stopped after."""
    settings = load_settings()
    client = RasaClient(settings.rasa_url, settings.api_token)
    if client.is_ready():
        yield client
        return
    print("Starting the Rasa server and the action server…", file=sys.stderr)
    with Stack(settings):
        yield client
