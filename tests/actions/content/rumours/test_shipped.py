"""The shipped rumours (responses/rumours.yml): complete, with sources, problems worded
for staff, and the keyword syntax staff write."""

from __future__ import annotations

from actions.content.answers import load_content
from actions.content.languages import language_config
from actions.content.rumours import compile_item, rumour_problems
from bot.settings import PROJECT_ROOT
from tests.actions.content.rumours.rumour_cases import DECEMBER_2026, RUMOURS


def test_the_shipped_rumours_are_complete() -> None:
    ids = [r.id for r in RUMOURS]
    assert {"border_open", "child_entry", "cbp_one", "paid_papers", "amnesty", "job_offer"} <= set(ids)
    assert set(DECEMBER_2026) <= set(ids)
    responses = load_content(PROJECT_ROOT / "responses").responses
    assert rumour_problems(RUMOURS, responses, language_config().codes) == []
    for rumour in RUMOURS:  # each answer states its sources and dates, like every answer
        metadata = responses[rumour.answer][0]["metadata"]
        assert metadata["sources"] and metadata["reviewed_on"] and metadata["review_by"]


def test_problems_are_reported_for_staff() -> None:
    rumour = RUMOURS[0]
    problems = rumour_problems([rumour], responses=[], languages=["es", "xx"])
    assert f"{rumour.id}: answer {rumour.answer} is not in responses/" in problems
    assert f"{rumour.id}: no keywords in xx" in problems


def test_keyword_syntax() -> None:
    item = compile_item("frontera | linea + abiert* | abrieron")
    assert item.matches("dicen que la frontera esta abierta")
    assert item.matches("abrieron la linea")
    assert not item.matches("la frontera es peligrosa")
    assert not item.matches("abrieron la tienda")
    # word starts only; * is any ending; the glottal stop may be left out
    assert not compile_item("amnist*").matches("xamnistia")
    assert compile_item("kʼakʼ ley").matches("kak ley")
