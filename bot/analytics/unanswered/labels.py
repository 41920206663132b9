"""A short label for a group of questions: its most distinctive words.

TF-IDF against every question grouped: a word scores by the share of the group's
questions that use it times its inverse document frequency over all questions. Only
words from scrubbed questions, without digits, and used by at least
`min_questions(size)` questions of the group make a label, so one person's words (a
name the scrubber missed) never name a group. Words are shown as people typed them
(lower case, accents kept, glottal stop as ʼ), in the order they come in questions.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Dict, List, Sequence

from actions.content.text import GLOTTAL_STOP, normalize
from bot.analytics.scrubber import MARK, scrub
from bot.analytics.words import words

LABEL_WORDS = 3
LABEL_SEPARATOR = " · "
NO_LABEL = "…"  # a group whose questions share no word
MIN_WORD_LENGTH = 3  # K'iche' "jab", "bʼe" still count; "el", "de" never do

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_GLOTTAL = str.maketrans({ch: GLOTTAL_STOP for ch in "'’‘`´ʻʹ′ꞌ"})


def min_questions(size: int) -> int:
    """How many of a group's questions must use a word for it to be in the label."""
    return max(2, math.ceil(size / 3))


def _words(scrubbed: str) -> Dict[str, List[tuple]]:
    """Normalised word -> [(relative position, surface form)], stop words dropped."""
    text = scrubbed.replace(MARK, " " * len(MARK))
    norm = normalize(text)  # same length: offsets are shared with `text`
    surface = text.lower().translate(_GLOTTAL)
    stop = words().stop_words
    found: Dict[str, List[tuple]] = defaultdict(list)
    for match in _WORD.finditer(norm):
        word = match.group()
        if len(word) >= MIN_WORD_LENGTH and word not in stop:
            found[word].append((match.start() / max(1, len(norm)), surface[match.start() : match.end()]))
    return found


def _surface(forms: Counter) -> str:
    """The spelling most used; on a tie the accented one ("autobús", not "autobus")."""
    return max(forms, key=lambda form: (forms[form], not form.isascii(), form))


def group_labels(groups: Sequence[Sequence[str]], every_question: Sequence[str]) -> List[str]:
    """One label per group. Both arguments hold scrubbed questions; `every_question`
    is the whole set the groups were made from (the IDF's documents)."""
    document_count = Counter(word for text in every_question for word in _words(text))
    total = max(1, len(every_question))
    labels = []
    for group in groups:
        uses: Counter = Counter()
        positions: Dict[str, List[float]] = defaultdict(list)
        surfaces: Dict[str, Counter] = defaultdict(Counter)
        for text in group:
            for word, places in _words(text).items():
                uses[word] += 1
                positions[word].append(places[0][0])
                surfaces[word][places[0][1]] += 1
        needed = min_questions(len(group))
        score = {
            w: (uses[w] / len(group)) * (math.log((1 + total) / (1 + document_count[w])) + 1)
            for w in uses
            if uses[w] >= needed
        }
        chosen = sorted(score, key=lambda w: (-score[w], w))[:LABEL_WORDS]
        chosen.sort(key=lambda w: sum(positions[w]) / len(positions[w]))
        label = LABEL_SEPARATOR.join(_surface(surfaces[w]) for w in chosen)
        labels.append(scrub(label) if label else NO_LABEL)
    return labels
