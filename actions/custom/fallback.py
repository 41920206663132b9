"""When NLU is unsure: a known rumour gets its correction; otherwise offer the 2-3
likely topics as buttons, ranked by DIET's confidence plus the similarity of the
nearest training examples (SecondOpinion's `nearest` in the parse data)."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.content.answers import content_store
from actions.content.ids import (
    INTENT_FALLBACK,
    NEAREST_KEY,
    SLOT_LANGUAGE,
    UTTER_DID_YOU_MEAN,
    UTTER_OUT_OF_SCOPE,
)
from actions.content.render import current_renderer
from actions.custom.rumour import answerable
from actions.matching.rumour_meaning import find_rumour

OFFERED = 3
# Never worth a button: talk about the conversation itself.
NOT_OFFERED = frozenset(
    {
        "greet",
        "goodbye",
        "thanks",
        "out_of_scope",
        "set_language",
        "set_country",
        "feedback",
        "bot_challenge",
        "main_menu",
    }
)
# Small talk DIET was unsure of is still answered ("hola" is no question to ask back).
SMALL_TALK = frozenset({"greet", "goodbye", "thanks", "bot_challenge", "main_menu"})
# A guessed intent offered as another topic's button (a legal case: free legal help).
OFFERED_AS = {"legal_case": "legal_aid"}
# A topic is ranked by DIET's confidence plus the similarity of its nearest training
# examples: on the real-question dev sets the right topic was among the three buttons
# for 70% of messages this way, 53% when DIET's guesses and the nearest took turns
# (docs/nlu_measures.md). A topic neither supports this much gets no button.
MIN_SCORE = 0.1


def likely_topics(parse: Dict[str, Any], topics: Iterable[str], exclude: Iterable[str] = ()) -> List[str]:
    """Up to three topics to offer, by DIET's confidence plus the nearest examples'
    similarity."""
    known = set(topics) - set(exclude)
    scores: Dict[str, float] = {}
    pairs = [
        (r.get("name"), r.get("confidence"))
        for r in parse.get("intent_ranking") or []
        if r.get("name") != INTENT_FALLBACK
    ]
    pairs += [(n.get("name"), n.get("score")) for n in parse.get(NEAREST_KEY) or []]
    for name, value in pairs:
        topic = OFFERED_AS.get(name or "", name)
        if topic in known and topic not in NOT_OFFERED:
            scores[topic] = scores.get(topic, 0.0) + float(value or 0)
    ranked = sorted(scores, key=lambda topic: -scores[topic])
    return [topic for topic in ranked if scores[topic] >= MIN_SCORE][:OFFERED]


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
        parse = tracker.latest_message or {}
        best = next(
            (r.get("name") for r in parse.get("intent_ranking") or [] if r.get("name") != INTENT_FALLBACK),
            None,
        )
        if best in SMALL_TALK:
            dispatcher.utter_message(response=f"utter_{best}")
            return []
        buttons = topic_buttons(tracker)
        if not buttons:
            dispatcher.utter_message(response=UTTER_OUT_OF_SCOPE)
            return []
        dispatcher.utter_message(response=UTTER_DID_YOU_MEAN, buttons=buttons)
        return []


def topic_buttons(tracker: Tracker, exclude: Iterable[str] = ()) -> List[Dict[str, str]]:
    """The likely topics of the latest message as buttons, titled in the user's language."""
    parse = tracker.latest_message or {}
    suggestions = likely_topics(parse, content_store().get().topics, exclude)
    renderer = current_renderer()
    language = tracker.get_slot(SLOT_LANGUAGE) or renderer.source
    return [{"title": renderer.topic_title(topic, language), "payload": f"/{topic}"} for topic in suggestions]
