"""End to end: `senda eval` scores its rows against the running Rasa and action servers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT

pytestmark = pytest.mark.stack


def test_senda_eval_scores_rows_against_the_running_stack(stack, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "language,country,text,expected\n"
        "es,GT,donde puedo dormir esta noche,find_shelter\n"
        ",,hi what is tps,tps\n"
        "en,,hello,asylum_us\n",
        encoding="utf-8",
    )
    report_path = tmp_path / "report.json"
    env = {
        **os.environ,
        "RASA_PORT": str(stack.settings.rasa_port),
        "RASA_API_TOKEN": stack.settings.api_token,
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "eval", str(rows), "--json", str(report_path)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(report_path.read_text())
    items = report["items"]
    assert [i["pass"] for i in items] == [True, True, False]
    assert [i["outcome"] for i in items][:2] == ["right", "right"]
    assert items[2]["outcome"] in ("wrong", "fallback", "offered")
    assert items[1]["language"] == "auto" and items[1]["language_after"] == "en"
    assert set(report["by_language"]) == {"es", "auto", "en"}
    assert "overall" in result.stdout
