"""Unanswered questions grouped by meaning, read from real tracker stores (SQLite and
the local PostgreSQL) written by Rasa's SQLTrackerStore (the store: conftest.py).

Staff must see: similar questions as one group with its count and label; no group
smaller than the minimum (in questions and in people); examples with no phone
number, email or name; none at all when examples are off; the filters applied.
Which messages are questions at all: test_unanswered_questions.py."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.analytics.model import Count, Filters
from bot.analytics.unanswered.report import Unanswered, unanswered_groups
from tests.bot.analytics.unanswered.unanswered_store import APRIL_2, MARCH
from tests.support.analytics_fixture import KNOWN_SINCE, KNOWN_UNTIL


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
