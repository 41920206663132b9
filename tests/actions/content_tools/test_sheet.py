"""`senda content export/import`: the spreadsheet round trip NGO staff use, in .xlsx and .csv.

Every test works on a copy of the project's responses/ and locales/.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import yaml
from babel.messages.pofile import read_po
from openpyxl import Workbook, load_workbook

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content.languages import language_config
from actions.content_tools.check import check_content
from actions.content_tools.rows import COLUMNS
from actions.content_tools.sheet import SheetError, export_content, import_content
from actions.content_tools.yaml_edit import edit_file
from bot.settings import PROJECT_ROOT

FORMATS = ["xlsx", "csv"]
Rows = List[List[str]]
ID, LANGUAGE, TEXT, STATUS, REVIEWER, SOURCES, REVIEWED_ON, REVIEW_BY, STATUS_DATE, STATUS_OF = range(10)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    content = tmp_path / "project"
    for name in ("responses", "locales"):
        shutil.copytree(PROJECT_ROOT / name, content / name)
    monkeypatch.setenv("SENDA_ROOT", str(content))
    language_config.cache_clear()
    yield content
    language_config.cache_clear()


def read_rows(path: Path) -> Rows:
    """The file as staff's spreadsheet shows it (read without Senda's code)."""
    if path.suffix == ".xlsx":
        sheet = load_workbook(path).active
        return [
            ["" if value is None else str(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: Rows) -> None:
    """Save edited rows, as LibreOffice or Excel would."""
    if path.suffix == ".xlsx":
        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
        return
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def row_of(rows: Rows, text_id: str, language: str) -> List[str]:
    return next(row for row in rows if row[ID] == text_id and row[LANGUAGE] == language)


def fingerprint(root: Path) -> Dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def catalog(root: Path, language: str):
    with (root / "locales" / language / "LC_MESSAGES" / "responses.po").open("rb") as handle:
        return read_po(handle)


def export(root: Path, kind: str, name: str = "answers") -> Tuple[Path, Rows]:
    path = root.parent / f"{name}.{kind}"
    count = export_content(path)
    rows = read_rows(path)
    assert count == len(rows) - 1
    return path, rows


# --- export --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", FORMATS)
def test_export_has_a_row_per_text_and_language(root: Path, kind: str) -> None:
    _, rows = export(root, kind)
    assert rows[0] == list(COLUMNS)
    codes = list(language_config().codes)
    assert [row[LANGUAGE] for row in rows[1:4]] == codes  # languages in languages.yml order
    es = row_of(rows, "utter_asylum_mexico", "es")
    assert es[STATUS] == "source" and es[REVIEWED_ON] == "2026-12-07"
    assert es[SOURCES].splitlines()[0] == (
        "mx_comar_refugee_status | https://www.gob.mx/comar/acciones-y-programas/"
        "procedimiento-para-ser-reconocido-como-refugiado-en-mexico | not shown | 2026-11-22 |"
    )
    assert "\n" in es[TEXT]  # multi-line texts stay in one cell
    assert row_of(rows, "utter_asylum_mexico", "en")[STATUS] == "reviewed"
    quc = row_of(rows, "utter_asylum_mexico", "quc")
    assert quc[STATUS] == "draft" and quc[SOURCES] == quc[REVIEW_BY] == ""
    assert row_of(rows, "utter_emergency#button1", "es")[TEXT] == "Violencia"
    assert row_of(rows, "utter_emergency#button1", "en")[TEXT] == "Violence"
    assert row_of(rows, "topic:asylum_us", "es")[TEXT] == "Asilo en EE. UU."
    ids = [row[ID] for row in rows[1:]]
    assert (
        ids.index("utter_emergency")
        < ids.index("utter_emergency#button1")
        < ids.index("utter_emergency#button3")
        < ids.index("topic:greet")
    )


def test_xlsx_header_is_bold_frozen_and_cells_wrap(root: Path) -> None:
    path, _ = export(root, "xlsx")
    sheet = load_workbook(path)["answers"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet["C2"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width


def test_csv_starts_with_a_byte_order_mark_for_excel(root: Path) -> None:
    path, _ = export(root, "csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfid,language,text,")


def test_export_refuses_other_file_kinds(root: Path) -> None:
    with pytest.raises(SheetError, match=r"answers\.ods: the file name must end in \.xlsx"):
        export_content(root.parent / "answers.ods")


# --- import: the round trip ----------------------------------------------------------


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


# --- import: nothing changes when a row is wrong --------------------------------------


@pytest.mark.parametrize("kind", FORMATS)
@pytest.mark.parametrize(
    "target, column, value, expected",
    [
        (
            ("utter_report_crime", "en"),
            TEXT,
            lambda t: t.replace("911", "991"),
            "phone numbers are not the same as in the Spanish",
        ),
        (
            ("utter_asylum_mexico", "en"),
            TEXT,
            lambda t: t.replace("https://www.gob.mx/comar", "https://www.gob.mx/"),
            "links are not the same as in the Spanish",
        ),
        (
            ("utter_child_protection", "quc"),
            TEXT,
            lambda t: t.replace("{resources}", "{recursos}"),
            "{placeholders} are not the same",
        ),
        (("utter_asylum_mexico", "es"), REVIEWED_ON, lambda _: "22/11/2026", "not a date written YYYY-MM-DD"),
    ],
)
def test_one_bad_row_changes_no_file(
    root: Path, kind: str, target, column: int, value, expected: str
) -> None:
    path, rows = export(root, kind)
    good = row_of(rows, "utter_emergency", "en")
    good[TEXT] += " Stay safe."  # a valid edit in the same file is not applied either
    bad = row_of(rows, *target)
    bad[column] = value(bad[column])
    write_rows(path, rows)
    before = fingerprint(root)

    result = import_content(path)
    assert fingerprint(root) == before and result.changed_files == []
    assert len(result.problems) == 1, result.format()
    line = rows.index(bad) + 1
    where = f"{path.name} line {line}, column {COLUMNS[column]}: "
    assert result.problems[0].line().startswith(where)
    assert expected in result.problems[0].message
    assert "nothing was changed" in result.format()


def problems_for(root: Path, rows: Rows, kind: str = "csv") -> List[Tuple[int, str, str]]:
    path = root.parent / f"edited.{kind}"
    write_rows(path, rows)
    before = fingerprint(root)
    result = import_content(path)
    assert fingerprint(root) == before
    return [(p.row, p.column, p.message) for p in result.problems]


def test_header_problems_are_named(root: Path) -> None:
    _, rows = export(root, "csv")
    header = ["id", "lang", "text", "status", "reviewer", "sources", "reviewed_on", "text"]
    found = problems_for(root, [header] + rows[1:3])
    assert [(row, column) for row, column, _ in found] == [
        (1, "lang"),
        (1, "text"),
        (1, "language"),
        (1, "review_by"),
    ]
    assert "there is no column called “lang”" in found[0][2]
    assert "column text appears twice (columns C and H)" in found[1][2]
    assert "column review_by is missing" in found[3][2]


def test_each_kind_of_mistake_is_reported_on_its_row_and_column(root: Path) -> None:
    _, rows = export(root, "csv")
    header = rows[0]

    def edited(text_id: str, language: str, **cells: str) -> List[str]:
        row = list(row_of(rows, "utter_greet", "es"))
        row[ID : LANGUAGE + 1] = [text_id, language]
        if any(r[ID] == text_id and r[LANGUAGE] == language for r in rows):
            row = list(row_of(rows, text_id, language))
        for name, value in cells.items():
            row[COLUMNS.index(name)] = value
        return row

    cases = [
        (edited("utter_nope", "es"), "id", "no answer, button or topic has the id “utter_nope”"),
        (edited("utter_emergency", "fr"), "language", "must be one of es, en, quc, not “fr”"),
        (edited("utter_greet", "es", text=" \n "), "text", "the Spanish text is empty"),
        (edited("utter_greet", "en", status="done"), "status", "must be draft or reviewed"),
        (
            edited("utter_asylum_mexico", "es", sources="comar | https://www.gob.mx | 2026-11-22"),
            "sources",
            "has 3 parts",
        ),
        (
            edited("utter_asylum_us", "es", sources="uscis | www.uscis.gov | | 2026-11-22 |"),
            "sources",
            "starting with https://",
        ),
        (edited("utter_work_visas", "es", sources=""), "sources", "needs at least one source"),
        (edited("utter_tps", "es", reviewed_on=""), "reviewed_on", "date its facts"),
        (edited("utter_thanks", "quc", status="reviewed"), "reviewer", "needs the name"),
        (edited("utter_thanks", "en", text="Thanks! " + "word " * 900), "text", "Telegram shows"),
        (
            edited("utter_emergency#button1", "es", sources="x | https://a.org | | |"),
            "sources",
            "buttons and topic titles have no sources",
        ),
        (edited("utter_goodbye", "en", review_by="2027-01-01"), "review_by", "Spanish"),
    ]
    rows_written = [header] + [row for row, _, _ in cases] + [edited("utter_greet", "en")]
    found = problems_for(root, rows_written)  # the last row repeats utter_greet in en
    expected = [(line, column) for line, (_, column, _) in enumerate(cases, 2)]
    expected.append((len(cases) + 2, "id"))
    assert [(row, column) for row, column, _ in found] == expected, found
    for (_, _, message), (_, _, words) in zip(found, cases):
        assert words in message
    assert (
        f"already on line {rows_written.index(edited('utter_greet', 'en', status='done')) + 1}"
        in found[-1][2]
    )


def test_a_csv_not_saved_as_utf8_is_refused(root: Path) -> None:
    path = root.parent / "latin1.csv"
    path.write_bytes(",".join(COLUMNS).encode() + b"\r\nutter_greet,es,\xbfQu\xe9 tal?,source,,,,\r\n")
    result = import_content(path)
    assert [p.line() for p in result.problems] == [
        "latin1.csv: the file is not saved as UTF-8, so accents and the Kʼicheʼ ʼ would be lost. "
        'In Excel use Save As → "CSV UTF-8 (Comma delimited)"; in LibreOffice choose the '
        'character set "Unicode (UTF-8)"'
    ]


def test_a_csv_saved_by_spanish_excel_with_semicolons_is_read(root: Path) -> None:
    path, rows = export(root, "csv")
    english = row_of(rows, "utter_thanks", "en")
    english[TEXT] = "You are welcome; take care!"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([rows[0], english])
    assert import_content(path).ok
    assert row_of(export(root, "csv", "again")[1], "utter_thanks", "en")[TEXT] == english[TEXT]


def test_a_date_the_spreadsheet_turned_into_a_date_cell_is_read(root: Path) -> None:
    path, rows = export(root, "xlsx")
    book = load_workbook(path)
    sheet = book["answers"]
    line = rows.index(row_of(rows, "utter_asylum_mexico", "es")) + 1
    sheet.cell(row=line, column=REVIEW_BY + 1).value = datetime(2027, 3, 1)
    book.save(path)
    assert import_content(path).ok
    assert row_of(export(root, "csv")[1], "utter_asylum_mexico", "es")[REVIEW_BY] == "2027-03-01"


def test_unedited_yaml_files_are_written_back_byte_for_byte() -> None:
    for path in sorted((PROJECT_ROOT / "responses").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        if "responses" in data or "topics" in data:
            assert edit_file(text, []) == text, path.name
