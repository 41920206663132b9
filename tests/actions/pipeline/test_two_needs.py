"""A message with two needs: the answer to the first gets a button for the second;
a personal legal case gets free legal help for the user's country."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content.paths import PROJECT_ROOT
from actions.content.render import Renderer, second_need_button


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(load_content(PROJECT_ROOT / "responses"), load_catalogs(PROJECT_ROOT / "locales"))


def parse(intent: str, second: str = "") -> Dict[str, Any]:
    return {"intent": {"name": intent}, **({"second_need": second} if second else {})}


def test_the_second_need_is_a_button_under_the_first_answer(renderer: Renderer) -> None:
    button = second_need_button(renderer, "utter_asylum_us", parse("asylum_us", "find_shelter"), "en")
    assert button == {"title": renderer.topic_title("find_shelter", "en"), "payload": "/find_shelter"}


@pytest.mark.parametrize(
    "name, data",
    [
        ("utter_asylum_us", parse("asylum_us")),  # one need
        ("utter_greet", parse("asylum_us", "find_shelter")),  # not the answer to the need
        ("utter_asylum_us", parse("asylum_us", "no_such_topic")),  # not a topic
    ],
)
def test_no_second_button_otherwise(renderer: Renderer, name: str, data: Dict[str, Any]) -> None:
    assert second_need_button(renderer, name, data, "es") is None


@pytest.mark.parametrize("language", ["es", "en", "quc"])
def test_a_legal_case_lists_free_legal_help_of_the_country(renderer: Renderer, language: str) -> None:
    rendered = renderer.render("utter_legal_case", language, {"country": "US"}, {})
    legal = renderer.render("utter_legal_aid", language, {"country": "US"}, {})
    assert rendered.topic == "out_of_scope"
    listed = [line for line in legal.text.splitlines() if "http" in line or "☎" in line]
    assert listed and all(line in rendered.text for line in listed)
    assert "/legal_aid" in [b["payload"] for b in rendered.buttons]
