"""Safety first: a message that names immediate danger is routed to `emergency`.

DIET learns the emergency intent from examples; this component is the net under
it. When a danger phrase (nlu/safety/danger_phrases.yml, all three languages)
appears, the intent becomes `emergency` and the intent DIET chose is kept as the
entity `followup_intent`, so Senda gives the emergency contacts first and then
still answers what was asked.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Pattern, Text

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.paths import PROJECT_ROOT
from actions.text import normalize

EMERGENCY = "emergency"
FOLLOWUP_ENTITY = "followup_intent"
DEFAULT_PHRASES = PROJECT_ROOT / "nlu" / "safety" / "danger_phrases.yml"


def load_pattern(path: Path) -> Pattern[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    phrases = sorted({normalize(p) for ps in (data.get("phrases") or {}).values() for p in ps})
    if not phrases:
        raise ValueError(f"{path}: no danger phrases under 'phrases:'")
    # Phrases match at word starts; a trailing * in the file allows any ending.
    parts = [re.escape(p).replace(r"\*", r"\w*") for p in phrases]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class SafetyNet(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> List[type]:
        return [IntentClassifier]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"phrases_file": str(DEFAULT_PHRASES)}

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.pattern = load_pattern(Path(config["phrases_file"]))

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
            if text.startswith("/") or not self.pattern.search(normalize(text)):
                continue
            chosen = (message.get(INTENT) or {}).get("name")
            if chosen == EMERGENCY:
                continue
            if chosen and chosen != DEFAULT_NLU_FALLBACK_INTENT_NAME:
                entities = list(message.get(ENTITIES) or [])
                entities.append({"entity": FOLLOWUP_ENTITY, "value": chosen, "start": 0,
                                 "end": 0, "extractor": type(self).__name__})
                message.set(ENTITIES, entities, add_to_output=True)
            forced = {"name": EMERGENCY, "confidence": 1.0}
            message.set(INTENT, forced, add_to_output=True)
            ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != EMERGENCY]
            message.set(INTENT_RANKING_KEY, [forced] + ranking, add_to_output=True)
        return messages
