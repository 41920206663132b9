"""The word lists in words.yml (stop words, name phrases), read once and normalised."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import FrozenSet, Tuple

from actions.content.once import once
from actions.content.text import normalize
from actions.content.yaml_files import read_yaml

WORDS_FILE = Path(__file__).with_name("words.yml")


@dataclass(frozen=True)
class Words:
    stop_words: FrozenSet[str]  # every language together: questions mix them
    any_case_phrases: Tuple[str, ...]  # longest first, so "mi nombre es" wins over "mi nombre"
    capitalised_phrases: Tuple[str, ...]
    name_before: Tuple[str, ...]
    particles: FrozenSet[str]
    not_names: FrozenSet[str]


def _normalised(items: object) -> Tuple[str, ...]:
    found = list(items or [])  # type: ignore[call-overload]
    for item in found:
        if not isinstance(item, str):  # YAML reads an unquoted no/on/yes as a boolean
            raise ValueError(f"{WORDS_FILE}: {item!r} is not a word; put it in quotes")
    return tuple(normalize(item).strip() for item in found)


def _longest_first(items: object) -> Tuple[str, ...]:
    return tuple(sorted(set(_normalised(items)), key=len, reverse=True))


def parse_words(data: dict) -> Words:
    stop = frozenset(word for words in (data.get("stop_words") or {}).values() for word in _normalised(words))
    phrases = data.get("name_phrases") or {}
    return Words(
        stop_words=stop,
        any_case_phrases=_longest_first(phrases.get("any_case")),
        capitalised_phrases=_longest_first(phrases.get("capitalised")),
        name_before=_longest_first(data.get("name_before")),
        particles=frozenset(_normalised(data.get("name_particles"))),
        not_names=frozenset(_normalised(data.get("not_names"))),
    )


@once
def words() -> Words:
    return parse_words(read_yaml(WORDS_FILE))
