"""What a user reads of every answer: a number to call, no raw {placeholder}, a K'iche'
draft once and in order, and the commands of their own language."""

from __future__ import annotations

from datetime import date
from typing import Optional

import pytest

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content.directory import Resource, Source, load_directory
from actions.content.languages import language_config
from actions.content.render import ASK_COUNTRY, DRAFT_NOTICE, Renderer
from actions.content_tools.check import check_content
from actions.content_tools.commands_check import commands_named
from actions.content_tools.patterns import PLACEHOLDER
from actions.content_tools.render_check import CALLER_FILLED, SAMPLE, shows_a_phone

CONTENT = load_content()
CATALOGS = load_catalogs()
SHIPPED_DIRECTORY = load_directory()
SHIPPED = Renderer(CONTENT, CATALOGS, SHIPPED_DIRECTORY)
LANGUAGES = language_config().codes
COUNTRIES = [*language_config().countries, None]
CONTACT_ANSWERS = sorted(
    name
    for name, variations in CONTENT.responses.items()
    if "{resources}" in (variations[0].get("text") or "")
)


def render(renderer: Renderer, name: str, language: str, country: Optional[str] = None, **arguments: str):
    return renderer.render(name, language, {"language": language, "country": country}, arguments)


def resource(
    id: str, country: str, type: str, phone: Optional[str] = None, url: Optional[str] = None
) -> Resource:
    return Resource(
        id=id,
        country=country,
        type=type,
        name=id,
        phone=phone,
        whatsapp=None,
        url=url,
        address=None,
        serves=("all",),
        verified_on=date.today(),
        verified_until=date(2999, 1, 1),
        sources=(Source("https://example.org", "2026-01-01"),),
    )


def lines_after(text: str, first: str) -> list:
    lines = text.splitlines()
    return lines[lines.index(first) + 1 :]


# --- a number to call ---------------------------------------------------------------------


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_answer_that_lists_contacts_shows_a_phone_number(language: str, country: Optional[str]) -> None:
    assert CONTACT_ANSWERS
    for name in CONTACT_ANSWERS:
        text = render(SHIPPED, name, language, country).text
        assert shows_a_phone(text, SHIPPED_DIRECTORY), (
            f"{name} [{language}, {country}] has no number:\n{text}"
        )


DIRECTORY = [
    resource("Casa sin teléfono", "GT", "shelter", url="https://casa.example.org"),
    resource("Casa con teléfono", "HN", "shelter", phone="2222-0000"),
    resource("PNC 110", "GT", "emergency", phone="110"),
    resource("Bomberos 122", "GT", "emergency", phone="122"),
    resource("911 MX", "MX", "emergency", phone="911"),
    resource("911 HN", "HN", "emergency", phone="911"),
    resource("911 US", "US", "emergency", phone="911"),
]
SMALL = Renderer(CONTENT, CATALOGS, DIRECTORY)


def test_a_list_without_a_phone_ends_with_the_countrys_emergency_line() -> None:
    text = render(SMALL, "utter_find_shelter", "es", "GT").text
    assert lines_after(text, "Guatemala:")[:2] == [
        "• Casa sin teléfono · https://casa.example.org",
        "☎ Emergencias: 110",
    ]
    assert "122" not in text  # one number: the country's first emergency line


def test_a_list_with_a_phone_gets_no_extra_line() -> None:
    text = render(SMALL, "utter_find_shelter", "en", "HN").text
    assert "2222-0000" in text and "☎ Emergency" not in text


def test_an_empty_list_still_gives_a_number_in_the_users_language() -> None:
    text = render(SMALL, "utter_child_protection", "en", "US").text
    assert "☎ Emergency: 911" in text
    assert "\n\n" not in text  # no blank line where the list was


def test_with_no_country_every_countrys_number_is_one_line_above_the_question() -> None:
    rendered = render(SMALL, "utter_family_tracing", "en")
    line = "☎ Emergency: 911 (Mexico, Honduras, United States) · 110 (Guatemala)"
    assert line in rendered.text.splitlines()
    ask = SHIPPED.part(ASK_COUNTRY, "en")[0]
    assert rendered.text.index(line) < rendered.text.index(ask)
    assert '/set_country{"country":"GT"}' in [b["payload"] for b in rendered.buttons]


