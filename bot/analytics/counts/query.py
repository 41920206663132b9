"""The counts of the conversations that started in a range: `fetch_counts` runs the one
statement (statement.py) and gathers its rows into an EventCounts.

Days and weeks are UTC; everything counts on the day (or week) its conversation started.
Nothing finer than a day and no sender id leaves this module. These are raw counts:
metrics.py passes each through the minimum group size before anyone sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Dict, Optional, Sequence, Tuple

from sqlalchemy import text
from sqlalchemy.engine import Engine

from actions.content.feedback import DOWN, UP
from bot.analytics.counts.dialect import DAY, Dialect
from bot.analytics.counts.statement import Row, build_statement, row_filter
from bot.analytics.model import Filters
from bot.analytics.vocabulary import UNKNOWN, Vocabulary
from bot.tracker_store import has_events

EPOCH = date(1970, 1, 1)
# A conversation may go on a little past the range's last day; its events are read up to
# this long after the range ends (Rasa ends a session after 60 minutes of silence).
TAIL_SECONDS = DAY
# A conversation with no event for this long has stopped (for "where conversations stop").
QUIET_SECONDS = 3600


@dataclass(frozen=True)
class Tally:
    conversations: int
    users: int


@dataclass
class EventCounts:
    """Raw (unsuppressed) aggregates for one Filters range. Days and weeks are UTC; a
    week is keyed by its Monday. Keys of languages and countries are codes, or UNKNOWN."""

    total: Tally = Tally(0, 0)
    by_day: Dict[date, Tally] = field(default_factory=dict)
    by_week: Dict[date, Tally] = field(default_factory=dict)
    by_language: Dict[str, Tally] = field(default_factory=dict)
    by_country: Dict[str, Tally] = field(default_factory=dict)
    user_messages: int = 0
    ended_on_fallback: int = 0
    # (week, country, topic, fallback, rumour) -> bot replies. topic: metadata.topic when
    # it is a topic people ask about, else None; fallback: one of the fallback answers;
    # rumour: a rumour correction's answer name (utter_rumour_<id>), else None.
    answers: Dict[Tuple[date, str, Optional[str], bool, Optional[str]], int] = field(default_factory=dict)
    last_topics: Dict[str, int] = field(default_factory=dict)
    # (rated topic, rating) -> presses; None for a topic or rating no answer has
    feedback: Dict[Tuple[Optional[str], Optional[str]], int] = field(default_factory=dict)


def day_start(day: date) -> float:
    return datetime.combine(day, time(), tzinfo=timezone.utc).timestamp()


def _day(number: Optional[int]) -> date:
    return EPOCH + timedelta(days=int(number or 0))


def _code(values: Sequence[str], wanted: Optional[str]) -> Optional[int]:
    if wanted is None:
        return None
    return values.index(wanted) + 1 if wanted in values else -1  # -1: matches nothing


def _name(values: Sequence[str], code: Optional[int]) -> str:
    return values[int(code) - 1] if code and 0 < int(code) <= len(values) else UNKNOWN


def fetch_counts(engine: Engine, filters: Filters, vocabulary: Vocabulary, now: datetime) -> EventCounts:
    """The aggregates of the conversations that started from `filters.since` to
    `filters.until` (UTC days, both included), in its language and country if set.
    `now` decides which conversations have stopped (no event for an hour)."""
    counts = EventCounts()
    if not has_events(engine):
        return counts
    dialect = Dialect(engine.dialect.name)
    sql, params = build_statement(dialect, vocabulary)
    sql = sql.replace("{filter_p}", row_filter("p")).replace("{filter}", row_filter(""))
    lo = day_start(filters.since)
    hi = day_start(filters.until + timedelta(days=1))
    params.update(
        {
            "lo": lo,
            "hi": hi,
            "tail": hi + TAIL_SECONDS,
            "quiet_before": now.timestamp() - QUIET_SECONDS,
            "language_code": _code(vocabulary.languages, filters.language),
            "country_code": _code(vocabulary.countries, filters.country),
        }
    )
    with engine.begin() as db:
        if dialect.postgres:
            # The planner cannot estimate the CTEs' sizes; a nested loop or a merge join
            # over them turns seconds into minutes. Hash joins are right at every size.
            db.execute(text("SET LOCAL enable_nestloop = off"))
            db.execute(text("SET LOCAL enable_mergejoin = off"))
            # The conversations' hash table and the kept events stay in memory.
            db.execute(text("SET LOCAL work_mem = '256MB'"))
        rows = db.execute(text(sql), params).fetchall()
    _collect(counts, rows, vocabulary)
    return counts


def _collect(counts: EventCounts, rows: Sequence[Row], vocabulary: Vocabulary) -> None:
    languages, countries, topics = (vocabulary.languages, vocabulary.countries, vocabulary.answer_topics)
    ratings = {1: UP, 2: DOWN}
    for kind, k1, k2, k3, k4, k5, n, m in rows:
        n = int(n or 0)
        if kind == "day":
            counts.by_day[_day(k1)] = Tally(n, int(m or 0))
        elif kind == "week":
            counts.by_week[_day(k1)] = Tally(n, int(m or 0))
        elif kind == "language":
            counts.by_language[_name(languages, k1)] = Tally(n, int(m or 0))
        elif kind == "country":
            counts.by_country[_name(countries, k1)] = Tally(n, int(m or 0))
        elif kind == "total":
            counts.total = Tally(n, int(m or 0))
        elif kind == "messages":
            counts.user_messages, counts.ended_on_fallback = n, int(m or 0)
        elif kind == "last_topic":
            topic = _name(topics, k1)
            counts.last_topics[topic] = counts.last_topics.get(topic, 0) + n
        elif kind == "answers":
            rumour = str(k5) if k5 and str(k5).startswith(vocabulary.rumour_prefix) else None
            key = (_day(k1), _name(countries, k2), _topic(topics, k3), bool(k4), rumour)
            counts.answers[key] = counts.answers.get(key, 0) + n
        elif kind == "feedback":
            rated = (_topic(topics, k3), ratings.get(int(k4 or 0)))
            counts.feedback[rated] = counts.feedback.get(rated, 0) + n


def _topic(topics: Sequence[str], code: Optional[int]) -> Optional[str]:
    """An answer topic's name; None for any other topic (greetings, menus, the bot's own
    messages, anything typed into a rating)."""
    return topics[int(code) - 1] if code and 0 < int(code) <= len(topics) else None
