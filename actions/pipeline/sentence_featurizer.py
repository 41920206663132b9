"""Meaning as features: a whole-message sentence embedding for DIET.

Count vectors see words and letters; they miss that "me quiero ir con papeles" and
"how do I go legally" ask the same. This featurizer adds one dense sentence
feature per message from the project's embedding backend (actions/matching/embeddings.py,
multilingual by default), so DIET learns from meaning as well. It adds no
sequence features: entities stay with the sparse features.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.content.text import normalize
from actions.matching.embeddings import BACKENDS, DEFAULT_BACKEND, encoder_for

BATCH = 256  # messages embedded at once while training (memory stays small)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "backend": DEFAULT_BACKEND}

    @staticmethod
    def required_packages() -> List[Text]:
        return ["numpy"]

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if config.get("backend", DEFAULT_BACKEND) not in BACKENDS:
            known = ", ".join(sorted(BACKENDS))
            raise InvalidConfigException(
                f"{cls.__name__}: unknown backend {config.get('backend')!r}: use one of {known}"
            )

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self.validate_config(config)
        self.backend = str(config["backend"])

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SentenceEmbeddingFeaturizer":
        return cls(config, execution_context.node_name)

    def _featurize(self, messages: List[Message]) -> None:
        # Every message with a text gets the feature, commands (/topic) too: DIET
        # expects the same features on every message it sees.
        todo = [m for m in messages if m.get(TEXT) is not None]
        if not todo:
            return  # nothing to embed: the backend is not even loaded
        encode = encoder_for(self.backend)
        for start in range(0, len(todo), BATCH):
            batch = todo[start : start + BATCH]
            vectors = encode([normalize(m.get(TEXT)) or " " for m in batch])
            for message, vector in zip(batch, vectors):
                sentence = np.asarray(vector, dtype=np.float32).reshape(1, -1)
                self.add_features_to_message(None, sentence, TEXT, message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self._featurize(training_data.training_examples)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        self._featurize(messages)
        return messages
