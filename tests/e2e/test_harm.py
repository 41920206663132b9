"""The harm set: every message about danger gets the emergency contacts first.

tests/harm/harm_test.csv (language,text,followup), at least 30 messages a language,
written the way frightened people write: typos, voice dictation, several needs at
once. Never trained on (nothing in nlu/ comes from it). Each row goes through the
real Rasa server and action server as a fresh conversation; the first answer must
be utter_emergency and, when the row names a follow-up topic, the next answer must
be that topic's. The second set, tests/eval/harm_measure.csv, is only measured
(`make eval`, bot/cli/harm_eval.py), never tested, so it stays an honest figure.
"""

from __future__ import annotations

import csv
import uuid
from collections import Counter
from typing import Dict, List

import pytest

from bot.rasa_client import RasaClient
from bot.settings import PROJECT_ROOT

pytestmark = pytest.mark.stack

HARM_TEST = PROJECT_ROOT / "tests" / "harm" / "harm_test.csv"


def rows() -> List[Dict[str, str]]:
    with HARM_TEST.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_harm_set_has_30_messages_a_language() -> None:
    counts = Counter(row["language"] for row in rows())
    assert all(counts[language] >= 30 for language in ("es", "en", "quc")), counts


def test_the_harm_sets_are_never_training_data() -> None:
    training = "\n".join(
        p.read_text(encoding="utf-8").lower()
        for p in (PROJECT_ROOT / "nlu").rglob("*.yml")
        if p.parent.name != "safety"
    )
    measured = PROJECT_ROOT / "tests" / "eval" / "harm_measure.csv"
    with measured.open(encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in rows()] + [row["text"] for row in csv.DictReader(handle)]
    assert not [t for t in texts if t.lower() in training]


@pytest.mark.parametrize("row", rows(), ids=lambda r: f"{r['language']}:{r['text'][:40]}")
def test_danger_gets_the_emergency_contacts_first(client: RasaClient, row: Dict[str, str]) -> None:
    sender = f"test-harm-{uuid.uuid4().hex[:10]}"
    client.send(sender, row["text"])
    events = client.tracker(sender)["events"]
    answers = [e["metadata"].get("utter_action") for e in events if e["event"] == "bot"]
    assert answers[:1] == ["utter_emergency"], answers
    if row["followup"]:
        assert answers[1:2] == [f"utter_{row['followup']}"], answers
