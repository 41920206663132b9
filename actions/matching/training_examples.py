"""Read the project's own NLU examples (nlu/<lang>/*.yml) as plain text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, NamedTuple

import yaml

from actions.content.languages import language_config
from actions.content.paths import nlu_dir

# [visible text]{"entity": ...} or [visible text](entity) → visible text
_ANNOTATION = re.compile(r"\[([^\]]+)\](\{[^}]*\}|\([^)]*\))")


class Example(NamedTuple):
    language: str
    intent: str
    text: str


def strip_annotations(text: str) -> str:
    return _ANNOTATION.sub(r"\1", text)


def _examples_in(path: Path, language: str) -> List[Example]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    found = []
    for block in data.get("nlu") or []:
        intent = block.get("intent")
        if not intent:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                found.append(Example(language, intent, strip_annotations(line[2:].strip())))
    return found


def load_examples(root: Path | None = None) -> List[Example]:
    base = root or nlu_dir()
    examples: List[Example] = []
    for code in language_config().codes:
        for path in sorted((base / code).glob("*.yml")):
            examples.extend(_examples_in(path, code))
    return examples


def texts_by_language(examples: List[Example]) -> Dict[str, List[str]]:
    grouped: Dict[str, List[str]] = {code: [] for code in language_config().codes}
    for example in examples:
        grouped[example.language].append(example.text)
    return grouped
