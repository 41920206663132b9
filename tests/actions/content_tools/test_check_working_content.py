"""`senda content check` on the content staff are editing, as the command reads it: the
directory's towns, the rumours, a broken file, the exit code, and the shipped content."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content.directory import load_directory
from actions.content_tools.check import check_content
from bot.settings import PROJECT_ROOT
from tests.actions.content_tools.content_fixture import TODAY, write_fixture


def test_the_command_exits_non_zero_on_an_error(tmp_path: Path) -> None:
    root = write_fixture(tmp_path, shelter_meta={"sources": []})
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "check"],
        cwd=PROJECT_ROOT,
        env={"SENDA_ROOT": str(root), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "error: utter_shelter: states a link or phone number but lists no source" in result.stdout


def test_the_shipped_content_has_no_errors() -> None:
    report = check_content(load_content(), load_catalogs(), directory=load_directory())
    assert report.errors == [], report.format()


def _with_directory_and_rumours(root: Path, resources: list, rumours: list) -> Path:
    (root / "responses" / "resources.yml").write_text(
        yaml.safe_dump({"verification_window_days": 180, "resources": resources}, allow_unicode=True),
        encoding="utf-8",
    )
    (root / "responses" / "places.yml").write_text(
        yaml.safe_dump(
            {
                "places": {
                    "tapachula": {
                        "name": "Tapachula",
                        "country": "MX",
                        "geonameid": 3516266,
                        "lat": 14.90541,
                        "lon": -92.25891,
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    (root / "responses" / "rumours.yml").write_text(
        yaml.safe_dump({"rumours": rumours}, allow_unicode=True), encoding="utf-8"
    )
    return root


def _resource(id: str, **fields) -> dict:
    entry = {
        "id": id,
        "country": "MX",
        "type": "shelter",
        "name": id,
        "phone": "555-0100",
        "serves": ["all"],
        "verified_on": "2026-11-01",
        "source": {"url": "https://example.org", "page_date": "2026-11-01"},
    }
    entry.update(fields)
    return entry


def _rumour(id: str, answer: str = "utter_shelter", **fields) -> dict:
    entry = {
        "id": id,
        "answer": answer,
        "keywords": {"es": ["frontera + abiert*"], "en": ["border + open"], "quc": ["frontera + jaqal"]},
        "examples": {"es": ["ya abrieron"], "en": ["it is open"], "quc": ["xjaqatajik"]},
    }
    entry.update(fields)
    return entry


def test_a_resource_in_a_town_missing_from_places_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions.content_tools.check import check_working_content

    root = _with_directory_and_rumours(
        write_fixture(tmp_path),
        [_resource("known", places=["tapachula"]), _resource("typo", places=["tapachulla"])],
        [],
    )
    monkeypatch.setenv("SENDA_ROOT", str(root))
    report = check_working_content(root, TODAY)
    assert [f.line() for f in report.errors] == [
        "error: resource typo: places tapachulla are not in places.yml: add the town there "
        "(with its geonameid) or fix the name"
    ]


def test_rumours_staff_would_not_see_working_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions.content_tools.check import check_working_content

    no_kiche = _rumour("no_kiche")
    no_kiche["keywords"] = {"es": ["coyote + garantiz*"], "en": ["guaranteed + crossing"]}
    root = _with_directory_and_rumours(
        write_fixture(tmp_path),
        [],
        [
            _rumour("fine"),
            _rumour("lost_answer", answer="utter_does_not_exist"),
            {"id": "broken", "answer": "utter_thanks"},
            no_kiche,
        ],
    )
    monkeypatch.setenv("SENDA_ROOT", str(root))
    report = check_working_content(root, TODAY)
    errors = "\n".join(f.line() for f in report.errors)
    assert "rumour lost_answer: answer utter_does_not_exist is not in responses/" in errors
    assert "rumour broken has neither keywords nor examples: this rumour is not recognised" in errors
    assert len(report.errors) == 2
    assert "warning: rumour no_kiche: no keywords in quc" in report.format()
    assert "fine" not in report.format()


def test_a_broken_content_file_gets_its_place_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_fixture(tmp_path)
    (root / "responses" / "answers.yml").write_text(
        'responses:\n  utter_thanks:\n  - text: "unclosed\n', encoding="utf-8"
    )
    for command in ("check", "publish"):
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", "content", command],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "SENDA_ROOT": str(root)},
        )
        assert result.returncode == 2, result.stderr
        assert "answers.yml" in result.stderr and "line" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (root / "published").exists()
