"""What the spreadsheet tests share: reading and saving a sheet as staff's spreadsheet
program would (without Senda's code), finding a row, and a fingerprint of the files."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Dict, List, Tuple

from babel.messages.pofile import read_po
from openpyxl import Workbook, load_workbook

from actions.content_tools.sheet.export import export_content

FORMATS = ["xlsx", "csv"]
Rows = List[List[str]]
ID, LANGUAGE, TEXT, STATUS, REVIEWER, SOURCES, REVIEWED_ON, REVIEW_BY, STATUS_DATE, STATUS_OF = range(10)


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
