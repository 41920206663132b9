"""After the emergency contacts, still answer what the user asked."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.names import ENTITY_FOLLOWUP


class ActionEmergencyFollowup(Action):
    def name(self) -> Text:
        return "action_emergency_followup"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        followup = next(tracker.get_latest_entity_values(ENTITY_FOLLOWUP), None)
        response = f"utter_{followup}" if followup else None
        if response and response in (domain.get("responses") or {}):
            dispatcher.utter_message(response=response)
        return []
