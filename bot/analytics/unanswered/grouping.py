"""Unanswered questions grouped by meaning: sentence embeddings + average-linkage clustering.

Questions are embedded with the project's one embedding backend (actions/matching/embeddings.py,
by default USE-multilingual), loaded on first use, once per process. What is embedded
is the question's content words: scrubbed (personal data never steers a group),
normalised, stop words (../words.yml) dropped.

Measured on tests/bench/unanswered_questions.yml (python -m tests.bench.unanswered_measure), at the
cut-off 0.65: content words give B-cubed precision 0.86 and recall 0.69 (whole sentences
0.80 / 0.68; the English MiniLM used before gave 0.81 / 0.40 at 0.5). Two questions about one
need in Spanish and English now meet (mean cosine 0.47, different needs 0.16); K'iche',
which the model does not know, groups mostly by the words questions share.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from typing import Any, Dict, List, Sequence

import numpy as np

from actions.content.text import normalize
from bot.analytics.scrubber import MARK
from bot.analytics.words import words

# Cosine distance at which two clusters stop merging (average linkage): measured on
# tests/bench/unanswered_questions.yml, B-cubed precision 0.86, recall 0.69 (F1 0.77, the best
# measured); 0.5 mixes fewer needs (0.93) but splits one need's questions far more
# (recall 0.50, F1 0.65): "is it cold in El Paso now" stays apart from the weather.
DISTANCE_THRESHOLD = 0.65
CACHE_SIZE = 20_000  # embeddings kept between dashboard requests (1.5 kB each)
# Torch threads while embedding (sentence-transformers backend). The dashboard shares
# the machine with Rasa, the action server and the database. Measured on 2 cores:
# idle, two threads embed 320-540
# questions a second and one thread 160-240; with other work running (load 2.5), two
# threads fall to 56 a second (each step waits for the slower thread) while one keeps
# about 220. So every core only while the machine is mostly idle.
BUSY_LOAD_PER_CORE = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def content_words(scrubbed: str) -> List[str]:
    """The normalised words of a scrubbed question, stop words dropped."""
    stop = words().stop_words
    return [word for word in _WORD.findall(normalize(scrubbed.replace(MARK, " "))) if word not in stop]


def grouping_text(scrubbed: str) -> str:
    """What is embedded: the content words, or the whole normalised question if it has none."""
    kept = content_words(scrubbed)
    return " ".join(kept) if kept else normalize(scrubbed.replace(MARK, " ")).strip()


class _EmbeddingCache:
    """Embeddings of grouping texts (never raw questions), least recently used dropped."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.vectors: "OrderedDict[str, Any]" = OrderedDict()
        self.lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> Any:
        # One request embeds at a time: the work is CPU-bound, and the thread setting
        # is restored before another starts.
        with self.lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self.vectors]
            fresh: Dict[str, Any] = dict(zip(missing, _embed(missing))) if missing else {}
            for text, vector in fresh.items():
                self.vectors[text] = vector
            found = []
            for text in texts:
                vector = fresh.get(text)
                if vector is None:
                    vector = self.vectors[text]
                    self.vectors.move_to_end(text)
                found.append(vector)
            while len(self.vectors) > self.size:
                self.vectors.popitem(last=False)
        return np.vstack(found) if found else np.zeros((0, 0), dtype=np.float32)


def embedding_threads() -> int:
    cores = os.cpu_count() or 1
    return cores if os.getloadavg()[0] < BUSY_LOAD_PER_CORE * cores else 1


def _embed(texts: List[str]) -> Any:
    from actions.matching.embeddings import backend, embed

    if backend() != "sentence-transformers":
        return embed(texts)  # numpy backends keep to their own 2 BLAS threads
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(min(previous, embedding_threads()))
    try:
        return embed(texts)
    finally:
        torch.set_num_threads(previous)


_cache = _EmbeddingCache(CACHE_SIZE)


def embed_questions(scrubbed: Sequence[str]) -> Any:
    """Unit-length embeddings, one row per question."""
    return _cache.embed([grouping_text(text) for text in scrubbed])


def cluster(vectors: Any, threshold: float = DISTANCE_THRESHOLD) -> List[List[int]]:
    """Row indices grouped: average linkage on cosine distance, cut at `threshold`."""
    count = len(vectors)
    if count == 0:
        return []
    if count == 1:
        return [[0]]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distances = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0)
    distances = (distances + distances.T) / 2  # float error must not break symmetry
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    labels = fcluster(tree, t=threshold, criterion="distance")
    groups: Dict[int, List[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return list(groups.values())
