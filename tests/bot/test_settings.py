"""Settings: one reader, every variable documented in .env.example, bad values named."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import AnalyticsSettings, DashboardSettings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]
VARIABLE = re.compile(r'"((?:SENDA|TELEGRAM|RASA|ACTIONS)_[A-Z_]+)"')
# Set by Senda for its own child processes (Settings.process_env), never by a person.
INTERNAL = {"SENDA_ACTIONS_URL", "RASA_TELEMETRY_ENABLED"}


def test_every_variable_the_code_reads_is_in_env_example() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#? ?([A-Z][A-Z_]+)=", example, flags=re.MULTILINE))
    read = {
        name
        for folder in ("bot", "actions")
        for path in (ROOT / folder).rglob("*.py")
        for name in VARIABLE.findall(path.read_text(encoding="utf-8"))
    }
    assert read - INTERNAL - documented == set()
    assert documented - read == set()  # nothing documented that no code reads


def test_only_the_settings_module_reads_the_environment_in_bot() -> None:
    readers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "bot").rglob("*.py")
        if re.search(r"os\.environ\.get|os\.getenv|read_env_file\(", path.read_text(encoding="utf-8"))
        and path.name != "settings.py"
    ]
    assert readers == []


@pytest.mark.parametrize(
    "variable, value, said",
    [
        ("RASA_PORT", "5oo5", "RASA_PORT must be a whole number, not '5oo5'"),
        ("SENDA_FLOOD_WINDOW", "a minute", "SENDA_FLOOD_WINDOW must be a number"),
        ("SENDA_CHAT_INTERVAL", "1,5", "SENDA_CHAT_INTERVAL must be a number"),
    ],
)
def test_a_bad_number_names_its_variable(variable: str, value: str, said: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(said)):
        load_settings({variable: value})


def test_every_section_reads_the_same_environment() -> None:
    env = {
        "SENDA_DB_URL": "sqlite:///elsewhere.db",
        "SENDA_DASHBOARD_PORT": "9000",
        "SENDA_FLOOD_WINDOW": "2.5",
        "SENDA_RETENTION_DAYS": "30",
    }
    assert load_settings(env).db_url == AnalyticsSettings.from_env(env).db_url
    assert AnalyticsSettings.from_env(env).retention_days == 30
    assert load_settings(env).telegram.flood_window == 2.5
    assert DashboardSettings.from_env(env).port == 9000
    with pytest.raises(SettingsError, match="SENDA_DASHBOARD_PORT must be a whole number"):
        DashboardSettings.from_env({"SENDA_DASHBOARD_PORT": "eighty"})


def test_the_command_line_says_which_setting_is_wrong_without_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "chat"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "RASA_PORT": "http"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "RASA_PORT must be a whole number, not 'http'" in result.stderr
    assert "Traceback" not in result.stderr
