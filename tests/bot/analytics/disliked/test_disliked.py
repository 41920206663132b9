"""Answers rated 👎 and the comments written after them, read from real tracker stores
(SQLite and the local PostgreSQL) written by Rasa's SQLTrackerStore.

Staff must see: every topic rated 👎 with its count ("<5" under the minimum); the
comment each person typed after their 👎, scrubbed, only for a topic that enough
different people rated; no button press, no later conversation's message and no
`senda eval` conversation taken for a comment; the filters applied."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Iterator, List

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.analytics.disliked.query import disliked_answers
from bot.analytics.disliked.report import disliked_topics
from bot.analytics.model import Filters
from tests.support.analytics_fixture import (  # noqa: F401
    ConversationSpec,
    Turn,
    eval_conversations,
    pg_url,
    sender_id,
    sqlite_url,
    store_url,
    write_conversations,
)

MAY = Filters(date(2025, 5, 1), date(2025, 5, 31))
TOPICS = ("asylum_us", "legal_aid", "find_shelter", "tps")

# What six people in Mexico wrote after rating the shelter answer 👎.
SHELTER_COMMENTS = (
    "el albergue que me dio ya cerró",
    "no dice si aceptan hombres solos",
    "me llamo Rosa Pérez y el teléfono del albergue no contesta",
    "falta un albergue en Tapachula",
    "escríbanme a rosa.p@example.com, la dirección está mal",
    "no dice el horario",
)


def _at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 5, day, hour, minute, tzinfo=timezone.utc)


SHELTER = Turn("donde hay un albergue", "find_shelter", ("utter_find_shelter",), "down")


def may_conversations() -> List[ConversationSpec]:
    specs = [
        ConversationSpec(
            sender_id(f"a{i}"),
            _at(5, 8 + i),
            "es",
            "MX",
            [SHELTER, Turn(text, "nlu_fallback", ("utter_did_you_mean",))],
        )
        for i, text in enumerate(SHELTER_COMMENTS)
    ]
    # Two people in the US rate the asylum answer 👎: too few to show what they wrote.
    specs += [
        ConversationSpec(
            sender_id(f"b{i}"),
            _at(6, 9 + i),
            "en",
            "US",
            [
                Turn("how do I ask for asylum", "asylum_us", ("utter_asylum_us",), "down"),
                Turn("it does not say how long it takes", "nlu_fallback", ("utter_did_you_mean",)),
            ],
        )
        for i in range(2)
    ]
    # A 👎 followed by a button, and one followed by nothing: no comment.
    specs.append(
        ConversationSpec(
            sender_id("c1"),
            _at(7, 9),
            "es",
            "GT",
            [
                Turn("necesito un abogado", "legal_aid", ("utter_legal_aid",), "down"),
                Turn('/set_country{"country":"GT"}', "set_country", ()),
            ],
        )
    )
    specs.append(
        ConversationSpec(
            sender_id("c2"),
            _at(7, 10),
            "es",
            "GT",
            [Turn("necesito un abogado", "legal_aid", ("utter_legal_aid",), "down")],
        )
    )
    # A 👎 whose next message comes in a later conversation (the next day): no comment.
    specs.append(
        ConversationSpec(
            sender_id("c3"), _at(8, 9), "es", "GT", [Turn("qué es el tps", "tps", ("utter_tps",), "down")]
        )
    )
    specs.append(
        ConversationSpec(
            sender_id("c3"),
            _at(9, 9),
            "es",
            "GT",
            [Turn("hola otra vez, mi hermano está en Houston", "greet", ("utter_greet",))],
        )
    )
    # A 👍 is not a 👎, and its next message is not a comment.
    specs.append(
        ConversationSpec(
            sender_id("c4"),
            _at(10, 9),
            "es",
            "MX",
            [
                Turn("donde hay un albergue", "find_shelter", ("utter_find_shelter",), "up"),
                Turn("muchas gracias por la ayuda", "thanks", ("utter_thanks",)),
            ],
        )
    )
    return specs


def eval_in_may() -> List[ConversationSpec]:
    """`senda eval` conversations rating 👎 in May, each with a "comment"."""
    return [
        ConversationSpec(
            spec.sender, spec.start.replace(month=5, day=5), spec.language, spec.country, spec.turns
        )
        for spec in eval_conversations()[:6]
    ]


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    write_conversations(store_url, may_conversations() + eval_in_may())
    created = sa.create_engine(store_url)
    yield created
    created.dispose()


def test_each_dislike_has_its_topic_and_the_message_typed_after_it(engine: Engine) -> None:
    found = disliked_answers(engine, MAY, limit=100)
    assert not found.capped
    by_topic = {}
    for dislike in found.dislikes:
        by_topic.setdefault(dislike.topic, []).append(dislike.comment)
    assert sorted(by_topic["find_shelter"]) == sorted(SHELTER_COMMENTS)  # the 👍 is not one
    assert by_topic["asylum_us"] == ["it does not say how long it takes"] * 2
    assert by_topic["legal_aid"] == [None, None]  # a button, then nothing
    assert by_topic["tps"] == [None]  # the next message came a day later
    assert set(by_topic) == {"find_shelter", "asylum_us", "legal_aid", "tps"}, (
        "senda eval's 👎 (asylum_us from MX, US, GT, HN, SV) are not people's"
    )
    assert len(found.dislikes) == 11
    stamps = [d.timestamp for d in found.dislikes]
    assert stamps == sorted(stamps, reverse=True), "newest first"


def test_topics_show_counts_and_scrubbed_comments_only_for_enough_people(engine: Engine) -> None:
    result = disliked_topics(engine, MAY, minimum=5, topics=TOPICS)
    entries = {entry.topic: entry for entry in result.topics}
    assert [entry.topic for entry in result.topics][0] == "find_shelter", "most 👎 first"
    shelter = entries["find_shelter"]
    assert shelter.count.value == 6 and shelter.comments_count.value == 6
    assert len(shelter.comments) == 5, "at most five comments per topic"
    shown = " ".join(shelter.comments)
    assert "Rosa" not in shown and "rosa.p@example.com" not in shown
    assert "no dice el horario" in shown, "the newest comment is shown"
    for small in ("asylum_us", "legal_aid", "tps"):
        assert entries[small].count.suppressed and entries[small].comments == []
    assert "how long it takes" not in repr(result)
    assert result.table.as_json()[0] == {"topic": "find_shelter", "down": 6, "comments": 6}


def test_filters_and_limits_apply(engine: Engine) -> None:
    us = disliked_topics(engine, Filters(MAY.since, MAY.until, language="en"), minimum=1, topics=TOPICS)
    assert [(e.topic, e.count.value) for e in us.topics] == [("asylum_us", 2)]
    assert us.topics[0].comments == ["it does not say how long it takes"]
    guatemala = disliked_answers(engine, Filters(MAY.since, MAY.until, country="GT"), 100)
    assert sorted(d.topic for d in guatemala.dislikes) == ["legal_aid", "legal_aid", "tps"]
    newest = disliked_answers(engine, MAY, limit=3)
    assert newest.capped and len(newest.dislikes) == 3
    assert disliked_answers(engine, Filters(date(2025, 6, 1), date(2025, 6, 30)), 10).dislikes == []
    off = disliked_topics(engine, MAY, minimum=5, examples=False, topics=TOPICS)
    assert all(entry.comments == [] for entry in off.topics)
    with pytest.raises(ValueError):
        disliked_topics(engine, MAY, minimum=0, topics=TOPICS)


def test_a_comment_long_after_the_dislike_is_not_taken(store_url: str) -> None:
    late = ConversationSpec(
        sender_id("late"),
        _at(12, 9),
        "es",
        "MX",
        [SHELTER, Turn("otra cosa que pregunto mucho después", "nlu_fallback", ("utter_did_you_mean",))],
        turn_gap=timedelta(minutes=45),
    )
    write_conversations(store_url, [late])
    engine = sa.create_engine(store_url)
    try:
        [dislike] = disliked_answers(engine, MAY, 10).dislikes
    finally:
        engine.dispose()
    assert dislike.topic == "find_shelter" and dislike.comment is None


def test_a_store_without_events_has_no_dislikes(sqlite_url: str) -> None:
    engine = sa.create_engine(sqlite_url)
    try:
        assert disliked_topics(engine, MAY, minimum=5, topics=TOPICS).topics == []
    finally:
        engine.dispose()
