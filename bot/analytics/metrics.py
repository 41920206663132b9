"""The report: every table communications teams see, built from the tracker store.

`build_report` asks counts/query.py for raw aggregates once, then shapes them into the
tables of model.py. Every number goes through Count.of here, so a count from 1 to
minimum-1 can only ever be shown as "<5"; rates are computed only from counts that
are shown. Table and column keys are stable identifiers the views translate.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from sqlalchemy.engine import Engine

from actions.content.feedback import DOWN, UP
from bot.analytics.counts.query import EventCounts, Tally, fetch_counts
from bot.analytics.kinds import SAFEGUARDING_TOPICS, WARNING_TOPICS
from bot.analytics.model import Cell, Count, Filters, Rate, Report, Table
from bot.analytics.vocabulary import UNKNOWN, Vocabulary, load_vocabulary
from bot.settings import DEFAULT_MIN_GROUP

# Table keys and their columns: the contract with the dashboard, CSV and JSON.
SUMMARY = "summary"
DAILY = "conversations_daily"
WEEKLY = "conversations_weekly"
BY_LANGUAGE = "by_language"
BY_COUNTRY = "by_country"
TOPICS_TOP = "topics_top"
TOPICS_TREND = "topics_trend"
FALLBACK = "fallback"
WARNINGS = "warnings"
RUMOURS = "rumours"
REFERRALS = "referrals"
SAFEGUARDING = "safeguarding"
FEEDBACK = "feedback"
LAST_TOPIC = "last_topic"
TABLE_KEYS = (
    SUMMARY,
    DAILY,
    WEEKLY,
    BY_LANGUAGE,
    BY_COUNTRY,
    TOPICS_TOP,
    TOPICS_TREND,
    FALLBACK,
    WARNINGS,
    RUMOURS,
    REFERRALS,
    SAFEGUARDING,
    FEEDBACK,
    LAST_TOPIC,
)


def build_report(
    engine: Engine,
    filters: Filters,
    minimum: int = DEFAULT_MIN_GROUP,
    top: int = 10,
    *,
    now: Optional[datetime] = None,
    vocabulary: Optional[Vocabulary] = None,
) -> Report:
    """Every table for `filters`. `now` (default: the current time) decides which
    conversations have stopped; `vocabulary` (default: read from the content) names the
    languages, countries and topics."""
    vocabulary = vocabulary or load_vocabulary()
    counts = fetch_counts(engine, filters, vocabulary, now or datetime.now(timezone.utc))
    return shape_report(counts, filters, vocabulary, minimum, top)


def shape_report(
    counts: EventCounts,
    filters: Filters,
    vocabulary: Vocabulary,
    minimum: int = DEFAULT_MIN_GROUP,
    top: int = 10,
) -> Report:
    """The tables, from raw aggregates (no database here)."""

    def count(n: int) -> Count:
        return Count.of(n, minimum)

    topics = _topic_answers(counts, vocabulary)
    chosen = _top(topics, top)
    tables = [
        _summary(counts, count),
        _daily(counts, filters, count),
        _weekly(counts, filters, count),
        _groups(
            BY_LANGUAGE,
            "language",
            counts.by_language,
            _shown(vocabulary.languages, filters.language),
            count,
            chart="bars",
        ),
        _groups(
            BY_COUNTRY,
            "country",
            counts.by_country,
            _shown(vocabulary.countries, filters.country),
            count,
            chart="table",
        ),
        Table(
            TOPICS_TOP, ("topic", "answers"), _ranked(((t, count(topics[t])) for t in chosen)), chart="bars"
        ),
        _trend(counts, filters, chosen, vocabulary, count),
        _fallback(counts, vocabulary, count),
        Table(
            WARNINGS,
            ("topic", "delivered"),
            _ranked((t, count(topics.get(t, 0))) for t in sorted(WARNING_TOPICS)),
            chart="bars",
        ),
        Table(
            RUMOURS,
            ("rumour", "delivered"),
            _ranked((r, count(n)) for r, n in _rumours(counts, vocabulary).items()),
            chart="bars",
        ),
        _referrals(counts, count),
        Table(
            SAFEGUARDING,
            ("topic", "replies"),
            [[t, count(topics.get(t, 0))] for t in sorted(SAFEGUARDING_TOPICS)],
        ),
        _feedback(counts, vocabulary, count),
        Table(
            LAST_TOPIC,
            ("topic", "conversations"),
            _ranked((t, count(n)) for t, n in counts.last_topics.items() if t in vocabulary.answer_topics),
            chart="bars",
        ),
    ]
    return Report(filters=filters, tables=tables)


# ------------------------------------------------------------------------- helpers


def _ranked(rows: Iterable[Tuple[str, Count]]) -> List[List[Cell]]:
    """Largest first by what is shown: every "<5" ranks below every shown count, in name
    order, so the order never tells a 4 from a 1."""
    return [
        [name, value]
        for name, value in sorted(rows, key=lambda row: (row[1].suppressed, -(row[1].value or 0), row[0]))
    ]


def _rate(part: Count, whole: Count) -> Rate:
    # `suppressed` is `value is None`, spelt out so the types narrow (a None whole is falsy)
    if part.value is None or not whole.value:
        return Rate(None)
    return Rate(part.value / whole.value)


def _shown(known: Sequence[str], chosen: Optional[str]) -> Sequence[str]:
    return (chosen,) if chosen else tuple(known)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weeks(filters: Filters) -> List[date]:
    weeks, week = [], _monday(filters.since)
    while week <= filters.until:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def _summary(counts: EventCounts, count: Callable[[int], Count]) -> Table:
    return Table(
        SUMMARY,
        ("measure", "value"),
        [
            ["conversations", count(counts.total.conversations)],
            ["users", count(counts.total.users)],
        ],
    )


def _daily(counts: EventCounts, filters: Filters, count: Callable[[int], Count]) -> Table:
    rows: List[List[Cell]] = []
    day = filters.since
    while day <= filters.until:
        tally = counts.by_day.get(day, Tally(0, 0))
        rows.append([day.isoformat(), count(tally.conversations), count(tally.users)])
        day += timedelta(days=1)
    return Table(DAILY, ("day", "conversations", "users"), rows, chart="trend")


def _weekly(counts: EventCounts, filters: Filters, count: Callable[[int], Count]) -> Table:
    rows: List[List[Cell]] = []
    for week in _weeks(filters):
        tally = counts.by_week.get(week, Tally(0, 0))
        rows.append([week.isoformat(), count(tally.conversations), count(tally.users)])
    return Table(WEEKLY, ("week", "conversations", "users"), rows, chart="trend")


def _groups(
    key: str,
    column: str,
    tallies: Mapping[str, Tally],
    known: Sequence[str],
    count: Callable[[int], Count],
    chart: str,
) -> Table:
    names = list(known) + ([UNKNOWN] if tallies.get(UNKNOWN) else [])
    rows: List[List[Cell]] = []
    for name in names:
        tally = tallies.get(name, Tally(0, 0))
        rows.append([name, count(tally.conversations), count(tally.users)])
    return Table(key, (column, "conversations", "users"), rows, chart=chart)


def _topic_answers(counts: EventCounts, vocabulary: Vocabulary) -> Dict[str, int]:
    """Answers per topic people asked about (metadata.topic of bot events)."""
    totals: Dict[str, int] = {}
    for (_week, _country, topic, _fallback, _rumour), n in counts.answers.items():
        if topic is not None:
            totals[topic] = totals.get(topic, 0) + n
    return totals


def _top(topics: Mapping[str, int], top: int) -> List[str]:
    ranked = sorted(topics, key=lambda t: (-topics[t], t))
    return [t for t in ranked if topics[t] > 0][: max(top, 0)]


def _trend(
    counts: EventCounts,
    filters: Filters,
    chosen: Sequence[str],
    vocabulary: Vocabulary,
    count: Callable[[int], Count],
) -> Table:
    per_week: Dict[Tuple[date, str], int] = {}
    for (week, _country, topic, _fallback, _rumour), n in counts.answers.items():
        if topic is not None and topic in chosen:
            per_week[(week, topic)] = per_week.get((week, topic), 0) + n
    rows: List[List[Cell]] = [
        [week.isoformat(), topic, count(per_week.get((week, topic), 0))]
        for week in _weeks(filters)
        for topic in chosen
    ]
    return Table(TOPICS_TREND, ("week", "topic", "answers"), rows, chart="trend")


def _fallback(counts: EventCounts, vocabulary: Vocabulary, count: Callable[[int], Count]) -> Table:
    replies = sum(n for (_w, _c, _t, fallback, _r), n in counts.answers.items() if fallback)
    messages, fallbacks = count(counts.user_messages), count(replies)
    conversations, ended = count(counts.total.conversations), count(counts.ended_on_fallback)
    return Table(
        FALLBACK,
        ("measure", "value"),
        [
            ["user_messages", messages],
            ["fallback_replies", fallbacks],
            ["fallback_rate", _rate(fallbacks, messages)],
            ["conversations", conversations],
            ["ended_on_fallback", ended],
            ["ended_on_fallback_share", _rate(ended, conversations)],
        ],
    )


def _rumours(counts: EventCounts, vocabulary: Vocabulary) -> Dict[str, int]:
    found: Dict[str, int] = {}
    prefix = vocabulary.rumour_prefix
    for (_w, _c, _t, _f, answer), n in counts.answers.items():
        if answer:
            rumour = answer[len(prefix) :]
            found[rumour] = found.get(rumour, 0) + n
    return found


def _referrals(counts: EventCounts, count: Callable[[int], Count]) -> Table:
    from actions.content.directory import TOPIC_TYPES

    per: Dict[Tuple[str, str], int] = {}
    for (_week, country, topic, _fallback, _rumour), n in counts.answers.items():
        if topic in TOPIC_TYPES:
            # The topic's main kind of resource (emergency lists emergency lines first).
            key = (country, TOPIC_TYPES[topic][0])
            per[key] = per.get(key, 0) + n
    rows: List[List[Cell]] = [[country, kind, count(n)] for (country, kind), n in sorted(per.items())]
    return Table(REFERRALS, ("country", "type", "referrals"), rows)


def _feedback(counts: EventCounts, vocabulary: Vocabulary, count: Callable[[int], Count]) -> Table:
    # rated_topic arrives in a payload anyone can type: only known topics are shown.
    per: Dict[str, Dict[str, int]] = {}
    for (topic, rating), n in counts.feedback.items():
        if topic is not None and rating in (UP, DOWN):
            per.setdefault(topic, {UP: 0, DOWN: 0})[rating] += n
    rows: List[List[Cell]] = []
    for topic in sorted(per):
        up, down = count(per[topic][UP]), count(per[topic][DOWN])
        share = Rate(None)
        # `suppressed` is `value is None`, spelt out so the types narrow
        if up.value is not None and down.value is not None and (up.value or down.value):
            share = Rate(up.value / (up.value + down.value))
        rows.append([topic, up, down, share])
    return Table(FEEDBACK, ("topic", "up", "down", "share_up"), rows)
