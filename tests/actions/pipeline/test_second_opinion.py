"""SecondOpinion: the nearest training examples overrule an unsure DIET, and name a second need."""

from __future__ import annotations

from typing import Any, Dict, List

import numpy as np
import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from actions.content.ids import NEAREST_KEY, SECOND_NEED_KEY
from actions.pipeline.second_opinion import SecondOpinion

# Three topics on three axes; a message is a direction between them.
TRAINING = {"asylum_us": [1, 0, 0], "find_shelter": [0, 1, 0], "visa_scams": [0, 0, 1]}


def message(text: str, vector: List[float], ranking: List[Dict[str, Any]]) -> Message:
    m = Message({TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    m.add_features(Features(np.array([vector], dtype=np.float32), "sentence", TEXT, "test"))
    return m


@pytest.fixture
def opinion() -> SecondOpinion:
    vectors = np.array([v for v in TRAINING.values() for _ in range(3)], dtype=np.float32)
    intents = [t for t in TRAINING for _ in range(3)]
    return SecondOpinion(
        {**SecondOpinion.get_default_config(), "neighbours": 5},
        model_storage=None,
        resource=None,
        vectors=vectors,
        intents=intents,
    )


def rank(*pairs) -> List[Dict[str, Any]]:
    return [{"name": n, "confidence": c} for n, c in pairs]


def test_an_unsure_answer_the_nearest_examples_contradict_becomes_buttons(opinion) -> None:
    m = message("x", [0.1, 0.9, 0.0], rank(("asylum_us", 0.7), ("find_shelter", 0.2)))
    opinion.process([m])
    assert m.get(INTENT)["name"] == "nlu_fallback"
    assert m.get(NEAREST_KEY)[0]["name"] == "find_shelter"
    # DIET's guesses stay in the ranking, for the buttons.
    assert [r["name"] for r in m.get(INTENT_RANKING_KEY)][:2] == ["nlu_fallback", "asylum_us"]


def test_a_sure_answer_is_kept_and_an_agreeing_one_too(opinion) -> None:
    sure = message("x", [0.1, 0.9, 0.0], rank(("asylum_us", 0.95), ("find_shelter", 0.02)))
    agreeing = message("y", [0.9, 0.1, 0.0], rank(("asylum_us", 0.6), ("visa_scams", 0.02)))
    opinion.process([sure, agreeing])
    assert sure.get(INTENT)["name"] == "asylum_us"
    assert agreeing.get(INTENT)["name"] == "asylum_us"
    assert agreeing.get(SECOND_NEED_KEY) is None


def test_a_runner_up_the_nearest_examples_also_name_is_a_second_need(opinion) -> None:
    m = message("x", [0.8, 0.6, 0.0], rank(("asylum_us", 0.6), ("find_shelter", 0.3)))
    opinion.process([m])
    assert m.get(INTENT)["name"] == "asylum_us"
    assert m.get(SECOND_NEED_KEY) == "find_shelter"


def test_small_talk_and_commands_are_left_alone(opinion) -> None:
    greet = message("hola", [0.0, 1.0, 0.0], rank(("greet", 0.5), ("find_shelter", 0.4)))
    command = message("/asylum_us", [0.0, 1.0, 0.0], rank(("asylum_us", 1.0)))
    opinion.process([greet, command])
    assert greet.get(INTENT)["name"] == "greet"
    assert command.get(INTENT)["name"] == "asylum_us" and command.get(NEAREST_KEY) is None


def test_an_untrained_opinion_changes_nothing() -> None:
    empty = SecondOpinion(SecondOpinion.get_default_config(), model_storage=None, resource=None)
    m = message("x", [0.1, 0.9, 0.0], rank(("asylum_us", 0.5)))
    empty.process([m])
    assert m.get(INTENT)["name"] == "asylum_us"
