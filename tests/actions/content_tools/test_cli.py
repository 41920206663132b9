"""`senda content export/import/preview` as staff run them: exit codes and what they read."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import yaml

from tests.actions.content_tools.content_fixture import EN, write_fixture


def senda(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SENDA_ROOT": str(root)},
    )


def read_rows(path: Path) -> List[dict]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path: Path, rows: List[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_export_edit_import_changes_the_translation(tmp_path: Path) -> None:
    root = write_fixture(tmp_path / "content")
    sheet = tmp_path / "answers.csv"
    exported = senda(root, "export", str(sheet))
    assert exported.returncode == 0, exported.stderr
    rows = read_rows(sheet)
    assert f"Wrote {len(rows)} rows to {sheet}" in exported.stdout
    thanks = next(r for r in rows if r["id"] == "utter_thanks" and r["language"] == "en")
    assert thanks["text"] == EN["utter_thanks"]
    thanks["text"], thanks["status"], thanks["reviewer"] = "My pleasure!", "reviewed", "Ana"
    write_rows(sheet, rows)
    imported = senda(root, "import", str(sheet))
    assert imported.returncode == 0, imported.stderr
    assert "utter_thanks [en]" in imported.stdout
    po = (root / "locales" / "en" / "LC_MESSAGES" / "responses.po").read_text(encoding="utf-8")
    assert 'msgstr "My pleasure!"' in po


def test_an_import_with_a_bad_row_changes_nothing_and_says_where(tmp_path: Path) -> None:
    root = write_fixture(tmp_path / "content")
    sheet = tmp_path / "answers.csv"
    assert senda(root, "export", str(sheet)).returncode == 0
    rows = read_rows(sheet)
    shelter = next(r for r in rows if r["id"] == "utter_shelter" and r["language"] == "en")
    shelter["text"] = shelter["text"].replace("555-0100", "555-0199")
    write_rows(sheet, rows)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    imported = senda(root, "import", str(sheet))
    assert imported.returncode == 1
    assert "phone" in imported.stderr and "nothing was changed" in imported.stderr
    line = rows.index(shelter) + 2  # the header is line 1
    assert f"line {line}" in imported.stderr.lower() or f":{line}" in imported.stderr
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_export_to_an_unknown_kind_of_file_is_refused_clearly(tmp_path: Path) -> None:
    root = write_fixture(tmp_path / "content")
    result = senda(root, "export", str(tmp_path / "answers.txt"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and ".xlsx" in result.stderr


def test_preview_lists_a_resource_added_but_not_yet_published(tmp_path: Path) -> None:
    root = write_fixture(tmp_path / "content")
    (root / "responses" / "resources.yml").write_text(
        yaml.safe_dump(
            {
                "verification_window_days": 180,
                "resources": [
                    {
                        "id": "new_shelter",
                        "country": "GT",
                        "type": "shelter",
                        "name": "Casa Nueva del Migrante",
                        "phone": "5555-0000",
                        "serves": ["all"],
                        "source": {"url": "https://example.org/casa", "page_date": "2026-11-20"},
                        "verified_on": "2026-11-20",
                    }
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    assert senda(root, "publish").returncode == 0
    before = senda(root, "preview", "shelter", "--language", "es", "--country", "GT")
    assert "Casa Nueva del Migrante" in before.stdout
    resources = root / "responses" / "resources.yml"
    resources.write_text(
        resources.read_text(encoding="utf-8").replace(
            "Casa Nueva del Migrante", "Casa Renovada del Migrante"
        ),
        encoding="utf-8",
    )
    after = senda(root, "preview", "shelter", "--language", "es", "--country", "GT")
    assert after.returncode == 0, after.stderr
    assert "Casa Renovada del Migrante" in after.stdout
