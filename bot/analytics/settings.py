"""Analytics settings from the environment (and .env); see .env.example.

The tracker store's URL is the one Rasa uses (bot/settings.py: SENDA_DB_URL, SQLite
senda.db by default). Other parts of analytics (unanswered questions, the dashboard)
keep their own settings in their own modules.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Mapping, Optional

from bot.analytics.model import DEFAULT_MIN_GROUP

DEFAULT_RETENTION_DAYS = 90
LEAST_MIN_GROUP = 2
MESSAGES_FILE = Path(__file__).with_name("messages.yml")
SWITCHES = {"on": True, "off": False}


@lru_cache(maxsize=1)
def _messages() -> Dict[str, str]:
    from actions.content.yaml_files import read_yaml

    return dict(read_yaml(MESSAGES_FILE))


def message(key: str, **values: Any) -> str:
    """A sentence of the analytics commands (messages.yml), filled in."""
    return _messages()[key].format(**values)


class SettingsError(ValueError):
    """A setting with a value analytics cannot use; str() says which and why."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(message(key, **values))


@dataclass(frozen=True)
class AnalyticsSettings:
    db_url: str
    min_group: int = DEFAULT_MIN_GROUP
    retention_days: int = DEFAULT_RETENTION_DAYS
    examples: bool = True   # scrubbed example questions in unanswered-question groups

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> "AnalyticsSettings":
        from bot.settings import load_settings

        environ = os.environ if env is None else env
        # The same tracker store (and .env handling) as the bot and Rasa.
        db_url = load_settings(environ).db_url
        merged = _with_env_file(environ)
        min_group = _whole(merged, "SENDA_ANALYTICS_MIN_GROUP", DEFAULT_MIN_GROUP)
        if min_group < LEAST_MIN_GROUP:
            raise SettingsError("min_group_too_small", variable="SENDA_ANALYTICS_MIN_GROUP",
                                least=LEAST_MIN_GROUP, value=min_group)
        days = _whole(merged, "SENDA_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
        if days < 1:
            raise SettingsError("retention_too_small", variable="SENDA_RETENTION_DAYS",
                                value=days)
        switch = (merged.get("SENDA_ANALYTICS_EXAMPLES") or "on").strip().lower()
        if switch not in SWITCHES:
            raise SettingsError("not_a_switch", variable="SENDA_ANALYTICS_EXAMPLES",
                                value=merged.get("SENDA_ANALYTICS_EXAMPLES"))
        return cls(db_url=db_url, min_group=min_group, retention_days=days,
                   examples=SWITCHES[switch])


def _with_env_file(environ: Mapping[str, str]) -> Dict[str, str]:
    from bot.settings import PROJECT_ROOT, read_env_file

    return {**read_env_file(PROJECT_ROOT / ".env"), **environ}


def _whole(env: Mapping[str, str], variable: str, default: int) -> int:
    raw = (env.get(variable) or "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SettingsError("not_a_number", variable=variable, value=raw) from None
