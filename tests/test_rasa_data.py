"""Rasa's own checks: the data validates without warnings; test stories pass in each language."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.settings import PROJECT_ROOT
from tests.conftest import model_path


def rasa(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_data_validates_without_warnings() -> None:
    result = rasa(
        "data",
        "validate",
        "--config",
        "config.yml",
        "--domain",
        "responses",
        "--data",
        "nlu",
        "--fail-on-warnings",
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.mark.stack
def test_stories_in_every_language(tmp_path) -> None:
    result = rasa(
        "test",
        "core",
        "--model",
        str(model_path()),
        "--stories",
        "tests/stories",
        "--fail-on-prediction-errors",
        "--out",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
