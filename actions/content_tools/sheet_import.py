"""Read an edited spreadsheet back: check every row, then say what it changes.

Nothing is written here. Every row is checked before anything is applied, and
each problem names the row and column as the spreadsheet shows them, in words
for staff who do not write code. The safety check above all: a translation must
keep the Spanish text's links, phone numbers and {placeholders} exactly.

Only rows in the file count; a row equal to what an export shows changes
nothing. A translator sets a translation's status to draft or reviewed; stale
and missing are Senda's own words, so a new text on such a row is a draft.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Dict, List, Optional, Sequence, Tuple

from actions.content.catalogs import DRAFT, REVIEWED, Review
from actions.content.languages import language_config
from actions.content.text import telegram_length
from actions.content_tools.check import DRAFT_LANGUAGE, MAX_MESSAGE, PHONE, PLACEHOLDER, URL, tokens
from actions.content_tools.rows import (
    ANSWER,
    COLUMNS,
    DATE_COLUMNS,
    MISSING,
    SOURCE,
    SOURCE_FIELDS,
    SOURCE_SEPARATOR,
    STALE,
    ContentState,
    Text,
    source_tuples,
)
from actions.content_tools.sheet_files import SheetRow
from actions.content_tools.yaml_edit import SpanishEdit

# Columns added after the first exports: a sheet without them keeps the content's values.
OPTIONAL_COLUMNS = ("status_date", "status_of")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HTTP = re.compile(r"^https?://\S+$")
# Invisible characters a spreadsheet can leave in a cell; Telegram refuses some of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    file: str
    row: Optional[int]  # as the spreadsheet numbers it (the header is 1)
    column: Optional[str]
    message: str

    def line(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" line {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


@dataclass
class TranslationEdit:
    text: Text
    language: str
    string: str
    review: Review


@dataclass
class Plan:
    spanish: List[SpanishEdit] = field(default_factory=list)
    translations: List[TranslationEdit] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.spanish and not self.translations


@dataclass
class _Row:
    """One spreadsheet row, cells cleaned, id and language known."""

    line: int
    text: Text
    language: str
    cells: Dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: List[Problem] = []

    def add(self, line: Optional[int], column: Optional[str], message: str) -> None:
        self.items.append(Problem(self.file, line, column, message))


def clean_text(value: str) -> str:
    """Line breaks as \\n, no spaces at line ends or around the text (spreadsheets add them)."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def plan_import(sheet: Sequence[SheetRow], state: ContentState, file: str) -> Tuple[Plan, List[Problem]]:
    problems = _Problems(file)
    columns = _columns(sheet, problems)
    if columns is None:
        return Plan(), problems.items
    rows = _rows(sheet[1:], columns, state, problems)
    source = language_config().source
    plan = Plan()
    for row in rows:
        if row.language == source:
            spanish = _spanish(row, state, problems)
            if spanish is not None:
                plan.spanish.append(spanish)
    new_spanish = {e.text.id: e.new_text for e in plan.spanish if e.new_text is not None}
    for row in rows:
        if row.language != source:
            translation = _translation(row, state, new_spanish, problems)
            if translation is not None:
                plan.translations.append(translation)
    return plan, sorted(problems.items, key=lambda problem: problem.row or 0)


def _letter(number: int) -> str:
    """The spreadsheet's name of a column: 1 -> A, 27 -> AA."""
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def _columns(sheet: Sequence[SheetRow], problems: _Problems) -> Optional[Dict[str, int]]:
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


def _rows(
    sheet: Sequence[SheetRow], columns: Dict[str, int], state: ContentState, problems: _Problems
) -> List[_Row]:
    codes = language_config().codes
    seen: Dict[Tuple[str, str], int] = {}
    rows: List[_Row] = []
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
        rows.append(_Row(line, state.texts[text_id], language, cells))
    return rows


