"""Check every row of an edited spreadsheet, and say what each changes.

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
from datetime import date
from typing import Dict, List, Optional, Tuple

from actions.content.catalogs import DRAFT, REVIEWED, Review
from actions.content.languages import language_config
from actions.content.text import TELEGRAM_MAX_MESSAGE as MAX_MESSAGE
from actions.content.text import telegram_length
from actions.content_tools.patterns import PHONE, PLACEHOLDER, URL, tokens
from actions.content_tools.sheet.plan import TranslationEdit
from actions.content_tools.sheet.problems import Problems
from actions.content_tools.sheet.reading import EditedRow, clean_text
from actions.content_tools.sheet.rows import (
    ANSWER,
    DATE_COLUMNS,
    MISSING,
    SOURCE,
    SOURCE_FIELDS,
    SOURCE_SEPARATOR,
    STALE,
    ContentState,
    source_tuples,
)
from actions.content_tools.sheet.yaml_edit import SpanishEdit
from actions.content_tools.translations_check import DRAFT_LANGUAGE

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HTTP = re.compile(r"^https?://\S+$")
# Invisible characters a spreadsheet can leave in a cell; Telegram refuses some of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _date(row: EditedRow, column: str, problems: Problems) -> Optional[date]:
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


def _parse_sources(row: EditedRow, problems: Problems) -> List[Tuple[str, ...]]:
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


def spanish_edit(row: EditedRow, state: ContentState, problems: Problems) -> Optional[SpanishEdit]:
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


def translation_edit(
    row: EditedRow, state: ContentState, new_spanish: Dict[str, str], problems: Problems
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


def _check_translation(row: EditedRow, status: str, spanish: str, problems: Problems) -> None:
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


def _check_text(row: EditedRow, problems: Problems) -> None:
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
