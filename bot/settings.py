"""Settings from the environment (and .env); secrets never live in code."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Mapping, Optional

from actions.content.paths import PROJECT_ROOT


def read_env_file(path: Path) -> Dict[str, str]:
    values: Dict[str, str] = {}
    if not path.exists():
        return values
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


TELEGRAM_API = "https://api.telegram.org/bot"
TELEGRAM_FILES = "https://api.telegram.org/file/bot"


@dataclass(frozen=True)
class TelegramSettings:
    """The Telegram front end's settings (bot/); see .env.example for each variable."""

    base_url: str = TELEGRAM_API
    base_file_url: str = TELEGRAM_FILES
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    # Key of the HMAC that turns a Telegram user id into Senda's sender id.
    sender_secret: Optional[str] = None
    # The durable inbox and outbox; the tracker store's URL is Settings.db_url.
    inbox_url: str = ""
    flood_per_minute: int = 20
    flood_window: float = 60.0  # seconds; tests shorten it
    max_message_chars: int = 2000
    # Seconds between two messages to one chat (Telegram: about one a second).
    chat_interval: float = 1.0
    # Messages a second to all chats together (Telegram: about 30).
    overall_per_second: float = 30.0


@dataclass(frozen=True)
class Settings:
    rasa_port: int
    actions_port: int
    api_token: str
    db_url: str
    telegram_token: Optional[str]
    host: str = "127.0.0.1"
    telegram: TelegramSettings = field(default_factory=TelegramSettings)

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}"

    def process_env(self) -> Dict[str, str]:
        """Variables the Rasa and action servers read (endpoints.yml)."""
        return {
            "SENDA_ACTIONS_URL": self.actions_url,
            "SENDA_DB_URL": self.db_url,
            # Rasa would otherwise try to send telemetry to the internet.
            "RASA_TELEMETRY_ENABLED": "false",
            "ACTIONS_PORT": str(self.actions_port),
        }


def _telegram_settings(env: Mapping[str, str]) -> TelegramSettings:
    return TelegramSettings(
        base_url=env.get("TELEGRAM_BASE_URL") or TELEGRAM_API,
        base_file_url=env.get("TELEGRAM_BASE_FILE_URL") or TELEGRAM_FILES,
        webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
        webhook_secret=env.get("TELEGRAM_WEBHOOK_SECRET") or None,
        webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN") or "127.0.0.1",
        webhook_port=int(env.get("TELEGRAM_WEBHOOK_PORT") or 8443),
        sender_secret=env.get("SENDA_SENDER_SECRET") or None,
        inbox_url=env.get("SENDA_INBOX_URL") or f"sqlite:///{PROJECT_ROOT / 'inbox.db'}",
        flood_per_minute=int(env.get("SENDA_FLOOD_PER_MINUTE") or 20),
        flood_window=float(env.get("SENDA_FLOOD_WINDOW") or 60.0),
        max_message_chars=int(env.get("SENDA_MAX_MESSAGE_CHARS") or 2000),
        chat_interval=float(env.get("SENDA_CHAT_INTERVAL") or 1.0),
        overall_per_second=float(env.get("SENDA_OVERALL_PER_SECOND") or 30.0),
    )


def load_settings(environ: Optional[Mapping[str, str]] = None) -> Settings:
    env = {**read_env_file(PROJECT_ROOT / ".env"), **(environ if environ is not None else os.environ)}
    return Settings(
        rasa_port=int(env.get("RASA_PORT") or 5005),
        actions_port=int(env.get("ACTIONS_PORT") or 5055),
        api_token=env.get("RASA_API_TOKEN") or "senda-local",
        db_url=env.get("SENDA_DB_URL") or f"sqlite:///{PROJECT_ROOT / 'senda.db'}",
        telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
        telegram=_telegram_settings(env),
    )
