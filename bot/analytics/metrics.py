"""The report: every table communications teams see, built from the tracker store.

`build_report` asks counts/query.py for raw aggregates once, then shapes them into the
tables of model.py, in the report's order: shaping.py shapes each table, table_keys.py
names them. Every number goes through Count.of (`count` here, handed to shaping.py), so
a count from 1 to minimum-1 can only ever be shown as "<5"; rates are computed only
from counts that are shown. Table and column keys are stable identifiers the views
translate.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy.engine import Engine

from bot.analytics import shaping
from bot.analytics.counts.query import EventCounts, fetch_counts
from bot.analytics.kinds import SAFEGUARDING_TOPICS, WARNING_TOPICS
from bot.analytics.model import Count, Filters, Report, Table
from bot.analytics.table_keys import (
    BY_COUNTRY,
    BY_LANGUAGE,
    LAST_TOPIC,
    RUMOURS,
    SAFEGUARDING,
    TOPICS_TOP,
    WARNINGS,
)
from bot.analytics.vocabulary import Vocabulary, load_vocabulary
from bot.settings import DEFAULT_MIN_GROUP


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

    topics = shaping.topic_answers(counts, vocabulary)
    chosen = shaping.top_topics(topics, top)
    tables = [
        shaping.summary(counts, count),
        shaping.daily(counts, filters, count),
        shaping.weekly(counts, filters, count),
        shaping.groups(
            BY_LANGUAGE,
            "language",
            counts.by_language,
            shaping.shown(vocabulary.languages, filters.language),
            count,
            chart="bars",
        ),
        shaping.groups(
            BY_COUNTRY,
            "country",
            counts.by_country,
            shaping.shown(vocabulary.countries, filters.country),
            count,
            chart="table",
        ),
        Table(
            TOPICS_TOP,
            ("topic", "answers"),
            shaping.ranked(((t, count(topics[t])) for t in chosen)),
            chart="bars",
        ),
        shaping.trend(counts, filters, chosen, vocabulary, count),
        shaping.fallback(counts, vocabulary, count),
        Table(
            WARNINGS,
            ("topic", "delivered"),
            shaping.ranked((t, count(topics.get(t, 0))) for t in sorted(WARNING_TOPICS)),
            chart="bars",
        ),
        Table(
            RUMOURS,
            ("rumour", "delivered"),
            shaping.ranked((r, count(n)) for r, n in shaping.rumours(counts, vocabulary).items()),
            chart="bars",
        ),
        shaping.referrals(counts, count),
        Table(
            SAFEGUARDING,
            ("topic", "replies"),
            [[t, count(topics.get(t, 0))] for t in sorted(SAFEGUARDING_TOPICS)],
        ),
        shaping.feedback(counts, vocabulary, count),
        Table(
            LAST_TOPIC,
            ("topic", "conversations"),
            shaping.ranked(
                (t, count(n)) for t, n in counts.last_topics.items() if t in vocabulary.answer_topics
            ),
            chart="bars",
        ),
    ]
    return Report(filters=filters, tables=tables)
