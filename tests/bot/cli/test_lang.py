"""`senda lang`: one language code per input line."""

from __future__ import annotations

import subprocess
import sys

from bot.settings import PROJECT_ROOT


def test_one_code_per_line() -> None:
    lines = "donde hay un albergue cerca\nwhere is the nearest shelter\njawiʼ kʼo wi jun albergue\n🙏\n"
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "lang"],
        input=lines,
        text=True,
        capture_output=True,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["es", "en", "quc", "und"]
