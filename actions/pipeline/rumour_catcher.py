"""A known rumour gets its correction: messages that repeat one become `smuggler_myths`.

The rumours and their keywords (all three languages) live beside the answers
(`rumours:` in responses/rumours.yml, see actions/content/rumours.py). The list is read
when a message arrives, not when the model loads, so a rumour staff publish is
recognised at once, without retraining. When a rumour's keywords appear, the
intent becomes `smuggler_myths` and the entity `rumour` names it; the rule for
that pair runs action_check_rumour, which answers that rumour's correction.

This component sits before SafetyNet: a message that also names danger still
gets the emergency contacts first. When DIET already chose `emergency`, that intent
stays; the rumour is named as its follow-up (entity `followup_intent` =
smuggler_myths), so its correction comes after the contacts. Keywords only here:
sentence embeddings (torch) stay in the action server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.content.ids import ENTITY_FOLLOWUP, INTENT_EMERGENCY
from actions.content.reloading import Reloading
from actions.content.rumours import (
    RUMOUR_ENTITY,
    RUMOUR_INTENT,
    Rumour,
    current_rumours,
    load_rumours,
    match_keywords,
    rumour_files,
)

# A message DIET already sent to the emergency contacts stays there (the rumour
# becomes its follow-up).
NEVER_OVERRIDDEN = frozenset({INTENT_EMERGENCY})


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class RumourCatcher(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> List[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # responses_dir: read the rumours there instead of the published content (tests).
        return {"responses_dir": None}

    def __init__(self, config: Dict[Text, Any]) -> None:
        folder = config.get("responses_dir")
        self._fixed: Optional[Reloading[List[Rumour]]] = None
        if folder:
            root = Path(folder)
            self._fixed = Reloading(lambda: rumour_files(root), lambda: load_rumours(root))

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RumourCatcher":
        return cls(config)

    def rumours(self) -> List[Rumour]:
        return self._fixed.get() if self._fixed else current_rumours()

    def process(self, messages: List[Message]) -> List[Message]:
        rumours = None
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue
            rumours = self.rumours() if rumours is None else rumours
            rumour = match_keywords(text, rumours)
            if rumour is None:
                continue
            entities = [e for e in message.get(ENTITIES) or [] if e.get("entity") != RUMOUR_ENTITY]
            entities.append(
                {
                    "entity": RUMOUR_ENTITY,
                    "value": rumour.id,
                    "start": 0,
                    "end": 0,
                    "extractor": type(self).__name__,
                }
            )
            if (message.get(INTENT) or {}).get("name") in NEVER_OVERRIDDEN:
                if not any(e.get("entity") == ENTITY_FOLLOWUP for e in entities):
                    entities.append(
                        {
                            "entity": ENTITY_FOLLOWUP,
                            "value": RUMOUR_INTENT,
                            "start": 0,
                            "end": 0,
                            "extractor": type(self).__name__,
                        }
                    )
                message.set(ENTITIES, entities, add_to_output=True)
                continue
            message.set(ENTITIES, entities, add_to_output=True)
            forced = {"name": RUMOUR_INTENT, "confidence": 1.0}
            message.set(INTENT, forced, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != RUMOUR_INTENT]
            message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)
        return messages
