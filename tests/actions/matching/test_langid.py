"""Language identification: the issue's targets on real K'iche' sentences, and switching."""

from __future__ import annotations

import pytest

from actions.custom.language import decide_language
from actions.matching.langid import Guess, identifier
from tests.bench.lang_measure import KICHE_FILE, measure


@pytest.fixture(scope="module")
def kiche_figures() -> dict:
    if not KICHE_FILE.exists():
        pytest.skip(f"{KICHE_FILE} is absent: the K'iche' reference sentences live in ../shared")
    return measure()


def test_real_kiche_sentences_are_identified_as_kiche(kiche_figures: dict) -> None:
    assert kiche_figures["kiche_as_quc"] >= 0.95, kiche_figures


def test_their_spanish_translations_are_rarely_taken_for_kiche(kiche_figures: dict) -> None:
    assert kiche_figures["spanish_as_quc"] <= 0.02, kiche_figures


@pytest.mark.parametrize(
    "text, expected",
    [
        ("hola buenas tardes necesito ayuda para pedir asilo", "es"),
        ("q onda, donde hay un albergue en tapachula", "es"),
        ("hi i need help to find a lawyer", "en"),
        ("how i can ask asylum in usa", "en"),
        ("jas kinbʼan chi kinkʼam asilo", "quc"),
        ("jas kinban chi kinkam asilo", "quc"),
        ("jawiʼ kʼo wi jun albergue", "quc"),
        ("jawi' k'o wi jun albergue", "quc"),
    ],
)
def test_everyday_messages(text: str, expected: str) -> None:
    assert identifier().guess(text).language == expected


def test_no_letters_no_guess() -> None:
    assert identifier().guess("👍🙏 ?!") is None


def _guess(language: str, words: int, margin: float) -> Guess:
    return Guess(language=language, probability=0.99, margin=margin, words=words)


def test_first_message_sets_the_language() -> None:
    assert decide_language(None, _guess("en", 1, 0.1)) == "en"


def test_a_short_or_unclear_message_does_not_switch() -> None:
    assert decide_language("es", _guess("en", 1, 3.0)) == "es"  # "ok"
    assert decide_language("es", _guess("en", 5, 0.05)) == "es"  # mixed


def test_a_clear_switch_is_followed() -> None:
    assert decide_language("es", _guess("en", 6, 1.5)) == "en"


def test_emoji_only_keeps_the_language() -> None:
    assert decide_language("quc", None) == "quc"
