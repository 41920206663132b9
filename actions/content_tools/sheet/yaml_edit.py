"""Edit responses/*.yml in place, keeping everything else in the file as it was.

ruamel.yaml's round trip keeps comments, key order and quoting; new values take
the quoting of the value they replace, and a multi-line text is written as a
`|-` block like every other answer. Only the file's text is returned: writing
it (atomically, with the other files of an import) is the caller's business.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString

from actions.content_tools.sheet.rows import (
    ANSWER,
    BUTTON_TITLE,
    DATE_COLUMNS,
    SOURCE_FIELDS,
    Text,
    source_tuples,
)

# ruamel escapes characters outside Unicode's first plane (emoji: "\U0001F6A8") in
# double-quoted strings; the files keep them as they are, so undo the escape. An
# escape is one not preceded by an odd number of backslashes.
_ASTRAL_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\U([0-9A-Fa-f]{8})")


@dataclass
class SpanishEdit:
    """What an import changes in one Spanish text; None leaves a field as it is."""

    text: Text
    new_text: Optional[str] = None
    sources: Optional[List[Tuple[str, ...]]] = None  # SOURCE_FIELDS values, "" = absent
    reviewed_on: Optional[str] = None  # "" removes the date
    review_by: Optional[str] = None
    status_date: Optional[str] = None
    status_of: Optional[str] = None

    def dates(self) -> Dict[str, Optional[str]]:
        """The answer's date fields this edit sets (None: left as they are)."""
        return {column: getattr(self, column) for column in DATE_COLUMNS}


def _yaml() -> YAML:
    handler = YAML()
    # ruamel sets these to None in __init__, so they read as None-typed
    handler.preserve_quotes = True  # type: ignore[assignment]
    handler.width = 1 << 20  # type: ignore[assignment]  # never re-wrap long lines
    handler.indent(mapping=2, sequence=2, offset=0)
    return handler


def _like(old: Any, new: str) -> Any:
    """`new` with the quoting style of the value it replaces."""
    if "\n" in new:
        return LiteralScalarString(new)
    if isinstance(old, ScalarString):
        return type(old)(new)
    return new


def edit_file(original: str, edits: List[SpanishEdit]) -> str:
    """The file's new text with the edits applied."""
    handler = _yaml()
    data = handler.load(original)
    for edit in edits:
        _apply(data, edit)
    out = io.StringIO()
    handler.dump(data, out)
    updated = _ASTRAL_ESCAPE.sub(lambda m: m.group(1) + chr(int(m.group(2), 16)), out.getvalue())
    _verify(updated, edits)
    return updated


def _apply(data: Any, edit: SpanishEdit) -> None:
    text = edit.text
    if text.kind == ANSWER or text.kind == BUTTON_TITLE:
        variation = data["responses"][text.key][0]
        if edit.new_text is not None:
            if text.kind == ANSWER:
                variation["text"] = _like(variation["text"], edit.new_text)
            else:
                button = variation["buttons"][text.button - 1]
                button["title"] = _like(button["title"], edit.new_text)
        if text.kind == ANSWER:
            _apply_metadata(variation, edit)
    elif edit.new_text is not None:
        entry = data["topics"][text.key]
        entry["title"] = _like(entry["title"], edit.new_text)


def _apply_metadata(variation: CommentedMap, edit: SpanishEdit) -> None:
    changes = edit.dates()
    if edit.sources is None and all(value is None for value in changes.values()):
        return
    if "metadata" not in variation:
        variation["metadata"] = CommentedMap()
    metadata = variation["metadata"]
    for key, value in changes.items():
        if value is not None:
            _set(metadata, key, value)
    if edit.sources is not None:
        _apply_sources(metadata, edit.sources)


def _set(mapping: CommentedMap, key: str, value: str, plain: bool = False) -> None:
    """Set or (for "") remove a string; new strings are double-quoted like the files'."""
    if not value:
        mapping.pop(key, None)
    elif key in mapping:
        if str(mapping[key]) != value:
            mapping[key] = _like(mapping[key], value)
    else:
        mapping[key] = value if plain else DoubleQuotedScalarString(value)


def _apply_sources(metadata: CommentedMap, sources: List[Tuple[str, ...]]) -> None:
    if not sources:
        metadata.pop("sources", None)
        return
    if not isinstance(metadata.get("sources"), CommentedSeq) or metadata["sources"].fa.flow_style():
        metadata["sources"] = CommentedSeq()  # `sources: []` would stay on one line
    existing = metadata["sources"]
    del existing[len(sources) :]
    for number, values in enumerate(sources):
        if number == len(existing):
            existing.append(CommentedMap())
        for name, value in zip(SOURCE_FIELDS, values):
            _set(existing[number], name, value, plain=name == "fact")


def _verify(updated: str, edits: List[SpanishEdit]) -> None:
    """Read the new file back as Rasa will: every edit must say what was asked."""
    data = yaml.safe_load(updated)
    for edit in edits:
        text = edit.text
        if text.kind == ANSWER or text.kind == BUTTON_TITLE:
            variation = data["responses"][text.key][0]
            value = (
                variation["text"] if text.kind == ANSWER else variation["buttons"][text.button - 1]["title"]
            )
            metadata: Dict[str, Any] = variation.get("metadata") or {}
        else:
            value, metadata = data["topics"][text.key]["title"], {}
        wanted: Dict[str, Tuple[Any, Any]] = {"text": (edit.new_text, value)}
        if text.kind == ANSWER:
            for column, asked in edit.dates().items():
                wanted[column] = (asked, str(metadata.get(column) or ""))
            wanted["sources"] = (edit.sources, source_tuples(metadata.get("sources")))
        for name, (asked, got) in wanted.items():
            if asked is not None and asked != got:
                raise RuntimeError(f"{text.id}: writing {name} to YAML gave {got!r}, not {asked!r}")
