"""Rumours found by meaning (sentence embeddings, actions/matching/rumour_meaning.py): the
paraphrases it must find, and the numbers behind MEANING_THRESHOLDS."""

from __future__ import annotations

from typing import Dict

import pytest

from actions.matching.rumour_meaning import (
    MEANING_MARGIN,
    MEANING_THRESHOLDS,
    MeaningIndex,
    meaning_threshold,
)
from actions.matching.training_examples import load_examples
from bot.settings import PROJECT_ROOT
from tests.actions.content.rumours.rumour_cases import ANSWERED_BY_A_CORRECTION, RUMOURS, rumour_of


@pytest.fixture(scope="module")
def index() -> MeaningIndex:
    return MeaningIndex(RUMOURS)


def best(index: MeaningIndex, text: str) -> tuple:
    ranked = index.scores(text)
    return ranked[0][0].id, ranked[0][1], ranked[0][1] - ranked[1][1]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a man promises me farm work in canada if i give him 1500 dollars first", "job_offer"),
        ("is the government going to forgive everyone without papers", "amnesty"),
        ("they say undocumented people will all be made legal this year", "amnesty"),
        ("people say families with little kids are never sent back", "child_entry"),
        # USE-multilingual takes "can i still get a border appointment on my phone" for the
        # humanitarian visa (0.03 apart): cbp_one is found by its keywords only.
        ("is it true that anyone can get into america now without problems", "border_open"),
        # December 2026
        (
            "a text says the us will let all migrants in on the eighteenth for migrants day, "
            "should we go now",
            "border_december",
        ),
        ("with the government shut nobody watches the border so we can cross now", "shutdown_border"),
        (
            "a paper says political asylum is accepted again at the border starting this month",
            "passport_only",
        ),
        (
            "someone added me to a group chat to walk north with the caravan in january, they want 300 each",
            "caravan",
        ),
        ("heard spain is making everyone legal this year so better go there than to the us", "spain_papers"),
        (
            "how much is the mexican humanitarian document to travel across mexico, "
            "a lawyer sells it for 700",
            "humanitarian_visa",
        ),
        (
            "did guatemalans finally get temporary protected status? a guy can sign us up for 300",
            "tps_guatemala",
        ),
        ("they phoned saying my dad will be freed from detention if i send 3900 dollars", "ice_bond"),
        (
            "after i posted my missing brother online some people say they have him and ask for money",
            "fake_kidnapping",
        ),
        ("a man said he was a border agent and i must settle a penalty with gift cards today", "fake_agents"),
        (
            "a so called lawyer from a video app says he will cancel my deportation if i send money today",
            "fake_lawyer",
        ),
    ],
)
def test_an_english_paraphrase_finds_its_rumour(index: MeaningIndex, text: str, expected: str) -> None:
    assert rumour_of(text) is None  # no keyword: meaning alone
    rumour, score, margin = best(index, text)
    print(f"{score:.3f} (margin {margin:.3f}) {rumour}: {text}")
    assert rumour == expected and score >= meaning_threshold("en")


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "me llego un msj que el dia del migrante dejan que todos entren a usa, alguien sabe si es cierto",
            "border_december",
        ),
        (
            "mi cuñada dice q en navidad los de migracion dejan que pase la gente por las fiestas",
            "border_december",
        ),
    ],
)
def test_a_close_spanish_paraphrase_finds_its_rumour(index: MeaningIndex, text: str, expected: str) -> None:
    assert rumour_of(text) is None  # no keyword: meaning alone
    rumour, score, margin = best(index, text)
    assert rumour == expected and score >= meaning_threshold("es")
    assert margin >= MEANING_MARGIN


def test_every_example_is_closest_to_its_own_rumour(index: MeaningIndex) -> None:
    """Examples of two rumours must not look alike, or neither is found by meaning."""
    confused = []
    for rumour in RUMOURS:
        for language, sentence in rumour.examples:
            if language in MEANING_THRESHOLDS:
                found, _, margin = best(index, sentence)
                if found != rumour.id or margin < MEANING_MARGIN:
                    confused.append((rumour.id, found, round(margin, 3), sentence))
    assert confused == []


def test_ordinary_questions_stay_below_the_fallback_threshold(index: MeaningIndex) -> None:
    """The numbers behind MEANING_THRESHOLDS: the closest any example of another topic
    comes to a rumour, per language. Printed with -s. A question that keywords already
    answer with its right correction (ANSWERED_BY_A_CORRECTION) never reaches meaning."""
    highest: Dict[str, tuple] = {}
    for example in load_examples(PROJECT_ROOT / "nlu"):
        if example.intent in ("smuggler_myths", "visa_scams"):
            continue
        if (example.intent, rumour_of(example.text)) in ANSWERED_BY_A_CORRECTION:
            continue
        score = best(index, example.text)[1]
        if score > highest.get(example.language, (0.0, ""))[0]:
            highest[example.language] = (score, example.text)
    for language, (score, text) in sorted(highest.items()):
        print(f"{language}: highest {score:.3f} «{text}»")
    for language in MEANING_THRESHOLDS:
        assert highest[language][0] < meaning_threshold(language, fallback=True)
    # K'iche' is not among the model's languages: meaning is not used there.
    assert meaning_threshold("quc") is None
