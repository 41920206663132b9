"""The NLU component RumourCatcher: it names the rumour, leaves the rest alone, lets danger
win, and sees what staff change in the live content without a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any, List

import pytest
import yaml
from rasa.shared.nlu.training_data.message import Message

from actions.content.rumours import load_rumours, match_keywords
from actions.pipeline.rumour_catcher import RumourCatcher
from actions.pipeline.safety_net import SafetyNet
from bot.settings import PROJECT_ROOT


def classify(component: Any, text: str, intent: str = "find_shelter", confidence: float = 0.9) -> Message:
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": confidence},
            "intent_ranking": [{"name": intent, "confidence": confidence}],
        }
    )
    component.process([message])
    return message


def rumour_entities(message: Message) -> List[str]:
    return [e["value"] for e in message.get("entities") or [] if e["entity"] == "rumour"]


@pytest.fixture
def catcher() -> RumourCatcher:
    return RumourCatcher({"responses_dir": str(PROJECT_ROOT / "responses")})


@pytest.mark.parametrize(
    "text, expected",
    [
        ("la frontera esta abierta?", "border_open"),
        ("they sell cbp one appointments", "cbp_one"),
        ("kakibʼij chi kʼo amnistía", "amnesty"),
    ],
)
def test_the_catcher_names_the_rumour(catcher: RumourCatcher, text: str, expected: str) -> None:
    message = classify(catcher, text, "nlu_fallback", 0.3)
    assert message.get("intent") == {"name": "smuggler_myths", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "smuggler_myths"
    assert rumour_entities(message) == [expected]


def test_the_catcher_leaves_the_rest_alone(catcher: RumourCatcher) -> None:
    assert classify(catcher, "donde hay un albergue").get("intent")["name"] == "find_shelter"
    assert classify(catcher, "/smuggler_myths", "smuggler_myths").get("entities") in (None, [])
    # DIET's emergency is never overridden
    assert (
        classify(catcher, "help the border is open and they have my kid", "emergency").get("intent")["name"]
        == "emergency"
    )


def test_danger_still_wins_after_a_rumour(catcher: RumourCatcher) -> None:
    net = SafetyNet(SafetyNet.get_default_config())
    message = classify(catcher, "el coyote dice que la frontera esta abierta y me quieren matar")
    net.process([message])
    assert message.get("intent")["name"] == "emergency"
    followups = [e["value"] for e in message.get("entities") if e["entity"] == "followup_intent"]
    assert followups == ["smuggler_myths"]
    assert rumour_entities(message) == ["border_open"]


def test_a_rumour_diet_sent_to_emergency_becomes_its_followup(catcher: RumourCatcher) -> None:
    """A ransom call: the emergency contacts first (DIET's intent stays), then the correction."""
    message = classify(catcher, "me llamaron que tienen secuestrado a mi hijo y piden rescate", "emergency")
    SafetyNet(SafetyNet.get_default_config()).process([message])
    assert message.get("intent")["name"] == "emergency"
    assert rumour_entities(message) == ["fake_kidnapping"]
    followups = [e["value"] for e in message.get("entities") if e["entity"] == "followup_intent"]
    assert followups == ["smuggler_myths"]


def add_rumour(root: Path) -> None:
    path = root / "responses" / "rumours.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["responses"]["utter_rumour_pregnancy"] = [{"text": "Estar embarazada no garantiza la entrada."}]
    data["rumours"].append(
        {
            "id": "pregnancy",
            "answer": "utter_rumour_pregnancy",
            "keywords": {
                "es": ["embarazada* + no deportan | dejan pasar"],
                "en": ["pregnant + let* you in"],
                "quc": ["embarazada* + *yaʼ bʼe"],
            },
            "examples": {"en": ["pregnant women can always cross"]},
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_a_rumour_staff_add_is_caught_without_a_restart(content_copy: Path) -> None:
    catcher = RumourCatcher(RumourCatcher.get_default_config())  # reads the live content
    text = "a las embarazadas no las deportan y las dejan pasar"
    assert rumour_entities(classify(catcher, text)) == []
    add_rumour(content_copy)
    assert rumour_entities(classify(catcher, text)) == ["pregnancy"]
    assert rumour_entities(classify(catcher, "the border is open")) == ["border_open"]


def test_a_broken_entry_is_skipped_and_the_others_still_work(content_copy: Path) -> None:
    path = content_copy / "responses" / "rumours.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rumours"].insert(0, {"id": "no_answer", "keywords": {"es": ["frontera"]}})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    rumours = load_rumours(content_copy / "responses")
    assert "no_answer" not in [r.id for r in rumours]
    assert match_keywords("la frontera esta abierta", rumours).id == "border_open"


def test_a_half_saved_file_keeps_the_last_good_list(content_copy: Path) -> None:
    from actions.content.rumours import current_rumours

    assert "border_open" in [r.id for r in current_rumours()]
    path = content_copy / "responses" / "rumours.yml"
    path.write_text(path.read_text(encoding="utf-8") + "\n  - [unclosed", encoding="utf-8")
    assert "border_open" in [r.id for r in current_rumours()]
