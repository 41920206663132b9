"""Answers people rated 👎, by topic, with the comments they wrote after, as staff may see
them.

    disliked_topics(engine, filters, minimum, examples, limit) -> Disliked

Every topic with a 👎 is listed with its count (under `minimum` shown as "<5", as in
the overview's feedback table). Its comments are shown only when at least `minimum`
different people rated that topic 👎, so no comment can be tied to one of a few
people; they are scrubbed (scrubber), shortened, and at most COMMENTS per topic,
newest first. A rated_topic that is not a topic (anyone can type a payload) is left out.

Parts: query.py (which 👎 and their comments), ../scrubber.py (personal data out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

from sqlalchemy.engine import Engine

from bot.analytics.disliked.query import Dislike, disliked_answers
from bot.analytics.model import Count, Filters, Table
from bot.analytics.scrubber import scrub
from bot.analytics.unanswered.report import example_key, shorten
from bot.analytics.vocabulary import load_vocabulary

# The most recent 👎 read for a page: far more than a month of them today, and the page
# stays as fast on a large store (see tests/bench/dashboard.py).
DEFAULT_LIMIT = 1000
COMMENTS = 5
TABLE_KEY = "disliked"
COLUMNS = ("topic", "down", "comments")


@dataclass(frozen=True)
class TopicDislikes:
    topic: str
    count: Count  # 👎 presses
    comments_count: Count  # of them, followed by a comment
    comments: List[str] = field(default_factory=list)  # scrubbed; empty when too few people


@dataclass
class Disliked:
    topics: List[TopicDislikes]
    considered: int  # 👎 read (at most the limit)
    capped: bool  # only the most recent `considered` were read

    @property
    def table(self) -> Table:
        return Table(
            TABLE_KEY, COLUMNS, [[t.topic, t.count, t.comments_count] for t in self.topics], chart="table"
        )


def _comments(dislikes: Sequence[Dislike]) -> List[str]:
    """The newest comments, scrubbed, each wording once."""
    chosen: List[str] = []
    seen = set()
    for dislike in dislikes:
        if dislike.comment is None:
            continue
        shown = shorten(scrub(dislike.comment))
        key = example_key(shown)
        if key and key not in seen:
            seen.add(key)
            chosen.append(shown)
        if len(chosen) == COMMENTS:
            break
    return chosen


def group_dislikes(
    dislikes: Sequence[Dislike], topics: Sequence[str], minimum: int, examples: bool = True
) -> List[TopicDislikes]:
    """One entry per known topic rated 👎, most 👎 first."""
    per: Dict[str, List[Dislike]] = {}
    for dislike in dislikes:
        if dislike.topic in topics:
            per.setdefault(dislike.topic, []).append(dislike)
    grouped: List[TopicDislikes] = []
    for topic, rated in per.items():
        people = len({d.sender for d in rated})
        commented = sum(1 for d in rated if d.comment is not None)
        shown = _comments(rated) if examples and people >= minimum else []
        grouped.append(
            TopicDislikes(topic, Count.of(len(rated), minimum), Count.of(commented, minimum), shown)
        )
    # Suppressed counts ("<5") go last, by name: their order must not tell their sizes.
    return sorted(grouped, key=lambda t: (-(t.count.value or 0), t.topic))


def disliked_topics(
    engine: Engine,
    filters: Filters,
    minimum: int,
    examples: bool = True,
    limit: int = DEFAULT_LIMIT,
    topics: Optional[Sequence[str]] = None,
) -> Disliked:
    """The 👎 in `filters` by topic (see the module doc). `topics`: the topics people ask
    about (default: read from the content)."""
    if minimum < 1 or limit < 1:
        raise ValueError("minimum and limit must be at least 1")
    known = topics if topics is not None else load_vocabulary().answer_topics
    found = disliked_answers(engine, filters, limit)
    return Disliked(
        group_dislikes(found.dislikes, known, minimum, examples),
        considered=len(found.dislikes),
        capped=found.capped,
    )
