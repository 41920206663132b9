"""senda eval: clear errors on bad files, and topics read from the right turn."""
from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluate import EvalFileError, read_rows, turn_topics


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
    rows = read_rows(Path(__file__).parent / "eval" / "dev.csv")
    from actions.content import load_content

    topics = set(load_content().topics)
    assert {r.expected for r in rows} == topics
    assert len(rows) >= 8 * len(topics)
