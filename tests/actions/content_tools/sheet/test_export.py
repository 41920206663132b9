"""`senda content export`: a row per text and language, in .xlsx and .csv, as staff open it.

Every test works on a copy of the project's responses/ and locales/ (conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from actions.content.languages import language_config
from actions.content_tools.sheet.export import export_content
from actions.content_tools.sheet.files import SheetError
from actions.content_tools.sheet.rows import COLUMNS
from tests.actions.content_tools.sheet.spreadsheets import (
    FORMATS,
    ID,
    LANGUAGE,
    REVIEW_BY,
    REVIEWED_ON,
    SOURCES,
    STATUS,
    TEXT,
    export,
    row_of,
)


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
