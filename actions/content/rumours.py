"""Known rumours and scams, each with its correction: which one a message repeats.

The list lives beside the answers (`rumours:` in responses/rumours.yml; any
responses/*.yml may hold one) and is re-read when a new snapshot is published,
so staff add a rumour the way they add an answer: no retraining, no restart. (The
danger words are not live like this, on purpose: nlu/safety/danger_phrases.yml says why.)

Here: the list and the keyword matcher (`match_keywords`), the same in every process,
cheap, no models; the Rasa server's RumourCatcher uses it on every message. Matching
by meaning, which needs the embedding model, is actions/matching/rumour_meaning.py.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, List, Mapping, Optional, Pattern, Sequence, Tuple

from actions.content.once import once
from actions.content.paths import live_responses_dir
from actions.content.reloading import Reloading
from actions.content.text import GLOTTAL_STOP, normalize
from actions.content.yaml_files import read_yaml

logger = logging.getLogger(__name__)

RUMOUR_INTENT = "smuggler_myths"  # the intent a repeated rumour is given
RUMOUR_ENTITY = "rumour"  # which one: a rumour id
GENERAL_ANSWER = "utter_smuggler_myths"  # the list of rumours, when none is clear


@dataclass(frozen=True)
class KeywordItem:
    """One keyword line: every part must appear; a part is a set of alternatives."""

    text: str
    parts: Tuple[Pattern[str], ...]

    def matches(self, normalized: str) -> bool:
        return all(part.search(normalized) for part in self.parts)


@dataclass(frozen=True)
class Rumour:
    id: str
    answer: str
    keywords: Tuple[KeywordItem, ...]
    examples: Tuple[Tuple[str, str], ...]  # (language, sentence)
    languages: Tuple[str, ...]  # languages that have keywords


def _phrase_regex(phrase: str) -> str:
    words = normalize(phrase).split()
    # "o", "*" or "a*" would match nearly every message and answer it with a correction.
    if sum(len(word.replace("*", "")) for word in words) < 2:
        raise ValueError(f"keyword {phrase.strip()!r} is too short: it would match almost any message")
    pieces = []
    for word in words:
        piece = re.escape(word).replace(r"\*", r"\w*")
        # K'iche' users often leave the glottal stop out: kʼo, k'o and ko all match.
        pieces.append(piece.replace(GLOTTAL_STOP, GLOTTAL_STOP + "?"))
    return r"\s+".join(pieces)


def compile_item(text: str) -> KeywordItem:
    """'frontera + abiert* | abrieron' → all parts (split on +), any alternative (on |)."""
    parts = []
    for part in str(text).split("+"):
        alternatives = [_phrase_regex(a) for a in part.split("|") if a.strip()]
        if not alternatives:
            raise ValueError(f"empty part in keyword {text!r}")
        parts.append(re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"))
    return KeywordItem(text=str(text), parts=tuple(parts))


def _rumour_from(entry: Mapping[str, Any], where: str) -> Rumour:
    rumour_id, answer = entry.get("id"), entry.get("answer")
    if not rumour_id or not answer:
        raise ValueError(f"{where}: a rumour needs an id and an answer")
    keywords = entry.get("keywords") or {}
    examples = entry.get("examples") or {}
    if not isinstance(keywords, Mapping) or not isinstance(examples, Mapping):
        raise ValueError(f"{where}: rumour {rumour_id}: keywords and examples are per language")
    for kind, table in (("keywords", keywords), ("examples", examples)):
        for lang, values in table.items():
            if values is not None and (
                not isinstance(values, list) or not all(isinstance(v, str) for v in values)
            ):
                raise ValueError(
                    f"{where}: rumour {rumour_id}: {kind} in {lang} must be a "
                    "list of texts (lines starting with -)"
                )
    items = tuple(compile_item(k) for words in keywords.values() for k in (words or []))
    sentences = tuple((str(lang), s) for lang, texts in examples.items() for s in (texts or []))
    if not items and not sentences:
        raise ValueError(f"{where}: rumour {rumour_id} has neither keywords nor examples")
    return Rumour(
        id=str(rumour_id),
        answer=str(answer),
        keywords=items,
        examples=sentences,
        languages=tuple(str(lang) for lang, words in keywords.items() if words),
    )


def rumour_files(root: Optional[Path] = None) -> List[Path]:
    return sorted((root or live_responses_dir()).glob("*.yml"))


def read_rumours(root: Optional[Path] = None) -> Tuple[List[Rumour], List[str]]:
    """Every rumour of every responses file, in file order, and what was wrong with the
    entries left out (a broken entry is skipped, so one mistake never silences the others)."""
    rumours: List[Rumour] = []
    skipped: List[str] = []
    seen = set()
    for path in rumour_files(root):
        data = read_yaml(path)
        entries = data.get("rumours") if isinstance(data, Mapping) else None
        if not isinstance(entries, list):
            if entries is not None:
                skipped.append(f"{path.name}: `rumours:` must be a list")
            continue
        for number, entry in enumerate(entries, start=1):
            where = f"{path.name}: rumours #{number}"
            try:
                rumour = _rumour_from(entry if isinstance(entry, Mapping) else {}, where)
            except (ValueError, re.error) as error:
                skipped.append(str(error))
                continue
            if rumour.id in seen:
                skipped.append(f"{where}: id {rumour.id} is used twice")
                continue
            seen.add(rumour.id)
            rumours.append(rumour)
    return rumours, skipped


def load_rumours(root: Optional[Path] = None) -> List[Rumour]:
    """The usable rumours; each skipped entry is logged."""
    rumours, skipped = read_rumours(root)
    for problem in skipped:
        logger.warning("rumour skipped: %s", problem)
    return rumours


def rumour_problems(
    rumours: Sequence[Rumour], responses: Iterable[str], languages: Sequence[str]
) -> List[str]:
    """What staff must fix: an answer that does not exist, a language without keywords
    or examples."""
    known = set(responses)
    problems = []
    for rumour in rumours:
        if rumour.answer not in known:
            problems.append(f"{rumour.id}: answer {rumour.answer} is not in responses/")
        for language in languages:
            if language not in rumour.languages:
                problems.append(f"{rumour.id}: no keywords in {language}")
            if not any(lang == language for lang, _ in rumour.examples):
                problems.append(f"{rumour.id}: no examples in {language}")
    return problems


class _Store:
    """The live rumour list; keeps the last good one if a file cannot be read."""

    def __init__(self) -> None:
        self._reloading: Reloading[List[Rumour]] = Reloading(rumour_files, load_rumours)
        self._last: List[Rumour] = []

    def get(self) -> List[Rumour]:
        try:
            self._last = self._reloading.get()
        except Exception as error:  # never let a bad edit break message handling
            logger.error("could not read the rumour list, keeping the last one: %s", error)
        return self._last


@once
def rumour_store() -> _Store:
    return _Store()


def current_rumours() -> List[Rumour]:
    """The published rumours; a few stat calls when nothing changed."""
    return rumour_store().get()


def rumour_by_id(rumour_id: str, rumours: Optional[Sequence[Rumour]] = None) -> Optional[Rumour]:
    for rumour in current_rumours() if rumours is None else rumours:
        if rumour.id == rumour_id:
            return rumour
    return None


def match_keywords(text: str, rumours: Optional[Sequence[Rumour]] = None) -> Optional[Rumour]:
    """The rumour whose keywords the text contains: the most specific item (most
    parts) wins, then the rumour listed first. Button payloads never match."""
    if not text or text.startswith("/"):
        return None
    normalized = normalize(text)
    best: Optional[Tuple[int, Rumour]] = None
    for rumour in current_rumours() if rumours is None else rumours:
        for item in rumour.keywords:
            if item.matches(normalized) and (best is None or len(item.parts) > best[0]):
                best = (len(item.parts), rumour)
    return best[1] if best else None
