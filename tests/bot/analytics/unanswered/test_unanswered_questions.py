"""Which messages are unanswered questions, read from real tracker stores (SQLite and
the local PostgreSQL) written by Rasa's SQLTrackerStore (the store: conftest.py).

A question is a person's message answered by a fallback, in the filters; it takes the
language its conversation ends with; reading is bounded (a rare filter says so), page by
page finds the same, senda eval's questions are never among them, and past the limit
only the most recent are kept."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import List

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.analytics.model import Filters
from bot.analytics.unanswered.query import unanswered_questions
from tests.bot.analytics.unanswered.unanswered_store import APRIL_2, MARCH
from tests.support.analytics_fixture import (
    BUS_QUESTIONS,
    EVAL_QUESTIONS,
    KNOWN_CONVERSATIONS,
    KNOWN_SINCE,
    KNOWN_UNTIL,
    ConversationSpec,
    Turn,
    eval_conversations,
    sender_id,
    write_conversations,
)


def texts(engine: Engine, filters: Filters, limit: int = 100) -> List[str]:
    return [q.text for q in unanswered_questions(engine, filters, limit).questions]


def test_questions_are_those_answered_by_a_fallback_in_the_filters(engine: Engine) -> None:
    march = texts(engine, MARCH)
    # 5 bus tickets (es, MX), 3 weather (en, US), 2 out of scope (quc, GT); newest first.
    assert len(march) == 10 and set(BUS_QUESTIONS) <= set(march)
    assert march[0] == "jas ri pelota" and march[-1] == BUS_QUESTIONS[0]
    assert sorted(texts(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, language="es"))) == sorted(BUS_QUESTIONS)
    assert sorted(texts(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, country="MX"))) == sorted(BUS_QUESTIONS)
    assert len(texts(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, "en", "US"))) == 3
    assert len(texts(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, "quc", "GT"))) == 2
    assert texts(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, "en", "MX")) == []
    # Days are UTC days, both ends included: 11 and 12 March hold weather and K'iche'.
    assert len(texts(engine, Filters(date(2025, 3, 11), date(2025, 3, 12)))) == 5
    assert texts(engine, Filters(date(2025, 3, 13), date(2025, 3, 31))) == []
    # April 2: six wifi questions, six of one person, one answered twice; the button
    # press is not a question.
    april = texts(engine, Filters(APRIL_2, APRIL_2))
    assert len(april) == 13 and not any(text.startswith("/") for text in april)
    assert april.count("a que hora pasa el tren de carga") == 1


def test_a_rare_filter_reads_a_bounded_part_of_the_period_and_says_so(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.analytics.unanswered import query as unanswered_query

    monkeypatch.setattr(unanswered_query, "READ_PER_QUESTION", 1)
    # One reply read: the newest, the K'iche' "jas ri pelota".
    kiche = unanswered_questions(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, "quc"), limit=1)
    assert [q.text for q in kiche.questions] == ["jas ri pelota"] and kiche.capped
    spanish = unanswered_questions(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, "es"), limit=1)
    assert spanish.questions == [] and spanish.capped
    monkeypatch.setattr(unanswered_query, "READ_PER_QUESTION", 20)
    spanish = unanswered_questions(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, "es"), limit=1)
    assert [q.text for q in spanish.questions] == [BUS_QUESTIONS[-1]] and spanish.capped
    everything = unanswered_questions(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, "es"), limit=5)
    assert len(everything.questions) == 5 and not everything.capped


def test_a_question_takes_the_language_its_conversation_ends_with(store_url: str) -> None:
    # m1 comes back on 25 March in English: a new conversation, which does not change
    # the language of the first. m2's first conversation ends in English.
    later = ConversationSpec(
        sender_id("m1"),
        datetime(2025, 3, 25, 9, tzinfo=timezone.utc),
        "en",
        "US",
        [Turn("hello", "greet", ("utter_greet",))],
    )
    write_conversations(store_url, KNOWN_CONVERSATIONS + [later])
    switch_to_english_at_the_end(store_url, sender_id("m2"))
    engine = sa.create_engine(store_url)
    try:
        spanish = texts(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, language="es"))
        english = texts(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, language="en"))
        assert sorted(spanish) == sorted(set(BUS_QUESTIONS) - {BUS_QUESTIONS[1]})
        assert len(english) == 4 and BUS_QUESTIONS[1] in english
        assert len(texts(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, country="MX"))) == 5
    finally:
        engine.dispose()


def switch_to_english_at_the_end(url: str, sender: str) -> None:
    """A language slot event after the sender's last event, as action_detect_language
    writes it (the fixture sets one language per conversation)."""
    from rasa.shared.core.events import SlotSet

    engine = sa.create_engine(url)
    with engine.begin() as db:
        last = db.execute(
            sa.text('SELECT MAX("timestamp") FROM events WHERE sender_id = :s'), {"s": sender}
        ).scalar()
        event = SlotSet("language", "en", timestamp=last + 30).as_dict()
        db.execute(
            sa.text(
                "INSERT INTO events (sender_id, type_name, timestamp, action_name, data)"
                " VALUES (:sender, 'slot', :ts, 'language', :data)"
            ),
            {"sender": sender, "ts": last + 30, "data": json.dumps(event)},
        )
    engine.dispose()


def test_reading_a_page_at_a_time_finds_the_same_questions(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.analytics.unanswered import query as unanswered_query

    choices = [
        MARCH,
        Filters(APRIL_2, APRIL_2),
        Filters(KNOWN_SINCE, APRIL_2, language="es"),
        Filters(KNOWN_SINCE, APRIL_2, "en", "US"),
        Filters(KNOWN_SINCE, APRIL_2, "quc"),
    ]
    whole = [texts(engine, filters) for filters in choices]
    monkeypatch.setattr(unanswered_query, "PAGE", 1)
    monkeypatch.setattr(unanswered_query, "MAX_PAGE", 3)
    assert [texts(engine, filters) for filters in choices] == whole
    assert [len(found) for found in whole] == [10, 13, 12, 9, 2]


def test_eval_questions_are_never_unanswered_questions(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.analytics.unanswered import query as unanswered_query

    choices = [
        MARCH,
        Filters(APRIL_2, APRIL_2),
        Filters(KNOWN_SINCE, APRIL_2, "es", "MX"),
        Filters(KNOWN_SINCE, APRIL_2, "en", "US"),
        Filters(KNOWN_SINCE, APRIL_2, "quc"),
    ]
    without = [unanswered_questions(engine, filters, 100) for filters in choices]
    recent = unanswered_questions(engine, MARCH, limit=4)
    write_conversations(engine.url.render_as_string(hide_password=False), eval_conversations())
    assert [unanswered_questions(engine, filters, 100) for filters in choices] == without
    # The eval questions are the newest of each day: a limit still gets people's.
    assert unanswered_questions(engine, MARCH, limit=4) == recent
    monkeypatch.setattr(unanswered_query, "PAGE", 1)
    monkeypatch.setattr(unanswered_query, "MAX_PAGE", 3)
    assert [unanswered_questions(engine, filters, 100) for filters in choices] == without
    for found in without:
        assert not set(EVAL_QUESTIONS) & {q.text for q in found.questions}


def test_only_the_most_recent_questions_are_grouped_past_the_limit(engine: Engine) -> None:
    found = unanswered_questions(engine, MARCH, limit=4)
    assert found.capped and len(found.questions) == 4
    assert [q.text for q in found.questions][:2] == ["jas ri pelota", "Nu bʼiʼ Ixchel, jas ri futbol kamik"]
    everything = unanswered_questions(engine, MARCH, limit=10)
    assert not everything.capped and len(everything.questions) == 10