def test_the_check_reports_a_country_whose_list_has_no_number() -> None:
    directory = [r for r in DIRECTORY if r.country != "HN"] + [
        resource("Casa HN", "HN", "shelter", url="https://hn.example.org")
    ]
    report = check_content(CONTENT, CATALOGS, directory=directory)
    shelter = [f for f in report.errors if f.answer == "utter_find_shelter"]
    assert {f.language for f in shelter} == {None, "en", "quc"}
    assert all("no phone number for HN, SV" in f.message for f in shelter)


def test_a_year_in_a_mark_is_not_a_number_to_call() -> None:
    old = resource("Casa vieja", "HN", "shelter", url="https://hn.example.org")
    old = Resource(**{**old.__dict__, "verified_on": date(2025, 1, 10), "verified_until": date(2025, 7, 9)})
    directory = [r for r in DIRECTORY if r.country != "HN"] + [old]
    text = (
        Renderer(CONTENT, CATALOGS, directory)
        .render("utter_find_shelter", "es", {"language": "es", "country": "HN"}, {})
        .text
    )
    assert "2025" in text and not shows_a_phone(text, directory)
    report = check_content(CONTENT, CATALOGS, directory=directory)
    assert any(f.answer == "utter_find_shelter" and "HN" in f.message for f in report.errors)


# --- no raw placeholder -----------------------------------------------------------------


@pytest.mark.parametrize("country", COUNTRIES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_placeholder_reaches_a_user(language: str, country: Optional[str]) -> None:
    for name in sorted(CONTENT.responses):
        arguments = {key: SAMPLE for key in CALLER_FILLED.get(name, ())}
        text = render(SHIPPED, name, language, country, **arguments).text
        assert not PLACEHOLDER.findall(text), f"{name} [{language}, {country}]:\n{text}"


def test_confirming_no_country_asks_for_one_instead() -> None:
    rendered = render(SHIPPED, "utter_country_set", "en")
    assert rendered.text == SHIPPED.part(ASK_COUNTRY, "en")[0]
    assert len([b for b in rendered.buttons if b["payload"].startswith("/set_country")]) == 5
    assert render(SHIPPED, "utter_country_set", "en", "GT").text.startswith("Done: Guatemala.")
    assert "{" not in render(SHIPPED, "utter_country_set", "es", "XX").text  # not a country


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
    text = render(
        SHIPPED,
        "utter_telegram_nearby",
        "quc",
        nearby="• Casa X ☎ 555-0123",
        resources="• Línea Y ☎ 555-0199",
    ).text
    assert text.count("555-0123") == 1 and text.count("555-0199") == 1
    assert text.index("555-0199") < text.index(LABEL)
    assert "{" not in text


# --- commands in the user's language ----------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_name_the_commands_of_the_users_language(language: str) -> None:
    own = set(language_config().get(language).commands.values())
    for name in ("utter_privacy", "utter_delete_data", "utter_gbv_support", "utter_telegram_help"):
        named = set(commands_named(render(SHIPPED, name, language, "GT").text))
        assert named and named <= own, f"{name} [{language}] names {named - own}"


def test_a_translation_naming_another_languages_command_is_an_error() -> None:
    catalogs = load_catalogs()
    source = CONTENT.variation("utter_delete_data")["text"]
    hit = catalogs.lookup("en", "utter_delete_data", source)
    hit.text = hit.text.replace("/delete", "/borrar")
    report = check_content(CONTENT, catalogs, directory=load_directory())
    assert [(f.answer, f.language) for f in report.errors] == [("utter_delete_data", "en")]
    assert "names /borrar" in report.errors[0].message and "/delete" in report.errors[0].message


def test_links_and_dates_are_not_commands() -> None:
    assert commands_named("Mira https://www.uscis.gov/es/asilo, abierto 24/7. Escribe /borrar.") == ["borrar"]
