"""Unanswered questions, grouped by meaning, as staff may see them.

    unanswered_groups(engine, filters, minimum) -> Unanswered

Each group has a count of questions, a generated label and up to three scrubbed
example questions. A group is shown only when at least `minimum` questions from at
least `minimum` different people are in it; smaller groups are dropped, not shown as
"<5" (their label and examples could point at someone). A group whose questions
share no word, so that no label can be made, is dropped too. Only the `limit` most recent
questions are grouped, and at most 20 replies are read for each (a filter few
conversations match stops there), so the page stays fast on a large store (`capped`
says so).

Parts: query.py (which questions), ../scrubber.py (personal data out), grouping.py
(embeddings + clustering), labels.py (labels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Sequence

import numpy as np
from sqlalchemy.engine import Engine

from actions.content.text import normalize
from bot.analytics.model import Count, Filters, Table
from bot.analytics.scrubber import scrub
from bot.analytics.unanswered.grouping import cluster, embed_questions
from bot.analytics.unanswered.labels import NO_LABEL, group_labels
from bot.analytics.unanswered.query import Question, unanswered_questions

# Measured (python -m tests.bench.unanswered, this 2-core machine, shared with other
# work, 1M events in PostgreSQL): new questions embed at 160-540 a second (see
# grouping.BUSY_LOAD_PER_CORE). With 500 questions a first (cold) page took
# 2.4-3.2 s; with 300 it takes 1.5-2.2 s, and 0.2-0.6 s once their embeddings are kept
# (a page seen again, or another filter over the same questions).
DEFAULT_LIMIT = 300
EXAMPLES = 3
MAX_EXAMPLE_CHARS = 200
TABLE_KEY = "unanswered"
COLUMNS = ("label", "questions")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Group:
    label: str
    count: Count
    examples: List[str] = field(default_factory=list)


@dataclass
class Unanswered:
    groups: List[Group]
    considered: int  # unanswered questions grouped (at most the limit)
    capped: bool  # more may match: only the most recent `considered` were grouped

    @property
    def table(self) -> Table:
        return Table(TABLE_KEY, COLUMNS, [[g.label, g.count] for g in self.groups], chart="bars")


def shorten(text: str) -> str:
    """One line of at most MAX_EXAMPLE_CHARS characters, cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= MAX_EXAMPLE_CHARS else text[: MAX_EXAMPLE_CHARS - 1] + "…"


def example_key(example: str) -> str:
    """What makes two examples the same to a reader: their words ("bus?" repeats "bus")."""
    return " ".join(_WORDS.findall(normalize(example)))


def _examples(members: Sequence[int], scrubbed: Sequence[str], vectors: np.ndarray) -> List[str]:
    """The group's most typical questions (nearest its centre), scrubbed, no repeats."""
    centre = vectors[list(members)].mean(axis=0)
    ranked = sorted(members, key=lambda i: -float(vectors[i] @ centre))
    chosen: List[str] = []
    seen = set()
    for index in ranked:
        example = shorten(scrubbed[index])
        key = example_key(example)
        if key not in seen:
            seen.add(key)
            chosen.append(example)
        if len(chosen) == EXAMPLES:
            break
    return chosen


def group_questions(questions: Sequence[Question], minimum: int, examples: bool = True) -> List[Group]:
    """Groups of at least `minimum` questions from `minimum` people, largest first."""
    if not questions:
        return []
    scrubbed = [scrub(q.text) for q in questions]
    vectors = embed_questions(scrubbed)
    kept = [
        members
        for members in cluster(vectors)
        if len(members) >= minimum and len({questions[i].sender for i in members}) >= minimum
    ]
    labels = group_labels([[scrubbed[i] for i in members] for members in kept], scrubbed)
    # A group whose questions share no word (no label) is the English-only model
    # joining unrelated Spanish or K'iche' questions: not shown.
    groups = [
        Group(
            label, Count.of(len(members), minimum), _examples(members, scrubbed, vectors) if examples else []
        )
        for label, members in zip(labels, kept)
        if label != NO_LABEL
    ]
    return sorted(groups, key=lambda g: (-(g.count.value or 0), g.label))


def unanswered_groups(
    engine: Engine, filters: Filters, minimum: int, examples: bool = True, limit: int = DEFAULT_LIMIT
) -> Unanswered:
    """The unanswered questions in `filters`, grouped by meaning (see the module doc)."""
    if minimum < 1 or limit < 1:
        raise ValueError("minimum and limit must be at least 1")
    found = unanswered_questions(engine, filters, limit)
    return Unanswered(
        group_questions(found.questions, minimum, examples),
        considered=len(found.questions),
        capped=found.capped,
    )
