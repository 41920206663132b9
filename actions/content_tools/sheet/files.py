"""Spreadsheet files staff open in LibreOffice or Excel: .xlsx, or .csv.

Only the file format lives here; what the columns mean is rows.py's and
reading.py's business. Every cell comes back as text, numbered with the row
number the spreadsheet shows (the header is row 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, List, Sequence

XLSX, CSV = ".xlsx", ".csv"
SHEET = "answers"
# Column widths in characters, by column name; others get DEFAULT_WIDTH.
WIDTHS = {
    "id": 34,
    "language": 10,
    "text": 80,
    "status": 10,
    "reviewer": 18,
    "sources": 70,
    "reviewed_on": 13,
    "review_by": 13,
}
DEFAULT_WIDTH = 16


class SheetError(Exception):
    """The file itself cannot be used (wrong kind, unreadable, wrong encoding)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.reason = reason


@dataclass(frozen=True)
class SheetRow:
    line: int  # as the spreadsheet numbers it; the header is 1
    cells: List[str]


def kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (XLSX, CSV):
        raise SheetError(
            path, "the file name must end in .xlsx (Excel, LibreOffice) or .csv; save it as one of those"
        )
    return suffix


def write_sheet(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    if kind(path) == XLSX:
        _write_xlsx(path, header, rows)
    else:
        _write_csv(path, header, rows)


def read_sheet(path: Path) -> List[SheetRow]:
    """The header and every row that is not blank."""
    if not path.exists():
        raise SheetError(path, "no such file")
    rows = _read_xlsx(path) if kind(path) == XLSX else _read_csv(path)
    return [row for row in rows if row.line == 1 or any(cell.strip() for cell in row.cells)]


def _write_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, values in enumerate(rows, 2):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=number, column=column, value=value)
            # Always text: a Spanish text starting with "=" is not a formula, and a
            # date typed into a text cell stays YYYY-MM-DD instead of a locale date.
            cell.data_type = "s"
            cell.number_format = "@"
            cell.alignment = wrap
    for column, name in enumerate(header, 1):
        sheet.column_dimensions[get_column_letter(column)].width = WIDTHS.get(name, DEFAULT_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.save(path)


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    # UTF-8 with a byte order mark: without it Excel reads the accents as Latin-1.
    # The csv module's default dialect is RFC 4180 (CRLF between rows, quotes
    # around cells holding commas, quotes or line breaks).
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _read_xlsx(path: Path) -> List[SheetRow]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SheetError(path, f"cannot be read as an Excel workbook ({error})") from error
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    return [
        SheetRow(number, [_cell_text(value) for value in values])
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
    ]


def _cell_text(value: Any) -> str:
    """A cell as text; the spreadsheet may have turned what staff typed into a number or date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        midnight = value.time() == datetime.min.time()
        return value.date().isoformat() if midnight else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_csv(path: Path) -> List[SheetRow]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SheetError(
            path,
            "the file is not saved as UTF-8, so accents and the Kʼicheʼ ʼ would "
            'be lost. In Excel use Save As → "CSV UTF-8 (Comma delimited)"; in LibreOffice '
            'choose the character set "Unicode (UTF-8)"',
        ) from error
    first_line = text.split("\n", 1)[0]
    # Excel in Spanish saves CSV with ";" between cells; accept what the header uses.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [SheetRow(number, cells) for number, cells in enumerate(reader, 1)]
    except csv.Error as error:
        raise SheetError(path, f"not a valid CSV file ({error})") from error
