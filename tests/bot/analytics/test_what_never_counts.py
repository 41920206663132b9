"""What the report never counts or shows, on SQLite and on PostgreSQL: a rated topic
someone typed, and senda eval's conversations (their sender prefix matched literally)."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import sqlalchemy as sa

from bot.analytics.model import Filters
from tests.bot.analytics.report_helpers import MARCH, report, shown
from tests.support.analytics_fixture import (  # noqa: F401  (pytest fixtures)
    KNOWN_CONVERSATIONS,
    KNOWN_SINCE,
    KNOWN_UNTIL,
    ConversationSpec,
    Turn,
    eval_conversations,
    pg_url,
    sender_id,
    sqlite_url,
    store_url,
    write_conversations,
)

# ------------------------------------------------------------------ privacy


def test_a_typed_rated_topic_is_never_shown(sqlite_url: str) -> None:
    """rated_topic comes from a payload anyone can type; only known topics appear."""
    people = [
        ConversationSpec(
            sender_id(f"r{i}"),
            datetime(2025, 3, 3, 9 + i, tzinfo=timezone.utc),
            "es",
            "GT",
            [Turn("asilo", "asylum_us", ("utter_asylum_us",), "up")],
        )
        for i in range(6)
    ]
    write_conversations(sqlite_url, people)
    engine = sa.create_engine(sqlite_url)
    typed = {
        "event": "user",
        "timestamp": datetime(2025, 3, 3, 9, 5, tzinfo=timezone.utc).timestamp(),
        "text": "/rate_answer",
        "parse_data": {
            "intent": {"name": "rate_answer", "confidence": 1.0},
            "entities": [
                {"entity": "rating", "value": "up"},
                {"entity": "rated_topic", "value": "me llamo Ana 5512345678"},
            ],
        },
    }
    with engine.begin() as db:
        for _ in range(6):
            db.execute(
                sa.text(
                    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, "
                    "data) VALUES (:s, 'user', :t, 'rate_answer', :d)"
                ),
                {"s": sender_id("r0"), "t": typed["timestamp"], "d": json.dumps(typed)},
            )
    engine.dispose()
    r = report(sqlite_url)
    assert shown(r, "feedback") == [["asylum_us", "6", "0", "100.0%"]]
    assert "Ana" not in json.dumps(r.as_json())


# ------------------------------------------------------------------ senda eval


def test_eval_conversations_never_count(store_url: str) -> None:
    choices = [
        MARCH,
        Filters(date(2024, 11, 1), date(2025, 4, 30)),
        Filters(KNOWN_SINCE, KNOWN_UNTIL, language="es"),
        Filters(KNOWN_SINCE, KNOWN_UNTIL, country="MX"),
        Filters(KNOWN_SINCE, KNOWN_UNTIL, "en", "US"),
    ]
    write_conversations(store_url, KNOWN_CONVERSATIONS)
    without = [report(store_url, filters, minimum=1) for filters in choices]
    write_conversations(store_url, eval_conversations())
    assert [report(store_url, filters, minimum=1) for filters in choices] == without
    assert shown(without[0], "summary") == [["conversations", "17"], ["users", "16"]]


def test_the_eval_prefix_is_matched_literally(sqlite_url: str) -> None:
    from bot.analytics.eval_senders import like_prefix

    assert like_prefix("eval-") == "eval-%"
    assert like_prefix("a_b%c!") == "a!_b!%c!!%"
    engine = sa.create_engine(sqlite_url)
    try:
        with engine.connect() as db:

            def starts(value: str, prefix: str) -> bool:
                return bool(
                    db.execute(
                        sa.text("SELECT :v LIKE :p ESCAPE '!'"), {"v": value, "p": like_prefix(prefix)}
                    ).scalar()
                )

            assert starts("a_b-1", "a_b") and not starts("axb-1", "a_b")
            assert starts("50%off", "50%") and not starts("50 off", "50%")
    finally:
        engine.dispose()
