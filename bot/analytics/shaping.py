"""How each table of the report is shaped from the raw counts (no database here).

metrics.py asks counts/query.py for the aggregates and puts these tables together in
the report's order. Every number passes through `count` (Count.of with the minimum
group size), so a small group can only ever be shown as "<5"; rates are computed only
from counts that are shown, and ranking never tells one hidden count from another.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from actions.content.feedback import DOWN, UP
from bot.analytics.counts.query import EventCounts, Tally
from bot.analytics.model import Cell, Count, Filters, Rate, Table
from bot.analytics.table_keys import DAILY, FALLBACK, FEEDBACK, REFERRALS, SUMMARY, TOPICS_TREND, WEEKLY
from bot.analytics.vocabulary import UNKNOWN, Vocabulary


def ranked(rows: Iterable[Tuple[str, Count]]) -> List[List[Cell]]:
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


def shown(known: Sequence[str], chosen: Optional[str]) -> Sequence[str]:
    return (chosen,) if chosen else tuple(known)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _weeks(filters: Filters) -> List[date]:
    weeks, week = [], _monday(filters.since)
    while week <= filters.until:
        weeks.append(week)
        week += timedelta(days=7)
    return weeks


def summary(counts: EventCounts, count: Callable[[int], Count]) -> Table:
    return Table(
        SUMMARY,
        ("measure", "value"),
        [
            ["conversations", count(counts.total.conversations)],
            ["users", count(counts.total.users)],
        ],
    )


def daily(counts: EventCounts, filters: Filters, count: Callable[[int], Count]) -> Table:
    rows: List[List[Cell]] = []
    day = filters.since
    while day <= filters.until:
        tally = counts.by_day.get(day, Tally(0, 0))
        rows.append([day.isoformat(), count(tally.conversations), count(tally.users)])
        day += timedelta(days=1)
    return Table(DAILY, ("day", "conversations", "users"), rows, chart="trend")


def weekly(counts: EventCounts, filters: Filters, count: Callable[[int], Count]) -> Table:
    rows: List[List[Cell]] = []
    for week in _weeks(filters):
        tally = counts.by_week.get(week, Tally(0, 0))
        rows.append([week.isoformat(), count(tally.conversations), count(tally.users)])
    return Table(WEEKLY, ("week", "conversations", "users"), rows, chart="trend")


def groups(
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


def topic_answers(counts: EventCounts, vocabulary: Vocabulary) -> Dict[str, int]:
    """Answers per topic people asked about (metadata.topic of bot events)."""
    totals: Dict[str, int] = {}
    for (_week, _country, topic, _fallback, _rumour), n in counts.answers.items():
        if topic is not None:
            totals[topic] = totals.get(topic, 0) + n
    return totals


def top_topics(topics: Mapping[str, int], top: int) -> List[str]:
    """The `top` topics answered most, most first (ties in name order)."""
    most_first = sorted(topics, key=lambda t: (-topics[t], t))
    return [t for t in most_first if topics[t] > 0][: max(top, 0)]


def trend(
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


def fallback(counts: EventCounts, vocabulary: Vocabulary, count: Callable[[int], Count]) -> Table:
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


def rumours(counts: EventCounts, vocabulary: Vocabulary) -> Dict[str, int]:
    found: Dict[str, int] = {}
    prefix = vocabulary.rumour_prefix
    for (_w, _c, _t, _f, answer), n in counts.answers.items():
        if answer:
            rumour = answer[len(prefix) :]
            found[rumour] = found.get(rumour, 0) + n
    return found


def referrals(counts: EventCounts, count: Callable[[int], Count]) -> Table:
    from actions.content.directory import TOPIC_TYPES

    per: Dict[Tuple[str, str], int] = {}
    for (_week, country, topic, _fallback, _rumour), n in counts.answers.items():
        if topic in TOPIC_TYPES:
            # The topic's main kind of resource (emergency lists emergency lines first).
            key = (country, TOPIC_TYPES[topic][0])
            per[key] = per.get(key, 0) + n
    rows: List[List[Cell]] = [[country, kind, count(n)] for (country, kind), n in sorted(per.items())]
    return Table(REFERRALS, ("country", "type", "referrals"), rows)


def feedback(counts: EventCounts, vocabulary: Vocabulary, count: Callable[[int], Count]) -> Table:
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
