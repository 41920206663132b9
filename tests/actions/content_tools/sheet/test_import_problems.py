"""`senda content import`: a wrong row changes no file, and each problem names its row
and column in words for staff; files saved in other ways are read or refused plainly.

Every test works on a copy of the project's responses/ and locales/ (conftest.py).
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import List, Tuple

import pytest
from openpyxl import load_workbook

from actions.content_tools.sheet.importing import import_content
from actions.content_tools.sheet.rows import COLUMNS
from tests.actions.content_tools.sheet.spreadsheets import (
    FORMATS,
    ID,
    LANGUAGE,
    REVIEW_BY,
    REVIEWED_ON,
    TEXT,
    Rows,
    export,
    fingerprint,
    row_of,
    write_rows,
)


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
