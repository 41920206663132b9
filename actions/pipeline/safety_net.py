"""Safety first: a message that names immediate danger is routed to `emergency`.

DIET learns the emergency intent from examples; this component is the net under
it. The danger detector (actions/content/danger.py, reading nlu/safety/danger_phrases.yml:
phrases and concepts in all three languages) decides; the Telegram bot uses the
same detector before any length or flood limit. When it finds danger, the intent
becomes `emergency` and what to answer after the contacts is kept as the entity
`followup_intent`:

1. a rumour's correction already named by RumourCatcher (a ransom call) stays;
2. else the topic the danger concept names (a child's abuse → child_protection,
   a missing child → family_tracing, a job offer to take a minor → trafficking_signs),
   also when DIET itself chose `emergency`;
3. else the topic DIET chose, unless it is small talk (goodbye, privacy, greet…):
   that never follows the emergency contacts;
4. else, when DIET was unsure (nlu_fallback), the fallback itself: the likely topics
   are offered as buttons after the contacts (utter_emergency_more), since a story of
   danger often asks for something else too and a guess would be a confident answer.

An unsure message (nlu_fallback) for which DIET's first or second guess is
`emergency` with at least `unsure_emergency_min` gets the contacts too: a "did you
mean" is no answer to someone in danger (docs/nlu_measures.md: +3-10 points of the
harm measuring set reach the contacts, 2-3 points more real questions see them).
DIET stays unsure, so rule 4 applies: its other guess is offered, not answered (it
was answered once, and on real questions that guess was wrong 3 times in 3).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.content.danger import DANGER_FILE, DangerDetector, detector
from actions.content.ids import ENTITY_FOLLOWUP
from actions.content.ids import INTENT_EMERGENCY as EMERGENCY
from actions.content.rumours import RUMOUR_ENTITY, RUMOUR_INTENT

FOLLOWUP_ENTITY = ENTITY_FOLLOWUP
DEFAULT_PHRASES = DANGER_FILE
# What DIET may choose that is no answer to follow the emergency contacts with.
NOT_FOLLOWUPS = frozenset(
    {
        EMERGENCY,
        "greet",
        "goodbye",
        "thanks",
        "main_menu",
        "bot_challenge",
        "privacy",
        "delete_data",
        "feedback",
        "out_of_scope",
        "set_language",
        "set_country",
    }
)


def choose_followup(
    chosen: Optional[str], concept_followup: Optional[str], entities: List[Dict[str, Any]]
) -> Optional[str]:
    """What is answered after the contacts (None: the contacts alone)."""
    named = [e.get("value") for e in entities if e.get("entity") == FOLLOWUP_ENTITY]
    if named:
        return named[0]
    if chosen == RUMOUR_INTENT and any(e.get("entity") == RUMOUR_ENTITY for e in entities):
        return RUMOUR_INTENT  # a known rumour's correction: RumourCatcher named it
    if concept_followup:
        return concept_followup
    if chosen == DEFAULT_NLU_FALLBACK_INTENT_NAME:
        return chosen  # DIET was unsure: its likely topics are offered, never guessed
    if chosen and chosen not in NOT_FOLLOWUPS:
        return chosen
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class SafetyNet(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> List[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"phrases_file": str(DEFAULT_PHRASES), "unsure_emergency_min": 0.2}

    def __init__(self, config: Dict[Text, Any]) -> None:
        path = Path(config.get("phrases_file") or DEFAULT_PHRASES)
        self.detector: DangerDetector = detector(path)
        self.unsure_emergency_min = float(config.get("unsure_emergency_min", 0.2))

    def unsure_emergency(self, message: Message) -> bool:
        """An unsure message DIET half took for danger (its first or second guess)."""
        if (message.get(INTENT) or {}).get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME:
            return False
        guesses = [
            r
            for r in message.get(INTENT_RANKING_KEY) or []
            if r.get("name") != DEFAULT_NLU_FALLBACK_INTENT_NAME
        ][:2]
        return any(
            r.get("name") == EMERGENCY and float(r.get("confidence") or 0) >= self.unsure_emergency_min
            for r in guesses
        )

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SafetyNet":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not isinstance(text, str) or text.startswith("/"):
                continue
            danger = self.detector.detect(text)
            chosen = (message.get(INTENT) or {}).get("name")
            if danger is None and not self.unsure_emergency(message):
                continue
            entities = list(message.get(ENTITIES) or [])
            followup = choose_followup(chosen, danger.followup if danger else None, entities)
            if followup and not any(e.get("entity") == FOLLOWUP_ENTITY for e in entities):
                entities.append(
                    {
                        "entity": FOLLOWUP_ENTITY,
                        "value": followup,
                        "start": 0,
                        "end": 0,
                        "extractor": type(self).__name__,
                    }
                )
                message.set(ENTITIES, entities, add_to_output=True)
            if chosen == EMERGENCY:
                continue
            forced = {"name": EMERGENCY, "confidence": 1.0}
            message.set(INTENT, forced, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != EMERGENCY]
            message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)
        return messages
