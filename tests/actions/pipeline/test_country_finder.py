"""Where a user says they are sets the country: in es, en and K'iche', by country or
town, where one is before where one is from, never where one is going."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.content.places import load_places
from actions.pipeline.country_finder import CountryFinder, find_country, load_vocabulary, town_names

VOCABULARY = load_vocabulary()
TOWNS = town_names(load_places().values(), VOCABULARY)


@pytest.mark.parametrize(
    "text, country",
    [
        ("estoy en mexico", "MX"),
        ("ya estoy en méxico y no tengo donde dormir", "MX"),
        ("vivo en Houston desde hace 3 años", "US"),
        ("soy de Honduras", "HN"),
        ("soy guanaco", "SV"),
        ("hola buenas tardes me encuentro en piedras negras con mi niña", "MX"),
        ("estoy en la ciudad de guatemala", "GT"),
        ("i'm in el paso with my kids", "US"),
        ("we live in New York and my son got a letter from court", "US"),
        ("I am from Honduras", "HN"),
        ("in kʼo pa Iximulew", "GT"),
        ("In k'o pa Guatemala wakamik", "GT"),  # any glottal stop, any case
        ("xinopan pa Mexico", "MX"),
        ("necesito albergue en tapachula", "MX"),  # a town after a bare "en"
        ("guatemala", "GT"),  # only the country's name
    ],
)
def test_where_the_user_is(text: str, country: str) -> None:
    assert find_country(text, VOCABULARY, TOWNS) == country


@pytest.mark.parametrize(
    "text, country",
    [
        ("soy hondureño pero estoy en Tapachula", "MX"),
        ("vengo de el salvador y ando por Reynosa", "MX"),
        ("I'm from Guatemala but now I live in Chicago", "US"),
        ("estaba en guatemala y ahora estoy en mexico", "MX"),
    ],
)
def test_where_one_is_beats_where_one_is_from(text: str, country: str) -> None:
    assert find_country(text, VOCABULARY, TOWNS) == country


@pytest.mark.parametrize(
    "text",
    [
        "quiero ir a estados unidos",  # going there
        "voy para houston con mi hermano",
        "how do i get to the usa legally",
        "asilo en mexico",  # a topic, not where one is
        "cuando abre la frontera de estados unidos",
        "help us please",  # "us" is no country here
        "la migra me agarro en la frontera",
        "soy de america central",
        "tengo miedo, me siguen",
    ],
)
def test_no_country_where_none_is_said(text: str) -> None:
    assert find_country(text, VOCABULARY, TOWNS) is None


def test_the_component_replaces_a_guessed_country_and_leaves_payloads(monkeypatch) -> None:
    finder = CountryFinder(CountryFinder.get_default_config())
    said = Message(
        data={
            "text": "estoy en Tapachula",
            "entities": [{"entity": "country", "value": "GT"}, {"entity": "language", "value": "es"}],
        }
    )
    asked = Message(
        data={"text": "quiero ir a estados unidos", "entities": [{"entity": "country", "value": "US"}]}
    )
    payload = Message(
        data={"text": '/set_country{"country":"HN"}', "entities": [{"entity": "country", "value": "HN"}]}
    )
    finder.process([said, asked, payload])
    countries = [
        [e["value"] for e in m.get("entities") if e["entity"] == "country"] for m in (said, asked, payload)
    ]
    assert countries == [["MX"], [], ["HN"]]
    assert {"entity": "language", "value": "es"} in said.get("entities")


def test_every_country_of_languages_yml_has_names() -> None:
    from actions.content.languages import language_config

    assert set(VOCABULARY.places.values()) == set(language_config().countries)
