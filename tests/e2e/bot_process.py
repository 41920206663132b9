"""The Telegram bot as the real process (`senda telegram`), pointed at the Bot API emulator."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Optional

from bot.settings import PROJECT_ROOT

if TYPE_CHECKING:
    from bot.settings import Settings
    from tests.telegram_emulator import BotApiEmulator

SECRET = "test-sender-secret"


def bot_env(emulator: "BotApiEmulator", settings: "Settings", inbox_url: str,
            root: Optional[Path] = None) -> Dict[str, str]:
    """The environment of a bot in front of `settings`' stack, talking to the emulator."""
    env = {
        "TELEGRAM_BOT_TOKEN": emulator.token,
        "TELEGRAM_BASE_URL": emulator.base_url,
        "TELEGRAM_BASE_FILE_URL": emulator.base_file_url,
        "SENDA_SENDER_SECRET": SECRET,
        "SENDA_INBOX_URL": inbox_url,
        "SENDA_DB_URL": settings.db_url,
        "RASA_PORT": str(settings.rasa_port),
        "ACTIONS_PORT": str(settings.actions_port),
        "RASA_API_TOKEN": settings.api_token,
    }
    if root is not None:
        env["SENDA_ROOT"] = str(root)
    return env


@dataclass
class BotProcess:
    settings_env: Dict[str, str]
    log_path: Path
    process: Optional[subprocess.Popen] = None
    extra_env: Dict[str, str] = field(default_factory=dict)

    def env(self) -> Dict[str, str]:
        return {**os.environ, **self.settings_env, **self.extra_env, "PYTHONUNBUFFERED": "1"}

    def start(self) -> "BotProcess":
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "telegram"], cwd=PROJECT_ROOT, env=self.env(),
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def kill(self) -> None:
        """SIGKILL: no clean-up, as in a crash or an out-of-memory kill."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()

    def alive(self) -> bool:
        return bool(self.process and self.process.poll() is None)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")
