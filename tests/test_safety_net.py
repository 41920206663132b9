"""The safety net sends danger messages, in every language, to the emergency contacts first."""
from __future__ import annotations

from typing import Optional

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.pipeline.safety_net import SafetyNet


@pytest.fixture(scope="module")
def net() -> SafetyNet:
    return SafetyNet(SafetyNet.get_default_config())


def classify(net: SafetyNet, text: str, intent: Optional[str] = "find_shelter") -> Message:
    message = Message(data={"text": text, "intent": {"name": intent, "confidence": 0.9},
                            "intent_ranking": [{"name": intent, "confidence": 0.9}]})
    net.process([message])
    return message


@pytest.mark.parametrize("text", [
    "AUXILIO me tienen secuestrada en una casa",
    "me quieren matar los de la mara",
    "estan golpeando a un niño aqui al lado",
    "they want to kill me please",
    "i was kidnapped by the coyote",
    "someone is hitting a child next door",
    "kinkamisax kumal ri coyote",
    "k'o in pa peligro",
    "chinato', kinterne'x kumal jun winaq",
])
def test_danger_becomes_emergency_and_keeps_the_question(net: SafetyNet, text: str) -> None:
    message = classify(net, text)
    assert message.get("intent")["name"] == "emergency"
    followups = [e["value"] for e in message.get("entities") or [] if e["entity"] == "followup_intent"]
    assert followups == ["find_shelter"]


@pytest.mark.parametrize("text", [
    "donde hay un albergue en tapachula",
    "cuales son los peligros de irse con coyote",
    "can you help me find a lawyer",
    "jawi' k'o wi jun albergue",
])
def test_ordinary_questions_are_left_alone(net: SafetyNet, text: str) -> None:
    assert classify(net, text).get("intent")["name"] == "find_shelter"


def test_payloads_are_never_rewritten(net: SafetyNet) -> None:
    assert classify(net, "/emergency", "emergency").get("entities") in (None, [])
