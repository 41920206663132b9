"""What a user reads of every answer: a K'iche' draft once and in order."""
from __future__ import annotations

from typing import Optional

import pytest

from actions.catalogs import load_catalogs
from actions.content import load_content
from actions.directory import load_directory
from actions.languages import language_config
from actions.render import ASK_COUNTRY, DRAFT_NOTICE, Renderer

CONTENT = load_content()
CATALOGS = load_catalogs()
SHIPPED = Renderer(CONTENT, CATALOGS, load_directory())
COUNTRIES = [*language_config().countries, None]


def render(renderer: Renderer, name: str, language: str, country: Optional[str] = None,
           **arguments: str):
    return renderer.render(name, language, {"language": language, "country": country},
                           arguments)


# --- a K'iche' draft once, then its Spanish ---------------------------------------------

LABEL = SHIPPED.part(DRAFT_NOTICE, "quc")[0]


@pytest.mark.parametrize("country", COUNTRIES)
def test_a_kiche_draft_comes_once_then_the_label_then_the_spanish(country: Optional[str]) -> None:
    assert language_config().get("quc").drafts == "with_source"
    text = render(SHIPPED, "utter_find_shelter", "quc", country).text
    spanish = render(SHIPPED, "utter_find_shelter", "es", country).text
    assert text.count(LABEL) == 1
    draft, _, after = text.partition(f"\n\n{LABEL}\n\n")
    contacts = [line for line in draft.splitlines() if line.startswith(("•", "☎"))]
    assert contacts and all(text.count(line) == 1 for line in contacts)  # the list once
    assert not any(line.startswith(("•", "☎")) for line in after.splitlines())
    assert spanish.splitlines()[0] == after.splitlines()[0]  # the Spanish follows, from its start
    assert spanish.splitlines()[-1] == after.splitlines()[-1]
    if country is None:  # the country question once, in the draft, not again in Spanish
        assert SHIPPED.part(ASK_COUNTRY, "quc")[0] in draft
        assert SHIPPED.part(ASK_COUNTRY, "es")[0] not in text


def test_a_kiche_nearby_answer_lists_the_offices_once() -> None:
    text = render(SHIPPED, "utter_telegram_nearby", "quc", nearby="• Casa X ☎ 555-0123",
                  resources="• Línea Y ☎ 555-0199").text
    assert text.count("555-0123") == 1 and text.count("555-0199") == 1
    assert text.index("555-0199") < text.index(LABEL)
    assert "{" not in text
