"""Every setting of Senda's own processes, read once: the environment over .env.

Each variable is read here and nowhere else in bot/, with its default; .env.example lists
them all (a test checks). The action server may not import bot/, so its few variables
are read where they are used: SENDA_ROOT (actions/content/paths.py), ACTIONS_HOST,
ACTIONS_PORT, SENDA_WARM_UP (actions/server.py), SENDA_EMBEDDING_MODEL
(actions/matching/embeddings.py); Rasa reads endpoints.yml, filled from process_env().
Secrets only ever come from here, never from code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Mapping, Optional, TypeVar

from actions.content.paths import PROJECT_ROOT
from bot.messages import message

TELEGRAM_API = "https://api.telegram.org/bot"
TELEGRAM_FILES = "https://api.telegram.org/file/bot"
DEFAULT_MIN_GROUP = 5  # counts under this are shown as "<5"
LEAST_MIN_GROUP = 2  # a smaller group could identify a person
DEFAULT_RETENTION_DAYS = 90
DEFAULT_DASHBOARD_PORT = 8050
SWITCHES = {"on": True, "off": False}


N = TypeVar("N", int, float)


class SettingsError(ValueError):
    """A setting with a value Senda cannot use; str() says which and why."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(message(key, **values))


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


def environment(environ: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
    """.env, then the environment (or `environ`) over it: the one place both are read."""
    return {**read_env_file(PROJECT_ROOT / ".env"), **(environ if environ is not None else os.environ)}


def _text(env: Mapping[str, str], variable: str) -> str:
    return (env.get(variable) or "").strip()


def _parsed(env: Mapping[str, str], variable: str, default: N, parse: Callable[[str], N], problem: str) -> N:
    raw = _text(env, variable)
    if not raw:
        return default
    try:
        return parse(raw)
    except ValueError:
        raise SettingsError(problem, variable=variable, value=raw) from None


def _whole(env: Mapping[str, str], variable: str, default: int) -> int:
    return _parsed(env, variable, default, int, "not_a_number")


def _number(env: Mapping[str, str], variable: str, default: float) -> float:
    return _parsed(env, variable, default, float, "not_a_decimal")


def _switch(env: Mapping[str, str], variable: str, default: str) -> bool:
    raw = _text(env, variable).lower() or default
    if raw not in SWITCHES:
        raise SettingsError("not_a_switch", variable=variable, value=env.get(variable))
    return SWITCHES[raw]


@dataclass(frozen=True)
class TelegramSettings:
    """The Telegram front end's settings (bot/telegram/)."""

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

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> "TelegramSettings":
        return cls(
            base_url=_text(env, "TELEGRAM_BASE_URL") or TELEGRAM_API,
            base_file_url=_text(env, "TELEGRAM_BASE_FILE_URL") or TELEGRAM_FILES,
            webhook_url=_text(env, "TELEGRAM_WEBHOOK_URL") or None,
            webhook_secret=_text(env, "TELEGRAM_WEBHOOK_SECRET") or None,
            webhook_listen=_text(env, "TELEGRAM_WEBHOOK_LISTEN") or "127.0.0.1",
            webhook_port=_whole(env, "TELEGRAM_WEBHOOK_PORT", 8443),
            sender_secret=_text(env, "SENDA_SENDER_SECRET") or None,
            inbox_url=_text(env, "SENDA_INBOX_URL") or f"sqlite:///{PROJECT_ROOT / 'inbox.db'}",
            flood_per_minute=_whole(env, "SENDA_FLOOD_PER_MINUTE", 20),
            flood_window=_number(env, "SENDA_FLOOD_WINDOW", 60.0),
            max_message_chars=_whole(env, "SENDA_MAX_MESSAGE_CHARS", 2000),
            chat_interval=_number(env, "SENDA_CHAT_INTERVAL", 1.0),
            overall_per_second=_number(env, "SENDA_OVERALL_PER_SECOND", 30.0),
        )


@dataclass(frozen=True)
class AnalyticsSettings:
    """Analytics (bot/analytics/): the tracker store is the one Rasa writes (db_url)."""

    db_url: str
    min_group: int = DEFAULT_MIN_GROUP
    retention_days: int = DEFAULT_RETENTION_DAYS
    examples: bool = True  # scrubbed example questions in unanswered-question groups

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> "AnalyticsSettings":
        env = environment(environ)
        min_group = _whole(env, "SENDA_ANALYTICS_MIN_GROUP", DEFAULT_MIN_GROUP)
        if min_group < LEAST_MIN_GROUP:
            raise SettingsError(
                "min_group_too_small",
                variable="SENDA_ANALYTICS_MIN_GROUP",
                least=LEAST_MIN_GROUP,
                value=min_group,
            )
        days = _whole(env, "SENDA_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
        if days < 1:
            raise SettingsError("retention_too_small", variable="SENDA_RETENTION_DAYS", value=days)
        return cls(
            db_url=_db_url(env),
            min_group=min_group,
            retention_days=days,
            examples=_switch(env, "SENDA_ANALYTICS_EXAMPLES", "on"),
        )


@dataclass(frozen=True)
class DashboardSettings:
    """The staff dashboard (bot/analytics/dashboard/)."""

    users_file: Path
    port: int = DEFAULT_DASHBOARD_PORT
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
        env = environment(environ)
        # A relative path is from the project root, as in .env.example.
        users = PROJECT_ROOT / (_text(env, "SENDA_DASHBOARD_USERS") or "dashboard_users.yml")
        return cls(
            users_file=users,
            port=_whole(env, "SENDA_DASHBOARD_PORT", DEFAULT_DASHBOARD_PORT),
            session_hours=_number(env, "SENDA_DASHBOARD_SESSION_HOURS", 8.0),
            cache_seconds=_number(env, "SENDA_DASHBOARD_CACHE_SECONDS", 60.0),
            proxies=_whole(env, "SENDA_DASHBOARD_PROXIES", 0),
        )


@dataclass(frozen=True)
class Settings:
    """The servers and the bot: ports, the Rasa token, the tracker store, Telegram."""

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


def _db_url(env: Mapping[str, str]) -> str:
    return _text(env, "SENDA_DB_URL") or f"sqlite:///{PROJECT_ROOT / 'senda.db'}"


def load_settings(environ: Optional[Mapping[str, str]] = None) -> Settings:
    env = environment(environ)
    return Settings(
        rasa_port=_whole(env, "RASA_PORT", 5005),
        actions_port=_whole(env, "ACTIONS_PORT", 5055),
        api_token=_text(env, "RASA_API_TOKEN") or "senda-local",
        db_url=_db_url(env),
        telegram_token=_text(env, "TELEGRAM_BOT_TOKEN") or None,
        telegram=TelegramSettings.from_env(env),
    )
