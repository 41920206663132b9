"""Unanswered questions grouped by meaning, read from real tracker stores (SQLite and
the local PostgreSQL) written by Rasa's SQLTrackerStore (tests/support/analytics_fixture.py).

Staff must see: similar questions as one group with its count and label; no group
smaller than the minimum (in questions and in people); examples with no phone
number, email or name; none at all when examples are off; the filters applied."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from typing import Iterator, List

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.analytics.model import Count, Filters
from bot.analytics.unanswered.query import unanswered_questions
from bot.analytics.unanswered.report import Unanswered, unanswered_groups
from tests.support.analytics_fixture import (  # noqa: F401
    BUS_QUESTIONS,
    EVAL_QUESTIONS,
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

MARCH = Filters(KNOWN_SINCE, KNOWN_UNTIL)
APRIL_2 = date(2025, 4, 2)
FALLBACK = ("utter_did_you_mean",)

# Six people in Guatemala ask about wifi at the shelter (a need Senda has no answer for).
WIFI_QUESTIONS = (
    "hay wifi en el albergue?",
    "¿tienen wifi gratis en el albergue?",
    "el albergue tiene wifi? soy Marco, mi número 4455-6677",
    "como me conecto al wifi del albergue",
    "cual es la clave del wifi del albergue",
    "hay wifi en el albergue de Tapachula",
)


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 4, 2, hour, minute, tzinfo=timezone.utc)


def april_conversations() -> List[ConversationSpec]:
    specs = [
        ConversationSpec(
            sender_id(f"w{i}"),
            _at(8 + i),
            "es",
            "GT",
            [Turn("hola", "greet", ("utter_greet",)), Turn(text, "nlu_fallback", FALLBACK)],
        )
        for i, text in enumerate(WIFI_QUESTIONS)
    ]
    # One person asks the same thing six times: one person is never a group.
    specs.append(
        ConversationSpec(
            sender_id("r1"),
            _at(15),
            "en",
            "US",
            [
                Turn(text, "nlu_fallback", FALLBACK)
                for text in (
                    "is there a bus to Houston",
                    "is there a bus to Houston?",
                    "bus to Houston",
                    "Is there a bus to Houston from here",
                    "bus to houston please",
                    "a bus to Houston?",
                )
            ],
        )
    )
    # Two fallback replies to one message are one question.
    specs.append(
        ConversationSpec(
            sender_id("d1"),
            _at(15, 30),
            "es",
            "GT",
            [
                Turn(
                    "a que hora pasa el tren de carga",
                    "nlu_fallback",
                    ("utter_did_you_mean", "utter_out_of_scope"),
                )
            ],
        )
    )
    # A button pressed and answered with a fallback is no question.
    specs.append(
        ConversationSpec(
            sender_id("b1"),
            _at(16),
            "es",
            "MX",
            [Turn('/set_country{"country":"MX"}', "set_country", FALLBACK)],
        )
    )
    return specs


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """KNOWN_CONVERSATIONS (March 2025) and april_conversations(), once on SQLite and once
    on PostgreSQL."""
    write_conversations(store_url, KNOWN_CONVERSATIONS + april_conversations())
    created = sa.create_engine(store_url)
    yield created
    created.dispose()


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


def assert_nothing_personal(result: Unanswered) -> None:
    shown = " ".join(
        [g.label for g in result.groups] + [example for g in result.groups for example in g.examples]
    )
    for personal in (
        "Rosa",
        "Pérez",
        "5512345678",
        "rosa.p@example.com",
        "John",
        "Smith",
        "Marco",
        "4455-6677",
        "Ixchel",
    ):
        assert personal not in shown


def test_similar_questions_form_one_group_with_count_label_and_scrubbed_examples(engine: Engine) -> None:
    result = unanswered_groups(engine, MARCH, minimum=5)
    assert result.considered == 10 and not result.capped
    # Only the five bus-ticket questions make a group of five; weather (3) and K'iche' (2)
    # are under the minimum and do not appear at all.
    assert len(result.groups) == 1
    bus = result.groups[0]
    assert bus.count == Count.of(5, 5) and str(bus.count) == "5"
    assert "tapachula" in bus.label and "boleto" in bus.label
    assert 1 <= len(bus.examples) <= 3 and len(set(bus.examples)) == len(bus.examples)
    assert all("Tapachula" in e or "tapachula" in e for e in bus.examples)
    assert_nothing_personal(result)
    assert result.table.key == "unanswered" and result.table.chart == "bars"
    assert result.table.as_json() == [{"label": bus.label, "questions": 5}]

    # With a minimum of 3 the three weather questions become a group too; with 6 nothing.
    three = unanswered_groups(engine, MARCH, minimum=3)
    assert [g.count.value for g in three.groups] == [5, 3]
    assert "weather" in three.groups[1].label
    assert_nothing_personal(three)
    assert unanswered_groups(engine, MARCH, minimum=6).groups == []
    assert unanswered_groups(engine, MARCH, minimum=6).table.rows == []


def test_filters_examples_off_and_one_person_never_a_group(engine: Engine) -> None:
    english = unanswered_groups(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, language="en"), 3)
    assert [g.count.value for g in english.groups] == [3] and english.considered == 3
    assert unanswered_groups(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, country="US"), 5).groups == []
    mexico = unanswered_groups(engine, Filters(KNOWN_SINCE, KNOWN_UNTIL, country="MX"), 5, examples=False)
    assert [g.count.value for g in mexico.groups] == [5]
    assert mexico.groups[0].examples == []

    # Six people asking about the shelter's wifi are a group; one person asking six
    # times about a bus to Houston is not, though six questions were asked.
    april = unanswered_groups(engine, Filters(APRIL_2, APRIL_2), minimum=5)
    assert april.considered == 13
    assert [g.count.value for g in april.groups] == [6]
    assert "wifi" in april.groups[0].label and "albergue" in april.groups[0].label
    assert not any("houston" in g.label.lower() for g in april.groups)
    assert_nothing_personal(april)


def test_a_minimum_or_limit_under_one_is_refused_clearly(engine: Engine) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        unanswered_groups(engine, MARCH, minimum=0)


def test_a_store_rasa_has_not_written_to_yet_has_no_questions(sqlite_url: str) -> None:
    engine = sa.create_engine(sqlite_url)
    result = unanswered_groups(engine, MARCH, minimum=5)
    assert (result.groups, result.considered, result.capped) == ([], 0, False)
    engine.dispose()


def test_real_looking_questions_make_labelled_groups_of_one_need() -> None:
    """tests/bench/unanswered_questions.yml: needs typed many ways in es/en/quc. Every group
    shown has a label (questions sharing no word are not a group); the bus fares are one
    group."""
    from bot.analytics.unanswered.labels import NO_LABEL
    from bot.analytics.unanswered.query import Question
    from bot.analytics.unanswered.report import group_questions
    from tests.bench.unanswered_measure import read_questions

    questions, needs = read_questions()
    groups = group_questions(
        [Question(i, f"person {i}", text, 0.0) for i, text in enumerate(questions)], minimum=3
    )
    assert groups and all(g.label != NO_LABEL for g in groups)
    bus = groups[0]
    assert bus.count.value >= 5 and "bus" in bus.label and "tapachula" in bus.label
    need_of = dict(zip(questions, needs))
    assert all(need_of[example] == "bus_fare" for example in bus.examples)


def test_a_label_never_carries_a_name_or_a_number() -> None:
    from bot.analytics.scrubber import scrub
    from bot.analytics.unanswered.labels import group_labels

    group = [
        scrub(text)
        for text in (
            "me llamo Rosa Pérez, llamen al 5512345678, cuánto cuesta el bus 301 a Tapachula",
            "Me llamo Rosa Pérez y quiero el bus 301 a Tapachula, mi cel 5512345678",
            "soy Rosa Pérez: el bus 301 a Tapachula cuánto cuesta? 5512345678",
            "mi nombre es Rosa Pérez, bus 301 a Tapachula",
            "nu bʼiʼ Rosa Pérez, janipa ri bus 301 pa Tapachula",
        )
    ]
    other = [scrub("donde hay un albergue en Tijuana")] * 3
    label = group_labels([group], group + other)[0]
    assert "bus" in label and "tapachula" in label
    assert "rosa" not in label.lower() and "pérez" not in label.lower()
    assert not any(ch.isdigit() for ch in label)
