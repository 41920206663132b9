"""The spreadsheet view of the content: one row per translatable text and language.

NGO staff edit answers in LibreOffice or Excel (`senda content export/import`).
A row is an id (`utter_x` for an answer, `utter_x#button2` for its second
button, `topic:x` for a topic title), a language and the text, with its review
facts. Spanish rows carry the answer's sources and dates from responses/*.yml;
translation rows carry what the catalog says: reviewed, draft, stale (fuzzy:
the Spanish changed since) or missing, and who reviewed it when (the
`# status:` translator comment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml
from babel.messages.catalog import Message

from actions.content.answers import content_files
from actions.content.catalogs import catalog_path, parse_review, read_catalog, translated_languages
from actions.content.languages import language_config

COLUMNS = (
    "id",
    "language",
    "text",
    "status",
    "reviewer",
    "sources",
    "reviewed_on",
    "review_by",
    "status_date",
    "status_of",
)
# An answer's dates, on its Spanish row: review_by follows status_date
# (actions/content_tools/review_dates.py).
DATE_COLUMNS = ("reviewed_on", "review_by", "status_date", "status_of")
SOURCE = "source"  # the status of every Spanish row
STALE = "stale"  # fuzzy: translated from an older Spanish text, not shown to users
MISSING = "missing"  # no translation yet
SOURCE_FIELDS = ("fact", "url", "page_date", "retrieved", "note")
SOURCE_SEPARATOR = " | "
BUTTON = "#button"
TOPIC = "topic:"

ANSWER, BUTTON_TITLE, TOPIC_TITLE = "answer", "button", "topic"


@dataclass(frozen=True)
class Row:
    id: str
    language: str
    text: str = ""
    status: str = ""
    reviewer: str = ""
    sources: str = ""
    reviewed_on: str = ""
    review_by: str = ""
    status_date: str = ""
    status_of: str = ""

    def cells(self) -> List[str]:
        return [getattr(self, column) for column in COLUMNS]


@dataclass(frozen=True)
class Text:
    """One translatable Spanish text: where it lives in responses/ and its gettext key."""

    id: str
    kind: str  # ANSWER, BUTTON_TITLE or TOPIC_TITLE
    file: str  # the responses/*.yml file name
    key: str  # response name, or topic id
    context: str  # the catalog's msgctxt
    source: str  # the Spanish text, the catalog's msgid
    button: int = 0  # 1-based, for buttons
    metadata: Dict[str, Any] = field(default_factory=dict, compare=False)  # answers only


@dataclass
class ContentState:
    """Everything an export shows, read from one content root."""

    texts: Dict[str, Text]  # by row id, in file and answer order
    rows: Dict[Tuple[str, str], Row]  # by (id, language), in export order
    catalogs: Dict[str, Dict[Tuple[Optional[str], str], Message]]  # language -> (context, msgid) -> entry

    @property
    def answer_ids(self) -> List[str]:
        return [t.id for t in self.texts.values() if t.kind == ANSWER]


def button_id(response: str, number: int) -> str:
    return f"{response}{BUTTON}{number}"


def source_texts(responses: Path) -> List[Text]:
    """Every translatable Spanish text, ordered by file, then answer, then button."""
    texts: List[Text] = []
    for path in content_files(responses):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            variation = variations[0]  # Senda writes one variation per answer
            if variation.get("text"):
                texts.append(
                    Text(
                        name,
                        ANSWER,
                        path.name,
                        name,
                        name,
                        variation["text"],
                        metadata=dict(variation.get("metadata") or {}),
                    )
                )
            for number, button in enumerate(variation.get("buttons") or [], 1):
                texts.append(
                    Text(
                        button_id(name, number),
                        BUTTON_TITLE,
                        path.name,
                        name,
                        name,
                        button["title"],
                        button=number,
                    )
                )
        for topic_id, entry in (data.get("topics") or {}).items():
            texts.append(
                Text(
                    f"{TOPIC}{topic_id}",
                    TOPIC_TITLE,
                    path.name,
                    topic_id,
                    f"{TOPIC}{topic_id}",
                    entry["title"],
                )
            )
    return texts


def format_sources(sources: Optional[List[Dict[str, Any]]]) -> str:
    """One source per line: `fact | url | page_date | retrieved | note`."""
    return "\n".join(
        SOURCE_SEPARATOR.join(_text(source.get(name)) for name in SOURCE_FIELDS).rstrip()
        for source in sources or []
    )


def source_tuples(sources: Optional[List[Dict[str, Any]]]) -> List[Tuple[str, ...]]:
    """Sources in the form the spreadsheet can express (absent field = empty)."""
    return [tuple(_text(source.get(name)) for name in SOURCE_FIELDS) for source in sources or []]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def spanish_row(text: Text, language: str) -> Row:
    meta = text.metadata
    return Row(
        text.id,
        language,
        text.source,
        SOURCE,
        "",
        format_sources(meta.get("sources")),
        *(_text(meta.get(column)) for column in DATE_COLUMNS),
    )


def translation_row(text: Text, language: str, entry: Optional[Message]) -> Row:
    if entry is None or not entry.string:
        return Row(text.id, language, status=MISSING)
    review = parse_review(entry.user_comments)
    return Row(
        text.id,
        language,
        str(entry.string),
        STALE if entry.fuzzy else review.state,
        review.by or "",
        reviewed_on=review.on.isoformat() if review.on else "",
    )


def read_translations(locales: Path, language: str) -> Dict[Tuple[Optional[str], str], Message]:
    path = catalog_path(language, locales)
    if not path.exists():
        return {}
    return {(m.context, str(m.id)): m for m in read_catalog(path) if m.id}


def load_state(root: Path) -> ContentState:
    source = language_config().source
    languages = translated_languages()
    texts = {text.id: text for text in source_texts(root / "responses")}
    catalogs = {code: read_translations(root / "locales", code) for code in languages}
    rows: Dict[Tuple[str, str], Row] = {}
    for text in texts.values():
        for code in language_config().codes:
            rows[(text.id, code)] = (
                spanish_row(text, code)
                if code == source
                else translation_row(text, code, catalogs[code].get((text.context, text.source)))
            )
    return ContentState(texts, rows, catalogs)
