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
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "intent_ranking": [{"name": intent, "confidence": 0.9}],
        }
    )
    net.process([message])
    return message


@pytest.mark.parametrize(
    "text",
    [
        "me quieren matar los de la mara",
        "they want to kill me please",
        "i was kidnapped by the coyote",
        "kinkamisax kumal ri coyote",
        "k'o in pa peligro",
        "chinato', kinterne'x kumal jun winaq",
    ],
)
def test_danger_becomes_emergency_and_keeps_the_question(net: SafetyNet, text: str) -> None:
    message = classify(net, text)
    assert message.get("intent")["name"] == "emergency"
    followups = [e["value"] for e in message.get("entities") or [] if e["entity"] == "followup_intent"]
    assert followups == ["find_shelter"]


@pytest.mark.parametrize(
    "text, intent, followup",
    [
        ("AUXILIO me tienen secuestrada en una casa", "find_shelter", "trafficking_signs"),
        ("estan golpeando a un niño aqui al lado", "find_shelter", "child_protection"),
        ("someone is hitting a child next door", "emergency", "child_protection"),
        ("mi hija de 12 no aparece desde ayer", "nlu_fallback", "family_tracing"),
        (
            "a man offered my daughter a job in the US and wants to take her tomorrow",
            "goodbye",
            "trafficking_signs",
        ),
        ("estoy sola tengo 14 y no se donde estoy", "emergency", "unaccompanied_children"),
    ],
)
def test_the_danger_names_what_follows_the_contacts(
    net: SafetyNet, text: str, intent: str, followup: str
) -> None:
    """Even when DIET chose emergency itself, or small talk, or was unsure."""
    message = classify(net, text, intent)
    assert message.get("intent")["name"] == "emergency"
    followups = [e["value"] for e in message.get("entities") or [] if e["entity"] == "followup_intent"]
    assert followups == [followup]


@pytest.mark.parametrize(
    "text, intent",
    [
        ("no puedo ir a la policia porque ellos estan con la mara", "privacy"),
        ("Kʼo kʼax chwe! Chinitoʼ!", "goodbye"),
        ("me quieren matar", "emergency"),
    ],
)
def test_small_talk_never_follows_the_contacts(net: SafetyNet, text: str, intent: str) -> None:
    message = classify(net, text, intent)
    assert message.get("intent")["name"] == "emergency"
    assert not [e for e in message.get("entities") or [] if e["entity"] == "followup_intent"]


@pytest.mark.parametrize("text", ["tengo miedo, me siguen", "they threatened to kill us, what can we do now"])
def test_when_diet_was_unsure_the_likely_topics_are_offered_after_the_contacts(
    net: SafetyNet, text: str
) -> None:
    """No guess after the contacts: the fallback's buttons (actions/custom/emergency.py)."""
    message = classify(net, text, "nlu_fallback")
    assert message.get("intent")["name"] == "emergency"
    assert [e["value"] for e in message.get("entities") or [] if e["entity"] == "followup_intent"] == [
        "nlu_fallback"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "donde hay un albergue en tapachula",
        "cuales son los peligros de irse con coyote",
        "can you help me find a lawyer",
        "jawi' k'o wi jun albergue",
    ],
)
def test_ordinary_questions_are_left_alone(net: SafetyNet, text: str) -> None:
    assert classify(net, text).get("intent")["name"] == "find_shelter"


def test_payloads_are_never_rewritten(net: SafetyNet) -> None:
    assert classify(net, "/emergency", "emergency").get("entities") in (None, [])


def _unsure(ranking):
    from rasa.shared.nlu.training_data.message import Message

    return Message(
        {
            "text": "no se que hacer ya",
            "intent": {"name": "nlu_fallback", "confidence": 0.7},
            "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.7}] + ranking,
        }
    )


def test_an_unsure_message_diet_half_took_for_danger_gets_the_contacts() -> None:
    from actions.pipeline.safety_net import SafetyNet

    net = SafetyNet(SafetyNet.get_default_config())
    half = _unsure([{"name": "family_tracing", "confidence": 0.5}, {"name": "emergency", "confidence": 0.3}])
    unlikely = _unsure(
        [{"name": "find_shelter", "confidence": 0.6}, {"name": "emergency", "confidence": 0.1}]
    )
    net.process([half, unlikely])
    assert half.get("intent")["name"] == "emergency"
    # Still unsure: the likely topics are offered after the contacts, never guessed.
    assert [e["value"] for e in half.get("entities") if e["entity"] == "followup_intent"] == ["nlu_fallback"]
    assert unlikely.get("intent")["name"] == "nlu_fallback"
