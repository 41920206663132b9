"""When the user picks a country, confirm it and re-answer a directory topic for it."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.content.directory import TOPIC_TYPES
from actions.content.ids import UTTER_COUNTRY_SET


def last_directory_answer(events: List[Dict[str, Any]]) -> Optional[str]:
    """The directory answer of the turn just before this one, if there was one."""
    users_seen = 0
    for event in reversed(events):
        kind = event.get("event")
        if kind == "user":
            users_seen += 1
            if users_seen == 2:
                return None
        elif kind == "bot" and users_seen == 1:
            utter = (event.get("metadata") or {}).get("utter_action") or ""
            if utter.startswith("utter_") and utter[len("utter_") :] in TOPIC_TYPES:
                return utter
    return None


class ActionCountrySet(Action):
    def name(self) -> Text:
        return "action_country_set"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        dispatcher.utter_message(response=UTTER_COUNTRY_SET)
        previous = last_directory_answer(tracker.events)
        if previous:
            dispatcher.utter_message(response=previous)
        return []
