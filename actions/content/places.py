"""Help near a shared location: the nearest resources for a need, with distances.

The directory records the town or city each office is in (responses/places.yml
holds their centres, GeoNames' points for each town's GeoNames id), not street
coordinates, so a distance is measured to the town's centre and said to be
approximate. The coordinates are only used for distances, never shown, so the
GeoNames credit (CC BY 4.0) lives in places.yml and the README. The location
itself is only used to compute this reply.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from babel.numbers import format_decimal

from actions.content.directory import (
    REGIONAL,
    TOPIC_TYPES,
    Resource,
    directory_store,
)
from actions.content.directory_render import Marks, country_name, format_line, no_phone_line
from actions.content.languages import language_config
from actions.content.once import once
from actions.content.paths import live_responses_dir, responses_dir
from actions.content.reloading import Reloading
from actions.content.yaml_files import ContentError, read_yaml, section, text_field

# Farther than this from every known town, Senda does not guess a country.
MAX_COUNTRY_KM = 400.0
# Offices farther than this are not "near".
MAX_NEAR_KM = 300.0
# Another country's town this much farther than the nearest town: too close to tell.
BORDER_MARGIN_KM = 15.0
NEAR_LIMIT = 3
# Kinds of help shown when the user did not say which (children's services first).
DEFAULT_TYPES: Tuple[str, ...] = ("child_protection", "shelter", "legal_aid", "health", "returnee_reception")


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    country: str
    lat: float
    lon: float
    geonameid: Optional[int] = None  # None: not written yet (`senda content check` says so)


@dataclass(frozen=True)
class Near:
    resource: Resource
    place: Place
    km: float


def places_file(folder: Path | None = None) -> Path:
    return (folder or responses_dir()) / "places.yml"


def load_places(folder: Path | None = None) -> Dict[str, Place]:
    """Town centres by key; a ContentError names the place of a wrong shape."""
    path = places_file(folder)
    if not path.exists():
        return {}
    places = {}
    for key, entry in section(path, read_yaml(path), "places", dict).items():
        where = f"place {key}"
        if not isinstance(entry, dict):
            raise ContentError(path, where, "needs name, country, geonameid, lat and lon")
        try:
            lat, lon = float(entry["lat"]), float(entry["lon"])
        except (KeyError, TypeError, ValueError):
            raise ContentError(path, where, "`lat` and `lon` must be numbers (decimal degrees)")
        places[key] = Place(
            id=key,
            name=text_field(path, where, entry, "name"),
            country=text_field(path, where, entry, "country").upper(),
            lat=lat,
            lon=lon,
            geonameid=_geonameid(path, where, entry),
        )
    return places


def _geonameid(path: Path, where: str, entry: Dict[str, object]) -> Optional[int]:
    value = entry.get("geonameid")
    if value is None:
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ContentError(
            path, where, "`geonameid` must be a whole number: the town's number on www.geonames.org"
        )
    return value


@once
def places_store() -> Reloading[Dict[str, Place]]:
    return Reloading(lambda: [places_file(live_responses_dir())], lambda: load_places(live_responses_dir()))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def country_at(lat: float, lon: float, places: Dict[str, Place]) -> Optional[str]:
    """The country of the nearest known town, if one is near enough and no town of
    another country is almost as near (twin border towns: Juárez and El Paso)."""
    ranked = sorted(places.values(), key=lambda p: distance_km(lat, lon, p.lat, p.lon))
    if not ranked or distance_km(lat, lon, ranked[0].lat, ranked[0].lon) > MAX_COUNTRY_KM:
        return None
    best = ranked[0]
    nearest_km = distance_km(lat, lon, best.lat, best.lon)
    other = next((p for p in ranked if p.country != best.country), None)
    if other and distance_km(lat, lon, other.lat, other.lon) - nearest_km < BORDER_MARGIN_KM:
        return None
    return best.country


def types_for(need: Optional[str]) -> Tuple[str, ...]:
    return TOPIC_TYPES.get(need or "", DEFAULT_TYPES)


def nearest(
    resources: Sequence[Resource],
    places: Dict[str, Place],
    lat: float,
    lon: float,
    types: Sequence[str],
    country: Optional[str],
    limit: int = NEAR_LIMIT,
) -> List[Near]:
    """The nearest offices of these types, in the user's country when it is known:
    sending someone across a border to reach help is not Senda's call to make."""
    found: List[Near] = []
    for resource in resources:
        if resource.type not in types or (country and resource.country != country):
            continue
        candidates = [places[key] for key in resource.places if key in places]
        if not candidates:
            continue
        place = min(candidates, key=lambda p: distance_km(lat, lon, p.lat, p.lon))
        km = distance_km(lat, lon, place.lat, place.lon)
        if km <= MAX_NEAR_KM:
            found.append(Near(resource, place, km))
    return sorted(found, key=lambda n: n.km)[:limit]


def _km(km: float, language: str) -> str:
    locale = language_config().get(language).babel_locale
    return format_decimal(round(km) if km >= 10 else round(km, 1), locale=locale)


def format_near(near: Near, language: str, marks: Marks = Marks()) -> str:
    distance = f"≈ {_km(near.km, language)} km · {near.place.name}"
    return f"{format_line(near.resource, language, marks)}\n   {distance}"


@dataclass
class NearbyAnswer:
    nearby: str  # the nearest offices, with distances; empty if none
    country_lines: str  # lines that serve the whole country (phones, web), and regional ones
    country: Optional[str]


def nearby_answer(
    lat: float, lon: float, need: Optional[str], language: str, marks: Marks = Marks(), no_phone: str = ""
) -> NearbyAnswer:
    """`marks` say which entries are not current (see format_line); `no_phone`
    ("☎ Emergency: {phone}") ends the country lines when nothing shown has a phone."""
    resources = directory_store().get()
    places = places_store().get()
    types = types_for(need)
    country = country_at(lat, lon, places)
    near = nearest(resources, places, lat, lon, types, country)
    shown = {n.resource.id for n in near}
    wanted = {country, REGIONAL} if country else {REGIONAL}
    others = [
        r
        for r in resources
        if r.type in types and r.country in wanted and r.id not in shown and not r.places and r.reachable
    ]
    # the directory's order among equals, as in every list (directory_render.select)
    others.sort(key=lambda r: (types.index(r.type), r.country == REGIONAL))
    lines = "\n".join(format_line(r, language, marks) for r in others)
    if lines and country:
        lines = f"{country_name(country, language)}:\n{lines}"
    last = no_phone_line([n.resource for n in near] + others, resources, country, language, no_phone)
    lines = "\n".join(part for part in (lines, last) if part)
    return NearbyAnswer(
        nearby="\n".join(format_near(n, language, marks) for n in near), country_lines=lines, country=country
    )
