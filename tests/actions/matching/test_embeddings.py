"""The one embedding backend: chosen in config.yml, multilingual by default, refused when unknown."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from actions.content.paths import PROJECT_ROOT
from actions.matching.embeddings import DEFAULT_BACKEND, configured_backend, encoder_for, load_encoder


def test_the_shipped_config_names_the_multilingual_backend() -> None:
    assert configured_backend(PROJECT_ROOT / "config.yml") == "use"


def test_a_config_without_the_featurizer_gets_the_default(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("pipeline:\n- name: DIETClassifier\n", encoding="utf-8")
    assert configured_backend(config) == DEFAULT_BACKEND


def test_an_unknown_backend_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="use one of e5, sentence-transformers, use"):
        load_encoder("word2vec")


def test_the_same_question_in_spanish_and_english_is_close_in_meaning() -> None:
    vectors = encoder_for("use")(
        [
            "como pido asilo en estados unidos",
            "how do i ask for asylum in the united states",
            "donde puedo dormir esta noche con mis hijos",
        ]
    )
    assert vectors.shape == (3, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    same, other = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same > other + 0.2
