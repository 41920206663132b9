"""senda eval: clear errors on bad files, and topics read from the right turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli.evaluate import (
    FALLBACK,
    OFFERED,
    RIGHT,
    WRONG,
    EvalFileError,
    outcome,
    read_rows,
    turn_answers,
    turn_offered,
    turn_topics,
)


def test_bad_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("lang,text\nes,hola\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="header"):
        read_rows(path)


def test_missing_text_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("language,country,text,expected\nes,,hola,greet\nen,,,greet\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match=":3:"):
        read_rows(path)


def test_a_row_with_an_unquoted_comma_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "real.csv"
    path.write_text(
        "language,country,text,expected,also,source_url\n"
        'es,GT,"me robaron, y ahora que hago",report_crime,,https://example.org/1\n'
        "es,HN,me pegan, tengo miedo,gbv_support,,https://example.org/2\n",
        encoding="utf-8",
    )
    with pytest.raises(EvalFileError, match=r":3: 7 fields where the header has 6: .*double quotes"):
        read_rows(path)


def test_the_also_column_and_source_urls_are_read(tmp_path: Path) -> None:
    path = tmp_path / "real.csv"
    path.write_text(
        "language,country,text,expected,also,source_url\n"
        'es,gt,"me robaron, y ahora que hago",report_crime,legal_aid,https://x.org\n'
        "\n"
        "en,,where do i sleep,find_shelter,,\n",
        encoding="utf-8",
    )
    rows = read_rows(path)
    assert [(r.line, r.country, r.also) for r in rows] == [(2, "GT", "legal_aid"), (4, "", "")]


def test_the_retrieved_column_is_kept_for_people_and_not_scored(tmp_path: Path) -> None:
    path = tmp_path / "real.csv"
    path.write_text(
        "language,country,text,expected,also,source_url,retrieved\n"
        'es,hn,"me deportaron, no tengo nada",returnee_support,,https://x.org,2026-12-07\n',
        encoding="utf-8",
    )
    [row] = read_rows(path)
    assert (row.line, row.country, row.text, row.expected) == (
        2,
        "HN",
        "me deportaron, no tengo nada",
        "returnee_support",
    )
    assert not hasattr(row, "retrieved")


def test_the_real_questions_file_loads_and_names_known_topics() -> None:
    rows = read_rows(Path(__file__).resolve().parents[2] / "eval" / "real_questions.csv")
    from actions.content.answers import load_content

    topics = set(load_content().topics)
    assert len(rows) >= 90
    assert {r.expected for r in rows} <= topics and {r.also for r in rows if r.also} <= topics
    assert {r.language for r in rows} == {"es", "en"}


def test_an_unknown_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("language,country,text,expected,notes\nes,,hola,greet,x\n", encoding="utf-8")
    with pytest.raises(EvalFileError, match="header"):
        read_rows(path)


DID_YOU_MEAN = [
    {"event": "user", "text": "me quieren quitar a mis hijos"},
    {"event": "action", "name": "action_semantic_fallback"},
    {
        "event": "bot",
        "metadata": {"utter_action": "utter_did_you_mean", "topic": "did_you_mean"},
        "data": {
            "buttons": [
                {"title": "Protección de niños", "payload": "/child_protection"},
                {"title": "Ayuda legal", "payload": "/legal_aid"},
                {"title": "👍", "payload": '/rate_answer{"rating":"up"}'},
            ]
        },
    },
]
ANSWERED = [
    {"event": "user", "text": "me quieren quitar a mis hijos"},
    {"event": "bot", "metadata": {"utter_action": "utter_privacy", "topic": "privacy"}},
]


def test_each_row_gets_the_outcome_a_user_would_see() -> None:
    offered = turn_offered(DID_YOU_MEAN)
    assert offered == ["child_protection", "legal_aid"]
    asked = (turn_topics(DID_YOU_MEAN), offered, turn_answers(DID_YOU_MEAN))
    assert outcome("child_protection", "", *asked) == OFFERED
    assert outcome("legal_aid", "", *asked) == OFFERED
    assert outcome("family_tracing", "", *asked) == FALLBACK  # asked, not offered: not misled
    answered = (turn_topics(ANSWERED), turn_offered(ANSWERED), turn_answers(ANSWERED))
    assert outcome("child_protection", "", *answered) == WRONG  # confident, on another topic
    assert outcome("child_protection", "privacy", *answered) == RIGHT  # the `also` topic
    assert outcome("privacy", "", *answered) == RIGHT


def test_topics_come_from_the_last_turn_only() -> None:
    events = [
        {"event": "user", "text": "/set_language"},
        {"event": "bot", "metadata": {"utter_action": "utter_language_set"}},
        {"event": "user", "text": "auxilio"},
        {"event": "action", "name": "utter_emergency"},
        {"event": "bot", "metadata": {"utter_action": "utter_emergency"}},
        {"event": "action", "name": "action_emergency_followup"},
        {"event": "action", "name": "action_listen"},
    ]
    assert turn_topics(events) == ["utter_emergency", "emergency", "action_emergency_followup"]


def test_dev_set_covers_every_topic_in_every_language() -> None:
    rows = read_rows(Path(__file__).resolve().parents[2] / "eval" / "dev.csv")
    from actions.content.answers import load_content

    topics = set(load_content().topics)
    assert {r.expected for r in rows} == topics
    assert len(rows) >= 8 * len(topics)
