"""The semantic fallback finds the topics closest in meaning with the packaged MiniLM."""
from __future__ import annotations

import pytest

from actions.semantic_index import semantic_index


@pytest.fixture(scope="module")
def index():
    return semantic_index()


@pytest.mark.parametrize("text, expected", [
    ("where can i sleep tonight, i have no place to stay", "find_shelter"),
    ("someone offered me a us work visa if i pay 2000 dollars", "visa_scams"),
    ("my brother disappeared on the way north, how do i look for him", "family_tracing"),
])
def test_nearest_topics_include_the_right_one(index, text: str, expected: str) -> None:
    suggestions = index.suggest(text)
    assert 1 <= len(suggestions) <= 3
    assert expected in [s.topic for s in suggestions]


def test_model_is_loaded_once(index) -> None:
    assert semantic_index() is index
