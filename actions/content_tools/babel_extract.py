"""Babel extractor for responses/*.yml: `pybabel extract -F babel.cfg` uses it.

Each answer text, button title and topic title becomes a message whose context
is the response name (or topic:<id>), with a comment telling translators what
must stay identical.
"""

from __future__ import annotations

import io
import os
from typing import Any, Collection, Iterator, List, Mapping, Tuple

import yaml

_TRANSLATOR_NOTE = "Keep URLs, phone numbers, {placeholders} and emoji exactly as in the Spanish."


def _line_of(lines: List[str], needle: str, start: int = 0) -> int:
    for number in range(start, len(lines)):
        if needle in lines[number]:
            return number + 1
    return 1


def extract_responses(
    fileobj: Any,
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Tuple[int, str, Tuple[str, str], List[str]]]:
    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()
    stream = io.StringIO(source)
    # So a YAML error names the file as staff know it (extraction may run on a copy).
    stream.name = f"responses/{os.path.basename(getattr(fileobj, 'name', '') or '?')}"
    data = yaml.safe_load(stream) or {}
    for name, variations in (data.get("responses") or {}).items():
        line = _line_of(lines, f"{name}:")
        for variation in variations:
            text = variation.get("text")
            if text:
                yield line, "pgettext", (name, text), [f"Answer {name}. {_TRANSLATOR_NOTE}"]
            for button in variation.get("buttons") or []:
                yield (
                    line,
                    "pgettext",
                    (name, button["title"]),
                    [f"Button of {name} (payload {button['payload']}); keep it short."],
                )
    for topic_id, entry in (data.get("topics") or {}).items():
        yield (
            _line_of(lines, f"{topic_id}:"),
            "pgettext",
            (f"topic:{topic_id}", entry["title"]),
            [f"Short title of topic {topic_id}, shown on a button."],
        )
