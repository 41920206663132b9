"""Which topics an unsure message is offered as buttons (actions/custom/fallback.py)."""

from __future__ import annotations

from actions.custom.fallback import likely_topics

TOPICS = ("asylum_us", "asylum_mexico", "find_shelter", "legal_aid", "stay_safe_home", "emergency", "greet")


def parse(ranking, nearest=()):
    return {
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.7}]
        + [{"name": n, "confidence": c} for n, c in ranking],
        "nearest": [{"name": n, "score": s} for n, s in nearest],
    }


def test_a_topic_both_diet_and_the_nearest_examples_name_comes_first() -> None:
    offered = likely_topics(
        parse(
            [("asylum_mexico", 0.3), ("find_shelter", 0.25), ("asylum_us", 0.2)],
            [("asylum_us", 0.5), ("stay_safe_home", 0.4)],
        ),
        TOPICS,
    )
    assert offered == ["asylum_us", "stay_safe_home", "asylum_mexico"]


def test_small_talk_the_fallback_and_excluded_topics_are_never_offered() -> None:
    offered = likely_topics(
        parse([("greet", 0.5), ("emergency", 0.3), ("legal_case", 0.2)], [("find_shelter", 0.35)]),
        TOPICS,
        exclude=("emergency",),
    )
    assert offered == ["find_shelter", "legal_aid"], "a legal case is offered as legal aid"


def test_a_topic_nothing_supports_gets_no_button() -> None:
    assert likely_topics(parse([("asylum_us", 0.05), ("find_shelter", 0.04)]), TOPICS) == []
    assert likely_topics({}, TOPICS) == []
