"""The danger detector (actions/content/danger.py + nlu/safety/danger_phrases.yml), without
Rasa: odd input, the folded spelling, long messages, concepts and a broken file.

What must match is in test_danger_found.py, what must not in test_danger_safe.py.
(The harm sets in tests/harm/ and tests/eval/ are run through the whole stack instead.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.content.danger import DangerDetector, detect, excerpt, is_danger
from actions.content.danger_spelling import fold


@pytest.mark.parametrize(
    "text", [None, 42, "", "   ", "🙏🙏", "\x00\ud800", "x" * 50000, "/emergency", "ʼʼʼ"]
)
def test_odd_input_is_never_an_error(text: object) -> None:
    assert is_danger(text) in (True, False)


def test_spelling_variants_fold_together() -> None:
    assert fold("me quieren matar")[0] == fold("Me KIEREN matarrr")[0]
    assert fold("hijo")[0] == fold("ijo")[0]
    assert fold("chinatoʼ")[0] == fold("CHINATO'")[0]
    # a c at the end of a word is a k, also at the end of the text ("ahorc*" is "ahorco")
    assert fold("ahorc")[0] == fold("ahorc ")[0].strip() == fold("ahorco")[0][:-1]
    text = "ÁUXILIO ya"
    folded, where = fold(text)
    assert len(where) == len(folded) and all(0 <= i < len(text) for i in where)


def test_a_danger_deep_in_a_long_message_is_found_and_cut_out() -> None:
    text = (
        ("les cuento mi historia desde el principio " * 50)
        + "y ahora me quieren matar. "
        + ("gracias por leer " * 30)
    )
    danger = detect(text)
    assert danger is not None and danger.concept == "threat_to_kill"
    part = excerpt(text, danger, 500)
    assert len(part) <= 500 and "me quieren matar" in part


def test_a_concept_needs_every_group_close_together() -> None:
    detector = DangerDetector.from_data(
        {
            "concepts": [
                {
                    "concept": "test",
                    "followup": "family_tracing",
                    "within": 3,
                    "es": [["mi hijo"], ["no aparece"]],
                    "except": {"es": ["no aparece en la lista"]},
                }
            ]
        }
    )
    assert detector.detect("no aparece mi hijo").followup == "family_tracing"
    assert detector.detect("mi hijo de doce años no aparece") is None  # 5 words apart
    assert detector.detect("mi hijo no aparece en la lista") is None


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"concepts": [{"concept": "x", "es": ["not a list of lists"]}]},
        {"concepts": [{"concept": "x"}]},
        {"phrases": {"es": ["  "]}},
    ],
)
def test_a_broken_file_is_refused_with_a_reason(data: dict) -> None:
    with pytest.raises(ValueError):
        DangerDetector.from_data(data)


def test_the_file_names_only_known_followup_topics() -> None:
    import yaml

    from actions.content.paths import PROJECT_ROOT

    topics = yaml.safe_load((PROJECT_ROOT / "responses" / "topics.yml").read_text())["topics"]
    data = yaml.safe_load((PROJECT_ROOT / "nlu" / "safety" / "danger_phrases.yml").read_text())
    followups = {c.get("followup") for c in data["concepts"]} - {None}
    assert followups and followups <= set(topics)
    assert Path(PROJECT_ROOT / "nlu" / "safety" / "danger_phrases.yml").is_file()
