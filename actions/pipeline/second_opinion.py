"""A second opinion on DIET's answer: the nearest training examples by meaning.

Trained on the sentence embeddings the SentenceEmbeddingFeaturizer gives every
training example, it finds, for each message, the topics of its nearest examples
(`nearest` in the parse data, best first: the "did you mean" buttons use them).

- When the nearest examples name another topic than DIET and DIET is not sure
  beyond `trust_above`, the message gets no confident answer: it becomes
  nlu_fallback, whose answer offers DIET's topic and the nearest ones as buttons.
  A confident wrong answer costs a user more than one tap on a button.
- When a confident answer has a clear runner-up that the nearest examples also
  name (two needs in one message), `second_need` in the parse data names it; the
  answer gets a button for it (actions/content/render.py).
The thresholds are chosen on the dev sets (docs/nlu_measures.md).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.content.ids import INTENT_EMERGENCY, NEAREST_KEY, SECOND_NEED_KEY

VECTORS_FILE = "second_opinion.npz"
# Never overruled, never offered as a second need: talk about the conversation
# itself and the emergency (SafetyNet, later, decides danger).
NOT_TOPICS = frozenset(
    {
        "greet",
        "goodbye",
        "thanks",
        "main_menu",
        "set_language",
        "set_country",
        "feedback",
        "bot_challenge",
        INTENT_EMERGENCY,
        DEFAULT_NLU_FALLBACK_INTENT_NAME,
    }
)


def sentence_vector(message: Message) -> Optional[np.ndarray]:
    """The message's dense sentence embedding (unit length), if it has one."""
    _, sentence = message.get_dense_features(TEXT)
    if sentence is None:
        return None
    vector = np.asarray(sentence.features, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class SecondOpinion(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> List[type]:
        # Runs after DIET and the FallbackClassifier (config.yml's order); as a
        # trainable component Rasa cannot check that for it.
        return []

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "neighbours": 5,  # examples that vote
            "trust_above": 0.9,  # DIET this sure is not overruled
            "second_need_min": 0.1,  # runner-up's DIET confidence to count as a need
            "offered": 3,  # topics listed in `nearest`
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        vectors: Optional[np.ndarray] = None,
        intents: Optional[List[str]] = None,
    ) -> None:
        self.config = config
        self._storage = model_storage
        self._resource = resource
        self.vectors = vectors if vectors is not None else np.zeros((0, 0), np.float32)
        self.intents = intents or []

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "SecondOpinion":
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "SecondOpinion":
        try:
            with model_storage.read_from(resource) as folder:
                data = np.load(folder / VECTORS_FILE)
                return cls(
                    config, model_storage, resource, data["vectors"], [str(i) for i in data["intents"]]
                )
        except ValueError:  # not trained (no examples): no second opinion
            return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        rows, intents = [], []
        for example in training_data.intent_examples:
            vector = sentence_vector(example)
            if vector is not None and example.get(INTENT):
                rows.append(vector)
                intents.append(str(example.get(INTENT)))
        if rows:
            self.vectors, self.intents = np.vstack(rows), intents
            with self._storage.write_to(self._resource) as folder:
                np.savez_compressed(folder / VECTORS_FILE, vectors=self.vectors, intents=np.array(intents))
        return self._resource

    def nearest(self, vector: np.ndarray) -> List[Dict[str, Any]]:
        """Topics of the nearest examples, best first: summed similarity of the voters."""
        scores = self.vectors @ vector
        voters = np.argsort(scores)[::-1][: int(self.config["neighbours"])]
        votes: Dict[str, float] = {}
        for index in voters:
            intent = self.intents[int(index)]
            votes[intent] = votes.get(intent, 0.0) + float(scores[index])
        ranked = sorted(votes.items(), key=lambda pair: pair[1], reverse=True)
        return [
            {"name": name, "score": round(score / len(voters), 4)}
            for name, score in ranked[: int(self.config["offered"])]
        ]

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            vector = sentence_vector(message) if self.intents and not text.startswith("/") else None
            if vector is None or vector.shape[0] != self.vectors.shape[1]:
                continue
            nearest = self.nearest(vector)
            message.set(NEAREST_KEY, nearest, add_to_output=True)
            self._judge(message, nearest)
        return messages

    def _judge(self, message: Message, nearest: List[Dict[str, Any]]) -> None:
        intent = message.get(INTENT) or {}
        name, confidence = intent.get("name"), float(intent.get("confidence") or 0.0)
        if not nearest or name in NOT_TOPICS:
            return
        voted = nearest[0]["name"]
        if voted != name and confidence < float(self.config["trust_above"]):
            fallback = {"name": DEFAULT_NLU_FALLBACK_INTENT_NAME, "confidence": confidence}
            message.set(INTENT, fallback, add_to_output=True)
            ranking = list(message.get(INTENT_RANKING_KEY) or [])
            message.set(INTENT_RANKING_KEY, [fallback] + ranking, add_to_output=True)
            return
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
        named = {n["name"] for n in nearest}
        for runner in ranking[:2]:
            other = runner.get("name")
            if (
                other not in NOT_TOPICS
                and other in named
                and float(runner.get("confidence") or 0.0) >= float(self.config["second_need_min"])
            ):
                message.set(SECOND_NEED_KEY, other, add_to_output=True)
                return
