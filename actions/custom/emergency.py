"""After the emergency contacts, still answer what the user asked.

A known rumour asked together with danger ("they called: they have my brother, they
want a ransom") gets its own correction after the contacts, not the list of rumours.
When NLU was unsure what else the message asked (followup nlu_fallback), its likely
topics are offered as buttons (utter_emergency_more), never guessed.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.content.ids import ENTITY_FOLLOWUP, INTENT_EMERGENCY, INTENT_FALLBACK, UTTER_EMERGENCY_MORE
from actions.content.rumours import RUMOUR_INTENT
from actions.custom.fallback import topic_buttons
from actions.custom.rumour import rumour_for


class ActionEmergencyFollowup(Action):
    def name(self) -> Text:
        return "action_emergency_followup"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        followup = next(tracker.get_latest_entity_values(ENTITY_FOLLOWUP), None)
        if followup == RUMOUR_INTENT:
            rumour = rumour_for(tracker)  # named, or close in meaning; published
            if rumour is not None:
                dispatcher.utter_message(response=rumour.answer)
                return []
        if followup == INTENT_FALLBACK:
            buttons = topic_buttons(tracker, exclude=(INTENT_EMERGENCY,))
            if buttons:
                dispatcher.utter_message(response=UTTER_EMERGENCY_MORE, buttons=buttons)
            return []
        response = f"utter_{followup}" if followup else None
        if response and response in (domain.get("responses") or {}):
            dispatcher.utter_message(response=response)
        return []
