"""Settings from the environment (and .env); secrets never live in code."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional

from actions.paths import PROJECT_ROOT


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


@dataclass(frozen=True)
class Settings:
    rasa_port: int
    actions_port: int
    api_token: str
    db_url: str
    telegram_token: Optional[str]
    host: str = "127.0.0.1"

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


def load_settings(environ: Optional[Mapping[str, str]] = None) -> Settings:
    env = {**read_env_file(PROJECT_ROOT / ".env"), **(environ if environ is not None else os.environ)}
    return Settings(
        rasa_port=int(env.get("RASA_PORT") or 5005),
        actions_port=int(env.get("ACTIONS_PORT") or 5055),
        api_token=env.get("RASA_API_TOKEN") or "senda-local",
        db_url=env.get("SENDA_DB_URL") or f"sqlite:///{PROJECT_ROOT / 'senda.db'}",
        telegram_token=env.get("TELEGRAM_BOT_TOKEN") or None,
    )
