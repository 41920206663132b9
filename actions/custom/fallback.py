"""When NLU is unsure: a known rumour gets its correction; otherwise offer the 2-3
topics closest in meaning as buttons."""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.content import content_store
from actions.custom.rumour import answerable
from actions.names import SLOT_LANGUAGE, UTTER_DID_YOU_MEAN, UTTER_OUT_OF_SCOPE
from actions.render import current_renderer
from actions.rumours import find_rumour
from actions.semantic_index import semantic_index


class ActionSemanticFallback(Action):
    def name(self) -> Text:
        return "action_semantic_fallback"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        # A known rumour gets its correction (by meaning: stricter than after NLU
        # already took the message for a rumour).
        rumour = answerable(find_rumour(text, tracker.get_slot(SLOT_LANGUAGE), fallback=True))
        if rumour is not None:
            dispatcher.utter_message(response=rumour.answer)
            return []
        topics = content_store().get().topics
        suggestions = [s for s in semantic_index().suggest(text) if s.topic in topics]
        if not suggestions:
            dispatcher.utter_message(response=UTTER_OUT_OF_SCOPE)
            return []
        renderer = current_renderer()
        language = tracker.get_slot(SLOT_LANGUAGE) or renderer.source
        buttons = [
            {"title": renderer.topic_title(s.topic, language), "payload": f"/{s.topic}"}
            for s in suggestions
        ]
        dispatcher.utter_message(response=UTTER_DID_YOU_MEAN, buttons=buttons)
        return []
