"""The Telegram bot as the real process (`senda telegram`), pointed at the Bot API emulator."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Dict, Optional

from bot.processes import ChildProcess

if TYPE_CHECKING:
    from bot.settings import Settings
    from tests.support.telegram_emulator import BotApiEmulator

SECRET = "test-sender-secret"


def bot_env(
    emulator: "BotApiEmulator", settings: "Settings", inbox_url: str, root: Optional[Path] = None
) -> Dict[str, str]:
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


def bot_process(settings_env: Dict[str, str], log_path: Path) -> ChildProcess:
    """`senda telegram` as a child process (start, stop, kill, log) with these settings."""
    return ChildProcess("bot", [sys.executable, "-m", "bot.cli", "telegram"], log_path, settings_env)
