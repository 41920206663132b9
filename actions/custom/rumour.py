"""A known rumour gets its own correction; any other rumour question, the list."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.content.answers import content_store
from actions.content.ids import SLOT_LANGUAGE
from actions.content.rumours import GENERAL_ANSWER, RUMOUR_ENTITY, Rumour, rumour_by_id
from actions.matching.rumour_meaning import find_rumour

logger = logging.getLogger(__name__)


def answerable(rumour: Optional[Rumour]) -> Optional[Rumour]:
    """The rumour, if its answer is in the published content (staff may have listed a
    rumour whose answer is not published yet)."""
    if rumour is not None and rumour.answer in content_store().get().responses:
        return rumour
    if rumour is not None:
        logger.warning("rumour %s: answer %s not in the content", rumour.id, rumour.answer)
    return None


def rumour_for(tracker: Tracker) -> Optional[Rumour]:
    """The rumour the latest message names (the RumourCatcher's entity) or is close to in
    meaning, when its answer is published."""
    named = next(tracker.get_latest_entity_values(RUMOUR_ENTITY), None)
    rumour = rumour_by_id(named) if named else None
    if rumour is None:
        rumour = find_rumour(
            (tracker.latest_message or {}).get("text") or "", tracker.get_slot(SLOT_LANGUAGE)
        )
    return answerable(rumour)


class ActionCheckRumour(Action):
    def name(self) -> Text:
        return "action_check_rumour"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        rumour = rumour_for(tracker)
        dispatcher.utter_message(response=rumour.answer if rumour else GENERAL_ANSWER)
        return []
