"""Thank the user for a 👍 or 👎; after a 👎, also invite them to say what was missing.

The rating itself is the rate_answer user event Rasa has already stored: this action
records nothing and sets no slot, so the conversation goes on as before.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.content.feedback import DOWN
from actions.content.ids import FEEDBACK_RATING

UTTER_RATE_THANKS = "utter_rate_thanks"
UTTER_RATE_THANKS_DOWN = "utter_rate_thanks_down"


class ActionRateThanks(Action):
    def name(self) -> Text:
        return "action_rate_thanks"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        rating = next(tracker.get_latest_entity_values(FEEDBACK_RATING), None)
        dispatcher.utter_message(response=UTTER_RATE_THANKS_DOWN if rating == DOWN else UTTER_RATE_THANKS)
        return []