def _cell(cells: List[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _date(row: _Row, column: str, problems: _Problems) -> Optional[date]:
    value = row[column]
    if not value:
        return None
    try:
        if _DATE.match(value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    problems.add(row.line, column, f"“{value}” is not a date written YYYY-MM-DD (for example 2026-12-01)")
    return None


def _parse_sources(row: _Row, problems: _Problems) -> List[Tuple[str, ...]]:
    sources: List[Tuple[str, ...]] = []
    form = SOURCE_SEPARATOR.join(SOURCE_FIELDS)
    lines = [line for line in row["sources"].split("\n") if line.strip()]
    for number, line in enumerate(lines, 1):
        where = f"source {number} of {len(lines)}" if len(lines) > 1 else "the source"
        parts = tuple(part.strip() for part in line.split("|"))
        if len(parts) != len(SOURCE_FIELDS):
            problems.add(
                row.line,
                "sources",
                f"{where} has {len(parts)} parts; write one "
                f"source per line as {form}, with exactly four | (leave a part empty "
                "if unknown)",
            )
            continue
        values = dict(zip(SOURCE_FIELDS, parts))
        if not _HTTP.match(values["url"]):
            problems.add(
                row.line,
                "sources",
                f"{where} has no link in its second part (url): "
                f"write the page's address starting with https:// or http://",
            )
        if values["retrieved"] and not _DATE.match(values["retrieved"]):
            problems.add(
                row.line,
                "sources",
                f"{where}: the day it was read (retrieved, "
                f"fourth part) must be written YYYY-MM-DD, not “{values['retrieved']}”",
            )
        sources.append(parts)
    return sources


def _spanish(row: _Row, state: ContentState, problems: _Problems) -> Optional[SpanishEdit]:
    text, current = row.text, state.rows[(row.text.id, row.language)]
    before = len(problems.items)
    if not row["text"]:
        problems.add(
            row.line, "text", "the Spanish text is empty; every answer, button and topic needs its text"
        )
    if row["status"] not in ("", SOURCE):
        problems.add(
            row.line, "status", f"a Spanish row's status is always “{SOURCE}” (Spanish is the original text)"
        )
    if row["reviewer"]:
        problems.add(
            row.line,
            "reviewer",
            "leave the reviewer empty on Spanish rows; reviewed_on says when its facts were checked",
        )
    if text.kind != ANSWER:
        for column in ("sources",) + DATE_COLUMNS:
            if row[column]:
                answer = text.key if text.context == text.key else f"utter_{text.key}"
                problems.add(
                    row.line,
                    column,
                    f"buttons and topic titles have no {column}; put it on the Spanish row of {answer}",
                )
    # review_by follows the facts' status date (actions/content_tools/review_dates.py), so it may come
    # before the last reading of the text; `content check` refuses one later than allowed.
    for column in ("reviewed_on", "review_by", "status_date"):
        _date(row, column, problems)
    sources = _parse_sources(row, problems)
    _check_text(row, problems)
    if text.kind == ANSWER and (URL.search(row["text"]) or tokens(PHONE, row["text"])):
        if not row["sources"]:
            problems.add(
                row.line,
                "sources",
                "the text gives a link or a phone number, so it "
                "needs at least one source: where does that fact come from?",
            )
        if not row["reviewed_on"]:
            problems.add(
                row.line,
                "reviewed_on",
                "the text gives a link or a phone number, so "
                "it needs the date its facts were checked (YYYY-MM-DD)",
            )
    if len(problems.items) > before:
        return None
    edit = SpanishEdit(text)
    if row["text"] != clean_text(current.text):
        edit.new_text = row["text"]
    if text.kind == ANSWER:
        if sources != source_tuples(text.metadata.get("sources")):
            edit.sources = sources
        for column in DATE_COLUMNS:
            if row[column] != getattr(current, column):
                setattr(edit, column, row[column])
    changed = (edit.new_text, edit.sources, *edit.dates().values())
    return edit if any(value is not None for value in changed) else None


def _translation(
    row: _Row, state: ContentState, new_spanish: Dict[str, str], problems: _Problems
) -> Optional[TranslationEdit]:
    current = state.rows[(row.text.id, row.language)]
    status, before = row["status"], len(problems.items)
    if status not in (DRAFT, REVIEWED, STALE, MISSING):
        problems.add(
            row.line,
            "status",
            f"the status must be {DRAFT} or {REVIEWED}, not "
            f"“{status}” ({STALE} and {MISSING} are set by Senda)"
            if status
            else f"the status is empty: write {DRAFT} or {REVIEWED}",
        )
    for column in ("sources", "review_by", "status_date", "status_of"):
        if row[column]:
            problems.add(
                row.line,
                column,
                f"{column} belong on the Spanish ({SOURCE}) row of "
                f"{row.text.id}; leave this cell empty on translations",
            )
    reviewed_on = _date(row, "reviewed_on", problems)
    if "\n" in row["reviewer"] or re.search(r"[()]", row["reviewer"]):
        problems.add(row.line, "reviewer", "write only the reviewer's name, on one line and without brackets")
    if len(problems.items) > before:
        return None
    same_text = row["text"] == clean_text(current.text)
    if status in (STALE, MISSING):
        # Senda's own word for the row: a new text here is a fresh translation.
        status = current.status if same_text else DRAFT
    unchanged = (
        same_text
        and status == current.status
        and row["reviewer"] == current.reviewer
        and row["reviewed_on"] == current.reviewed_on
    )
    spanish = new_spanish.get(row.text.id, row.text.source)
    if unchanged and (status in (STALE, MISSING) or row.text.id in new_spanish):
        return None  # not shown to users (or about to go stale): nothing to check
    if not row["text"]:
        problems.add(
            row.line,
            "text",
            "the translation is empty: write it, or delete this row to leave the translation as it is",
        )
        return None
    _check_translation(row, status, spanish, problems)
    if unchanged or len(problems.items) > before:
        return None
    return TranslationEdit(
        row.text, row.language, row["text"], Review(state=status, by=row["reviewer"] or None, on=reviewed_on)
    )


def _check_translation(row: _Row, status: str, spanish: str, problems: _Problems) -> None:
    for pattern, what in ((URL, "links"), (PHONE, "phone numbers"), (PLACEHOLDER, "{placeholders}")):
        wanted, found = tokens(pattern, spanish), tokens(pattern, row["text"])
        if wanted != found:
            problems.add(
                row.line,
                "text",
                f"the {what} are not the same as in the Spanish "
                f"(Spanish: {', '.join(wanted) or 'none'}; here: "
                f"{', '.join(found) or 'none'}). Links, phone numbers and "
                "{placeholders} must be copied exactly from the Spanish",
            )
    _check_text(row, problems)
    if row.language == DRAFT_LANGUAGE and status == REVIEWED and not row["reviewer"]:
        name = language_config().get(row.language).name
        problems.add(
            row.line,
            "reviewer",
            f"a {name} text marked reviewed needs the name of the native speaker who reviewed it",
        )


def _check_text(row: _Row, problems: _Problems) -> None:
    size = telegram_length(row["text"])
    if size > MAX_MESSAGE:
        problems.add(
            row.line,
            "text",
            f"the text has {size} characters; Telegram shows at "
            f"most {MAX_MESSAGE} in one message: shorten it",
        )
    if _CONTROL.search(row["text"]):
        problems.add(
            row.line,
            "text",
            "the text holds an invisible control character (often "
            "a pasted line break): retype the line breaks with Alt+Enter "
            "(Ctrl+Enter in LibreOffice)",
        )
