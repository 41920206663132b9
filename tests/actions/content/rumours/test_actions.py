"""The actions that answer a rumour: action_check_rumour, the follow-up after the
emergency contacts, and the semantic fallback."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def tracker(
    text: str, language: str, entities: Optional[List[Dict[str, Any]]] = None, intent: str = "smuggler_myths"
) -> Tracker:
    return Tracker(
        sender_id="t",
        slots={"language": language},
        latest_message={"text": text, "intent": {"name": intent}, "entities": entities or []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def run(action: Any, state: Tracker) -> List[str]:
    dispatcher = CollectingDispatcher()
    action.run(dispatcher, state, {})
    return [m.get("response") for m in dispatcher.messages]


def test_the_action_answers_the_named_rumour_or_the_list(content_copy: Path) -> None:
    from actions.custom.rumour import ActionCheckRumour

    action = ActionCheckRumour()
    named = [{"entity": "rumour", "value": "child_entry"}]
    assert run(action, tracker("lo que sea", "es", named)) == ["utter_rumour_child_entry"]
    assert run(action, tracker("dicen que hay amnistia", "es")) == ["utter_rumour_amnesty"]
    assert run(action, tracker("rumores de la frontera", "es")) == ["utter_smuggler_myths"]
    assert run(action, tracker("ri kʼakʼ taq tzij chi rij ri bʼe", "quc")) == ["utter_smuggler_myths"]
    # a rumour whose answer is not published yet: the list, never an empty reply
    unknown = [{"entity": "rumour", "value": "nonexistent"}]
    assert run(action, tracker("...", "en", unknown)) == ["utter_smuggler_myths"]


def test_after_the_emergency_contacts_a_named_rumour_gets_its_correction(content_copy: Path) -> None:
    from actions.custom.emergency import ActionEmergencyFollowup

    action = ActionEmergencyFollowup()
    followup = {"entity": "followup_intent", "value": "smuggler_myths"}
    named = [followup, {"entity": "rumour", "value": "fake_kidnapping"}]
    text = "me llamaron que tienen secuestrado a mi hijo y piden rescate"
    assert run(action, tracker(text, "es", named, intent="emergency")) == ["utter_rumour_fake_kidnapping"]
    # not named, but close in meaning: the same correction, as action_check_rumour gives
    assert run(action, tracker(text, "es", [followup], intent="emergency")) == [
        "utter_rumour_fake_kidnapping"
    ]
    # no rumour named nor near (or one not published): the intent's own answer, as before
    other = "hay un hombre con un cuchillo en la puerta del albergue"
    domain = {"responses": {"utter_smuggler_myths": [{"text": "..."}]}}
    for entities in ([followup], [followup, {"entity": "rumour", "value": "nonexistent"}]):
        dispatcher = CollectingDispatcher()
        action.run(dispatcher, tracker(other, "es", entities, intent="emergency"), domain)
        assert [m.get("response") for m in dispatcher.messages] == ["utter_smuggler_myths"]


def test_the_fallback_answers_a_rumour_before_guessing(content_copy: Path) -> None:
    from actions.custom.fallback import ActionSemanticFallback

    action = ActionSemanticFallback()
    text = "a man promises me farm work in canada if i give him 1500 dollars first"
    assert run(action, tracker(text, "en", intent="nlu_fallback")) == ["utter_rumour_job_offer"]
    ordinary = tracker("where can i sleep tonight with my two kids", "en", intent="nlu_fallback")
    ordinary.latest_message["intent_ranking"] = [{"name": "find_shelter", "confidence": 0.3}]
    assert run(action, ordinary) == ["utter_did_you_mean"]
    greeting = tracker("holaa", "es", intent="nlu_fallback")
    greeting.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.7},
        {"name": "greet", "confidence": 0.6},
    ]
    assert run(action, greeting) == ["utter_greet"]  # small talk is answered, not asked back
