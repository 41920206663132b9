"""Nearest training examples to a message, by meaning: the fallback's "did you mean".

The index holds every NLU example of every language, embedded once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence

from actions.embeddings import embed
from actions.once import once
from actions.text import normalize
from actions.training_examples import Example, load_examples

# Intents that are never worth offering as a guess.
NOT_SUGGESTED = frozenset({"greet", "goodbye", "thanks", "out_of_scope", "set_language",
                           "set_country", "feedback", "bot_challenge"})


@dataclass(frozen=True)
class Suggestion:
    topic: str
    score: float


class SemanticIndex:
    def __init__(self, examples: Sequence[Example]) -> None:
        self.examples = [e for e in examples if e.intent not in NOT_SUGGESTED]
        self.vectors = embed([normalize(e.text) for e in self.examples])

    def suggest(self, text: str, limit: int = 3, min_score: float = 0.25) -> List[Suggestion]:
        query = embed([normalize(text)])[0]
        scores = self.vectors @ query
        best: dict[str, float] = {}
        for index in scores.argsort()[::-1]:
            example = self.examples[int(index)]
            if example.intent not in best:
                best[example.intent] = float(scores[index])
            if len(best) == limit:
                break
        return [Suggestion(t, s) for t, s in best.items() if s >= min_score]


@once
def semantic_index() -> SemanticIndex:
    """Embeds every training example once per process (seconds on CPU)."""
    return SemanticIndex(load_examples())
