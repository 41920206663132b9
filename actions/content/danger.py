"""Is a message about immediate danger? One detector for Rasa (SafetyNet) and the Telegram bot.

The words live in nlu/safety/danger_phrases.yml, written for NGO staff:

- `phrases`: any one of them is enough ("auxilio", "they want to kill me").
- `concepts`: groups of words that must all appear within a few words of each
  other, in any order, with other words between them ("mi hija de 12" … "no
  aparece"; "me" … "estan persiguiendo"). A concept may name the `followup`
  topic answered after the emergency contacts, and `except` wording that does
  not count ("me siguen llamando").

Matching is done on a folded spelling, the same for the file and the message
(actions/content/danger_spelling.py: case, accents, the glottal stop and the common
Spanish spelling variants people type, "me kieren matar", "auxilioooo").

Detection never raises on odd input: anything that is not text is not danger.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Pattern, Sequence, Tuple

import yaml

from actions.content.danger_spelling import compile_terms, fold
from actions.content.paths import PROJECT_ROOT

DANGER_FILE = PROJECT_ROOT / "nlu" / "safety" / "danger_phrases.yml"
DEFAULT_WITHIN = 6
MAX_COMBINATIONS = 20000  # per concept and message: a bound on work for very long texts
_WORD = re.compile(r"\w+")


# --- the file --------------------------------------------------------------------------
@dataclass(frozen=True)
class Concept:
    name: str
    followup: Optional[str]
    within: int
    groups: Dict[str, Tuple[Pattern[str], ...]]  # language → one pattern per group
    exceptions: Optional[Pattern[str]]


@dataclass(frozen=True)
class Danger:
    """What was found: the concept (or "phrase"), its follow-up topic and where it is."""

    concept: str
    followup: Optional[str]
    language: str
    start: int  # offsets in the text as the user wrote it
    end: int


class DangerDetector:
    def __init__(self, phrases: Dict[str, Pattern[str]], concepts: Sequence[Concept]) -> None:
        self.phrases = phrases
        self.concepts = list(concepts)

    @classmethod
    def from_file(cls, path: Path = DANGER_FILE) -> "DangerDetector":
        return cls.from_data(yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}, str(path))

    @classmethod
    def from_data(cls, data: Dict[str, Any], where: str = "danger phrases") -> "DangerDetector":
        phrases = {
            lang: compile_terms(terms, f"{where}: phrases.{lang}")
            for lang, terms in (data.get("phrases") or {}).items()
            if terms
        }
        concepts = []
        for number, entry in enumerate(data.get("concepts") or [], start=1):
            name = str(entry.get("concept") or f"concept {number}")
            place = f"{where}: concept {name}"
            groups = {}
            for lang, lists in entry.items():
                if lang in ("concept", "followup", "within", "except", "note"):
                    continue
                if not isinstance(lists, list) or not all(isinstance(g, list) for g in lists):
                    raise ValueError(
                        f"{place}.{lang}: a list of word lists, e.g. [[mi hijo, mi hija], [no aparece]]"
                    )
                # The most specific list first (its shortest word the longest): most messages
                # lack it, and the other lists need not be looked for.
                ordered = sorted(lists, key=lambda g: -min(len(str(t).strip()) for t in g or [""]))
                groups[lang] = tuple(compile_terms(g, f"{place}.{lang}") for g in ordered)
            if not groups:
                raise ValueError(f"{place}: no language has words")
            exceptions = entry.get("except") or {}
            except_terms = (
                [t for ts in exceptions.values() for t in ts or []]
                if isinstance(exceptions, dict)
                else list(exceptions)
            )
            concepts.append(
                Concept(
                    name=name,
                    followup=entry.get("followup") or None,
                    within=int(entry.get("within") or DEFAULT_WITHIN),
                    groups=groups,
                    exceptions=compile_terms(except_terms, f"{place}.except") if except_terms else None,
                )
            )
        if not phrases and not concepts:
            raise ValueError(f"{where}: no danger phrases or concepts")
        return cls(phrases, concepts)

    # --- matching ---------------------------------------------------------------------
    def find_all(self, text: Any) -> List[Danger]:
        """Every concept found (in the file's order), then the phrases found."""
        if not isinstance(text, str) or not text.strip():
            return []
        folded, where = fold(text)
        starts: List[int] = []  # where each word begins, filled when a concept first needs it
        found: List[Danger] = []

        def original(start: int, end: int) -> Tuple[int, int]:
            return where[start], where[max(start, end - 1)] + 1

        for concept in self.concepts:
            hit = self._match_concept(concept, folded, starts)
            if hit is not None:
                language, start, end = hit
                found.append(Danger(concept.name, concept.followup, language, *original(start, end)))
        for language, pattern in self.phrases.items():
            match = pattern.search(folded)
            if match:
                found.append(Danger("phrase", None, language, *original(*match.span())))
        return found

    def detect(self, text: Any) -> Optional[Danger]:
        """The danger to act on: the first concept with a follow-up, else the first found."""
        found = self.find_all(text)
        with_followup = [d for d in found if d.followup]
        chosen = with_followup or found
        return chosen[0] if chosen else None

    def is_danger(self, text: Any) -> bool:
        return self.detect(text) is not None

    @staticmethod
    def _match_concept(concept: Concept, folded: str, starts: List[int]) -> Optional[Tuple[str, int, int]]:
        excepted: Optional[List[Tuple[int, int]]] = None
        for language, groups in concept.groups.items():
            if not all(pattern.search(folded) for pattern in groups):
                continue  # one list has no word here: the usual case, found cheaply
            spans = [[m.span() for m in pattern.finditer(folded)] for pattern in groups]
            if excepted is None:
                excepted = (
                    [m.span() for m in concept.exceptions.finditer(folded)] if concept.exceptions else []
                )
            if not starts:
                starts.extend(m.start() for m in _WORD.finditer(folded))
            hit = _close_together(spans, starts, concept.within, excepted)
            if hit is not None:
                return (language, *hit)
        return None


def _close_together(
    spans: List[List[Tuple[int, int]]], starts: List[int], within: int, excepted: List[Tuple[int, int]]
) -> Optional[Tuple[int, int]]:
    """One match of each group, none overlapping, all starting within `within` words.

    Anchored on the rarest group: only matches near each anchor are combined, so a
    long message with a common word ("me") many times stays fast.
    """

    def word(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    words = [[(word(s), (s, e)) for s, e in group] for group in spans]
    anchor_index = min(range(len(words)), key=lambda i: len(words[i]))
    budget = MAX_COMBINATIONS
    for anchor_word, anchor in words[anchor_index]:
        near = [
            [span for w, span in group if abs(w - anchor_word) <= within] if i != anchor_index else [anchor]
            for i, group in enumerate(words)
        ]
        if not all(near):
            continue
        for combination in itertools.product(*near):
            budget -= 1
            if budget < 0:
                return None
            ordered = sorted(combination)
            if any(a[1] > b[0] for a, b in zip(ordered, ordered[1:])):
                continue
            if word(ordered[-1][0]) - word(ordered[0][0]) > within:
                continue
            start, end = ordered[0][0], max(e for _, e in ordered)
            if any(s < end and start < e for s, e in excepted):
                continue
            return start, end
    return None


@functools.lru_cache(maxsize=4)
def _detector(path: str) -> DangerDetector:
    return DangerDetector.from_file(Path(path))


def detector(path: Path = DANGER_FILE) -> DangerDetector:
    """The detector for the file, read once per process."""
    return _detector(str(path))


@functools.lru_cache(maxsize=256)
def _detect_cached(text: str) -> Optional[Danger]:
    return detector().detect(text)


def detect(text: Any) -> Optional[Danger]:
    """The danger in a message, if any (the same text is looked at once: the bot asks twice)."""
    return _detect_cached(text) if isinstance(text, str) else None


def is_danger(text: Any) -> bool:
    return detect(text) is not None


def excerpt(text: str, danger: Danger, limit: int) -> str:
    """The dangerous part of a long message, at most `limit` characters, cut at spaces."""
    if len(text) <= limit:
        return text
    middle = (danger.start + danger.end) // 2
    start = max(0, min(middle - limit // 2, len(text) - limit))
    end = min(len(text), start + limit)
    if start > 0:
        space = text.find(" ", start, danger.start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", danger.end, end)
        end = space if space >= 0 else end
    return text[start:end].strip()
