"""Read an edited spreadsheet's rows: where each column is, and every row's cells cleaned.

The header may be in any order and may lack the columns added after the first exports
(a sheet without them keeps the content's values). A row must name a known id and
language, once; the cells come back trimmed, with line breaks as \\n. Whether the
values make sense is checking.py's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from actions.content.languages import language_config
from actions.content_tools.sheet.files import SheetRow
from actions.content_tools.sheet.problems import Problems
from actions.content_tools.sheet.rows import COLUMNS, DATE_COLUMNS, ContentState, Text

# Columns added after the first exports: a sheet without them keeps the content's values.
OPTIONAL_COLUMNS = ("status_date", "status_of")


@dataclass
class EditedRow:
    """One spreadsheet row, cells cleaned, id and language known."""

    line: int
    text: Text
    language: str
    cells: Dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]


def clean_text(value: str) -> str:
    """Line breaks as \\n, no spaces at line ends or around the text (spreadsheets add them)."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _letter(number: int) -> str:
    """The spreadsheet's name of a column: 1 -> A, 27 -> AA."""
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def read_columns(sheet: Sequence[SheetRow], problems: Problems) -> Optional[Dict[str, int]]:
    """Where each column is, from the header row; None when the header is wrong."""
    expected = ", ".join(COLUMNS)
    if not sheet:
        problems.add(None, None, f"the file is empty; the first row must name the columns {expected}")
        return None
    if not any(cell.strip() for cell in sheet[0].cells):
        problems.add(
            1,
            None,
            f"the first row is empty; it must name the columns {expected} "
            "(export again to get a correct file)",
        )
        return None
    found: Dict[str, int] = {}
    for index, cell in enumerate(sheet[0].cells):
        name = cell.strip().lower()
        letter = _letter(index + 1)
        if not name:
            if any(index < len(row.cells) and row.cells[index].strip() for row in sheet[1:]):
                problems.add(
                    1, letter, f"column {letter} has no name in the first row; the columns are {expected}"
                )
        elif name not in COLUMNS:
            problems.add(
                1,
                cell.strip(),
                f"there is no column called “{cell.strip()}” (column {letter}); the columns are {expected}",
            )
        elif name in found:
            problems.add(
                1,
                name,
                f"column {name} appears twice (columns "
                f"{_letter(found[name] + 1)} and {letter}); keep only one",
            )
        else:
            found[name] = index
    for name in COLUMNS:
        if name not in found and name not in OPTIONAL_COLUMNS:
            problems.add(
                1,
                name,
                f"column {name} is missing; the first row must name the "
                f"columns {expected} (export again to get a correct file)",
            )
    return None if problems.items else found


def read_rows(
    sheet: Sequence[SheetRow], columns: Dict[str, int], state: ContentState, problems: Problems
) -> List[EditedRow]:
    codes = language_config().codes
    seen: Dict[Tuple[str, str], int] = {}
    rows: List[EditedRow] = []
    for sheet_row in sheet:
        cells = {name: _cell(sheet_row.cells, index) for name, index in columns.items()}
        line, text_id, language = sheet_row.line, cells["id"].strip(), cells["language"].strip()
        if not text_id:
            problems.add(line, "id", "the id is empty; every row needs the id it had in the export")
            continue
        if text_id not in state.texts:
            problems.add(
                line,
                "id",
                f"no answer, button or topic has the id “{text_id}”; keep the ids exactly as exported",
            )
            continue
        if language.lower() not in codes:
            problems.add(
                line, "language", f"the language must be one of {', '.join(codes)}, not “{language}”"
            )
            continue
        language = language.lower()
        if (text_id, language) in seen:
            problems.add(
                line,
                "id",
                f"{text_id} in language {language} is already on line "
                f"{seen[(text_id, language)]}; keep only one of the two rows",
            )
            continue
        seen[(text_id, language)] = line
        for name in OPTIONAL_COLUMNS:  # a sheet exported before they existed: kept as is
            if name not in columns:
                cells[name] = getattr(state.rows[(text_id, language)], name)
        cells["text"] = clean_text(cells["text"])
        for name in ("status", "reviewer", "sources") + DATE_COLUMNS:
            cells[name] = cells[name].strip()
        cells["status"] = cells["status"].lower()
        rows.append(EditedRow(line, state.texts[text_id], language, cells))
    return rows


def _cell(cells: List[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""
