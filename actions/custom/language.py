"""Keep the `language` slot right on every user turn (a custom slot mapping)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.content.ids import INTENT_SET_LANGUAGE, SLOT_LANGUAGE
from actions.matching.langid import Guess, identifier

# A set language changes only on clear evidence: a few words, clearly another language.
SWITCH_MIN_WORDS = 3
SWITCH_MIN_MARGIN = 0.5


def decide_language(current: Optional[str], guess: Optional[Guess]) -> Optional[str]:
    if guess is None:
        return current
    if current is None:
        return guess.language
    if guess.language != current and guess.words >= SWITCH_MIN_WORDS and guess.margin >= SWITCH_MIN_MARGIN:
        return guess.language
    return current


class ActionDetectLanguage(Action):
    def name(self) -> Text:
        return "action_detect_language"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        latest = tracker.latest_message or {}
        text = (latest.get("text") or "").strip()
        intent = (latest.get("intent") or {}).get("name")
        # A button payload or an explicit choice is not text to guess from.
        if not text or text.startswith("/") or intent == INTENT_SET_LANGUAGE:
            return []
        current = tracker.get_slot(SLOT_LANGUAGE)
        decided = decide_language(current, identifier().guess(text))
        return [SlotSet(SLOT_LANGUAGE, decided)] if decided and decided != current else []
