"""Help near a shared location, on the real directory and town list."""

from __future__ import annotations

from actions.content.directory import load_directory
from actions.content.places import country_at, distance_km, load_places, nearby_answer

TAPACHULA = (14.9021, -92.2641)
QUETZALTENANGO = (14.8347, -91.5183)
LOS_ANGELES = (34.05, -118.24)
CIUDAD_HIDALGO = (14.6790, -92.1480)  # across the Suchiate river from Tecún Umán
MID_ATLANTIC = (40.0, -40.0)


def test_every_resource_place_is_a_known_town_with_a_geonames_id() -> None:
    places = load_places()
    for resource in load_directory():
        assert set(resource.places) <= set(places), resource.id
    assert [key for key, place in places.items() if place.geonameid is None] == []


def test_distance_is_great_circle_kilometres() -> None:
    # Tapachula to Quetzaltenango: about 80 km as the crow flies.
    assert 70 < distance_km(*TAPACHULA, *QUETZALTENANGO) < 90


def test_the_nearest_shelter_comes_first_with_its_distance() -> None:
    answer = nearby_answer(*TAPACHULA, "find_shelter", "es")
    assert answer.country == "MX"
    first = answer.nearby.splitlines()[0]
    assert "Belén" in first
    assert "km · Tapachula" in answer.nearby.splitlines()[1]
    assert "Tecún Umán" not in answer.nearby  # never across a border


def test_at_a_twin_border_town_offices_of_both_sides_come_nearest_first() -> None:
    answer = nearby_answer(*CIUDAD_HIDALGO, "find_shelter", "es")
    assert answer.country is None  # too close to the border to tell
    towns = [line.split(" km · ")[1] for line in answer.nearby.splitlines() if " km · " in line]
    assert towns[:2] == ["Tecún Umán", "Tapachula"]


def test_a_child_protection_office_in_another_town_of_the_country() -> None:
    answer = nearby_answer(*QUETZALTENANGO, "child_protection", "en")
    assert answer.country == "GT"
    assert "Casa Nuestras Raíces" in answer.nearby


def test_no_office_near_means_country_wide_lines_only() -> None:
    answer = nearby_answer(*LOS_ANGELES, None, "en")
    assert answer.country == "US" and answer.nearby == ""
    assert answer.country_lines.startswith("United States:")
    assert "Tijuana" not in answer.nearby


def test_far_from_every_known_town_no_country_is_guessed() -> None:
    assert country_at(*MID_ATLANTIC, load_places()) is None
    answer = nearby_answer(*MID_ATLANTIC, "find_shelter", "es")
    assert answer.nearby == "" and answer.country is None


def test_between_twin_border_towns_no_country_is_guessed() -> None:
    places = load_places()
    between_juarez_and_el_paso = (31.7420, -106.4650)
    assert country_at(*between_juarez_and_el_paso, places) is None
