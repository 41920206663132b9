"""`senda content import` of an edited export: the round trip NGO staff use, in .xlsx and
.csv. What was edited reads back the same, translations follow their Spanish, and the
catalogs end as `make pot` would leave them.

Every test works on a copy of the project's responses/ and locales/ (conftest.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content_tools.check import check_content
from actions.content_tools.sheet.importing import import_content
from bot.settings import PROJECT_ROOT
from tests.actions.content_tools.sheet.spreadsheets import (
    FORMATS,
    ID,
    LANGUAGE,
    REVIEW_BY,
    REVIEWED_ON,
    REVIEWER,
    SOURCES,
    STATUS,
    STATUS_DATE,
    STATUS_OF,
    TEXT,
    catalog,
    export,
    fingerprint,
    row_of,
    write_rows,
)


@pytest.mark.parametrize("kind", FORMATS)
def test_an_unchanged_export_changes_nothing(root: Path, kind: str) -> None:
    path, _ = export(root, kind)
    before = fingerprint(root)
    result = import_content(path)
    assert result.ok and result.changed_files == []
    assert fingerprint(root) == before
    assert "nothing to change" in result.format()


def test_a_review_date_already_past_when_written_is_kept(root: Path) -> None:
    """Answers written from facts already due for review keep the review_by their facts
    give (the content check warns); one later than the facts allow is refused by the
    check, not by the import."""
    path, rows = export(root, "csv")
    row = row_of(rows, "utter_rumour_border_december", "es")
    assert row[REVIEW_BY] < row[REVIEWED_ON]
    row[TEXT] = row[TEXT].replace("No salgas por ese mensaje.", "No salgas por ese mensaje, es falso.")
    write_rows(path, rows)
    assert import_content(path).ok
    path, rows = export(root, "csv", "again")
    row = row_of(rows, "utter_rumour_border_december", "es")
    row[REVIEW_BY] = "2027-12-01"
    write_rows(path, rows)
    assert import_content(path).ok
    errors = [
        f
        for f in check_content(load_content(root / "responses"), load_catalogs()).errors
        if f.answer == "utter_rumour_border_december"
    ]
    assert errors and "later than its facts allow" in errors[0].message


@pytest.mark.parametrize("kind", FORMATS)
def test_staff_move_a_status_date_in_the_sheet(root: Path, kind: str) -> None:
    """The check tells staff to move status_date and review_by: the sheet can do both."""
    path, rows = export(root, kind)
    row = row_of(rows, "utter_tps", "es")
    assert (row[STATUS_DATE], row[STATUS_OF]) == ("2026-08-19", "US")
    row[STATUS_DATE], row[REVIEW_BY], row[REVIEWED_ON] = "2026-12-01", "2027-01-30", "2026-12-02"
    write_rows(path, rows)
    assert import_content(path).ok
    yml = (root / "responses" / "pathways.yml").read_text(encoding="utf-8")
    assert 'status_date: "2026-12-01"' in yml and 'review_by: "2027-01-30"' in yml
    assert not [
        f
        for f in check_content(load_content(root / "responses"), load_catalogs()).errors
        if f.answer == "utter_tps"
    ]


def test_a_sheet_from_before_the_status_columns_still_imports(root: Path) -> None:
    path, rows = export(root, "csv")
    old = [row[:STATUS_DATE] for row in rows]
    write_rows(path, old)
    before = fingerprint(root)
    result = import_content(path)
    assert result.ok and result.changed_files == [] and fingerprint(root) == before


@pytest.mark.parametrize("kind", FORMATS)
def test_edits_read_back_the_same(root: Path, kind: str) -> None:
    errors_before = {
        f.line() for f in check_content(load_content(root / "responses"), load_catalogs()).errors
    }
    path, rows = export(root, kind)
    spanish = row_of(rows, "utter_asylum_mexico", "es")
    spanish[TEXT] = spanish[TEXT].replace("Es gratis:", "Es gratis y confidencial:")
    spanish[SOURCES] += "\nmx_comar_offices | https://www.gob.mx/comar | not shown | 2026-11-23 | offices"
    spanish[REVIEWED_ON], spanish[REVIEW_BY] = "2026-11-23", "2026-06-19"
    english = row_of(rows, "utter_emergency", "en")
    english[TEXT] = english[TEXT].replace("If you are in danger now", "If you are in danger right now")
    kiche = row_of(rows, "utter_emergency#button2", "quc")
    kiche[STATUS], kiche[REVIEWER], kiche[REVIEWED_ON] = "reviewed", "Ana Tzoc", "2026-11-21"
    write_rows(path, rows)

    result = import_content(path)
    assert result.ok, result.format()
    assert {p.name for p in result.changed_files} >= {"pathways.yml", "responses.po"}

    _, again = export(root, kind, "again")
    for edited in (spanish, english, kiche):
        assert row_of(again, edited[ID], edited[LANGUAGE]) == edited
    # The Spanish changed: its untouched translations are kept, but stale until updated.
    for language in ("en", "quc"):
        old = row_of(rows, "utter_asylum_mexico", language)
        stale = old[:STATUS] + ["stale"] + old[STATUS + 1 :]
        assert row_of(again, "utter_asylum_mexico", language) == stale
        entry = catalog(root, language).get(spanish[TEXT], context="utter_asylum_mexico")
        assert entry is not None and entry.fuzzy and entry.string == old[TEXT]

    yml = (root / "responses" / "pathways.yml").read_text(encoding="utf-8")
    assert "  utter_asylum_mexico:\n  - text: |-\n      En México puedes pedir" in yml
    assert "Es gratis y confidencial:" in yml and 'review_by: "2026-06-19"' in yml
    assert '      - fact: mx_comar_offices\n        url: "https://www.gob.mx/comar"\n' in yml
    answer = load_content(root / "responses").variation("utter_asylum_mexico")
    assert answer["metadata"]["topic"] == "asylum_mexico"  # what the sheet does not show is kept
    en = catalog(root, "en").get(row_of(rows, "utter_emergency", "es")[TEXT], context="utter_emergency")
    assert en.string == english[TEXT] and not en.fuzzy
    quc = catalog(root, "quc").get(
        row_of(rows, "utter_emergency#button2", "es")[TEXT], context="utter_emergency"
    )
    assert quc.user_comments == ["status: reviewed by Ana Tzoc on 2026-11-21"]
    errors_after = {f.line() for f in check_content(load_content(root / "responses"), load_catalogs()).errors}
    assert errors_after <= errors_before  # no new error


@pytest.mark.parametrize("kind", FORMATS)
def test_a_translation_given_with_the_spanish_change_follows_it(root: Path, kind: str) -> None:
    path, rows = export(root, kind)
    spanish = row_of(rows, "utter_emergency#button3", "es")
    spanish[TEXT] = "Un albergue"
    english = row_of(rows, "utter_emergency#button3", "en")
    english[TEXT] = "A shelter"
    write_rows(path, [rows[0], spanish, english])  # a file may hold only some rows

    assert import_content(path).ok
    _, again = export(root, kind, "again")
    assert row_of(again, "utter_emergency#button3", "en")[TEXT : STATUS + 1] == ["A shelter", "reviewed"]
    assert row_of(again, "utter_emergency#button3", "quc")[STATUS] == "stale"
    assert row_of(again, "utter_emergency#button1", "es")[TEXT] == "Violencia"


def test_a_stale_row_with_a_new_text_becomes_a_draft(root: Path) -> None:
    path, rows = export(root, "csv")
    spanish = row_of(rows, "utter_emergency#button3", "es")
    spanish[TEXT] = "Un albergue"
    write_rows(path, [rows[0], spanish])
    assert import_content(path).ok
    path, rows = export(root, "csv", "second")
    kiche = row_of(rows, "utter_emergency#button3", "quc")
    assert kiche[STATUS] == "stale"
    kiche[TEXT] = "Jun kʼolibʼal"
    write_rows(path, [rows[0], kiche])
    assert import_content(path).ok
    _, again = export(root, "csv", "third")
    assert row_of(again, "utter_emergency#button3", "quc")[TEXT : STATUS + 1] == ["Jun kʼolibʼal", "draft"]


def test_a_spanish_change_leaves_the_files_as_make_pot_would(root: Path, tmp_path: Path) -> None:
    """The template and catalogs equal what `make pot` (pybabel) writes for the same answers."""
    path, rows = export(root, "csv")
    spanish = row_of(rows, "utter_emergency", "es")
    spanish[TEXT] += "\nNo estás solo."
    write_rows(path, [rows[0], spanish])
    assert import_content(path).ok

    made = tmp_path / "make-pot"
    shutil.copytree(PROJECT_ROOT / "locales", made / "locales")
    shutil.copytree(root / "responses", made / "responses")
    shutil.copy(PROJECT_ROOT / "babel.cfg", made)
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    env = {"PYTHONPATH": str(PROJECT_ROOT), "PATH": ""}
    subprocess.run(
        pybabel
        + [
            "extract",
            "-F",
            "babel.cfg",
            "--no-wrap",
            "--sort-by-file",
            "-o",
            "locales/responses.pot",
            "--project=Senda",
            "--copyright-holder=Senda",
            "--msgid-bugs-address=",
            ".",
        ],
        cwd=made,
        env=env,
        check=True,
        capture_output=True,
    )
    for language in ("en", "quc"):
        po = f"locales/{language}/LC_MESSAGES/responses.po"
        subprocess.run(
            pybabel
            + [
                "update",
                "--no-wrap",
                "-l",
                language,
                "-i",
                "locales/responses.pot",
                "-o",
                po,
                "--ignore-obsolete",
            ],
            cwd=made,
            env=env,
            check=True,
            capture_output=True,
        )
    for name in (
        "locales/responses.pot",
        "locales/en/LC_MESSAGES/responses.po",
        "locales/quc/LC_MESSAGES/responses.po",
    ):
        ours, theirs = ((r / name).read_text(encoding="utf-8").splitlines() for r in (root, made))
        differ = [(a, b) for a, b in zip(ours, theirs) if a != b]
        assert len(ours) == len(theirs) and all("POT-Creation-Date" in a for a, _ in differ), name
