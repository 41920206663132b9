"""Which rumour a message repeats, by meaning: the action server's second matcher.

Sentence embeddings of each rumour's example sentences (actions/content/rumours.py holds
the list and the keyword matcher), all languages together, cosine similarity. The
embedding backend (USE-multilingual, actions/matching/embeddings.py) tells English and
Spanish paraphrases apart but does not know K'iche', so meaning is used in English, in
Spanish only when very close, and never in K'iche', where the keywords do the work
(MEANING_THRESHOLDS, measured in tests/actions/content/rumours/test_meaning.py).
"""

from __future__ import annotations

import logging
import threading
from typing import Dict, List, Optional, Sequence, Tuple

from actions.content.rumours import Rumour, current_rumours, match_keywords
from actions.content.text import normalize

logger = logging.getLogger(__name__)

# Cosine similarity (the project's embedding backend, USE-multilingual) from which a
# message counts as repeating a rumour, per language of the conversation: (after NLU
# chose the intent smuggler_myths, in the semantic fallback where NLU was unsure:
# stricter). Measured in tests/actions/content/rumours/test_meaning.py on the training examples of every other
# intent: ordinary English questions reach 0.71 ("can i get the curp with the comar
# paper"), Spanish ones 0.79; English paraphrases of a rumour score 0.59-0.88, each
# clear of the next rumour by 0.15 or more. K'iche' is not among the model's languages
# (ordinary K'iche' sentences reach 0.76 of a rumour): keywords only there.
# Another backend needs new numbers.
MEANING_THRESHOLDS: Dict[str, Tuple[float, float]] = {
    "en": (0.58, 0.72),
    "es": (0.80, 0.85),
}
# The best rumour must beat the next one by this much, or it is not clear which.
MEANING_MARGIN = 0.03


def meaning_threshold(language: Optional[str], fallback: bool = False) -> Optional[float]:
    """The similarity needed in this language; None: meaning is not used."""
    pair = MEANING_THRESHOLDS.get(language or "")
    return None if pair is None else pair[1 if fallback else 0]


class MeaningIndex:
    """Embeddings of every rumour's example sentences (all languages)."""

    def __init__(self, rumours: Sequence[Rumour]) -> None:
        from actions.matching.embeddings import embed  # torch: action server only

        self.rumours = list(rumours)
        self.owners = [r for r in self.rumours for _ in r.examples]
        texts = [normalize(sentence) for r in self.rumours for _, sentence in r.examples]
        self.vectors = embed(texts) if texts else None

    def scores(self, text: str) -> List[Tuple[Rumour, float]]:
        """Each rumour with its best similarity to the text, best first."""
        if self.vectors is None or not text.strip():
            return []
        from actions.matching.embeddings import embed

        similarities = self.vectors @ embed([normalize(text)])[0]
        best: Dict[str, Tuple[Rumour, float]] = {}
        for owner, score in zip(self.owners, similarities):
            if owner.id not in best or score > best[owner.id][1]:
                best[owner.id] = (owner, float(score))
        return sorted(best.values(), key=lambda pair: pair[1], reverse=True)


_index_lock = threading.Lock()
_index: List[Tuple[List[Rumour], MeaningIndex]] = []


def meaning_index() -> MeaningIndex:
    """Built on first use and again whenever the published rumour list changes."""
    rumours = current_rumours()
    with _index_lock:
        if not _index or _index[0][0] is not rumours:
            _index[:] = [(rumours, MeaningIndex(rumours))]
        return _index[0][1]


def match_meaning(text: str, threshold: float, margin: float = MEANING_MARGIN) -> Optional[Rumour]:
    """The rumour closest in meaning, if it is at least `threshold` close and clearly
    closer than the next one."""
    if not text or text.startswith("/"):
        return None
    ranked = meaning_index().scores(text)
    if not ranked or ranked[0][1] < threshold:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin:
        return None
    return ranked[0][0]


def find_rumour(text: str, language: Optional[str], fallback: bool = False) -> Optional[Rumour]:
    """Keywords first (certain, every language), then meaning where it is trusted for
    the conversation's language. Never raises: without the model, keywords only."""
    found = match_keywords(text)
    threshold = meaning_threshold(language, fallback)
    if found is not None or threshold is None:
        return found
    try:
        return match_meaning(text, threshold)
    except Exception:  # a missing or broken model must not cost the user an answer
        logger.exception("rumour matching by meaning failed")
        return None
