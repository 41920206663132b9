"""The directory of protection resources (responses/resources.yml) and its rendering.

An answer whose text holds {resources} gets the organisations that fit its topic,
for the user's country, as plain lines: name, phone, WhatsApp, link. Children's
and families' services come first. Names stay as the organisations write them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml
from babel import Locale

from actions.languages import language_config
from actions.paths import responses_dir
from actions.reloading import Reloading

REGIONAL = "REGIONAL"

# Which kinds of resource answer which topic.
TOPIC_TYPES: Dict[str, Tuple[str, ...]] = {
    "emergency": ("emergency", "child_protection", "anti_trafficking"),
    "find_shelter": ("shelter",),
    "legal_aid": ("legal_aid",),
    "gbv_support": ("gbv",),
    "health_care": ("health",),
    "returnee_support": ("returnee_reception",),
    "family_tracing": ("family_tracing",),
    "child_protection": ("child_protection",),
}
_PRIORITY = {"children": 0, "families": 1, "women": 2, "all": 3}


@dataclass(frozen=True)
class Resource:
    id: str
    country: str
    type: str
    name: str
    phone: Optional[str]
    whatsapp: Optional[str]
    url: Optional[str]
    address: Optional[str]
    serves: Tuple[str, ...]
    verified_on: Optional[date]
    # Towns or cities where it is (keys of responses/places.yml); none for phone lines.
    places: Tuple[str, ...] = ()

    @property
    def reachable(self) -> bool:
        return bool(self.phone or self.whatsapp or self.url or self.address)


def directory_file() -> Path:
    return responses_dir() / "resources.yml"


def _as_date(value: Any) -> Optional[date]:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)) if value else None


def load_directory() -> List[Resource]:
    path = directory_file()
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    resources = []
    for entry in data.get("resources") or []:
        serves = entry.get("serves") or ["all"]
        resources.append(
            Resource(
                id=entry["id"],
                country=str(entry["country"]).upper(),
                type=entry["type"],
                name=entry["name"],
                phone=entry.get("phone"),
                whatsapp=entry.get("whatsapp"),
                url=entry.get("url"),
                address=entry.get("address"),
                serves=tuple(serves if isinstance(serves, list) else [serves]),
                verified_on=_as_date(entry.get("verified_on")),
                places=tuple(entry.get("places") or ()),
            )
        )
    return resources


@lru_cache(maxsize=1)
def directory_store() -> Reloading[List[Resource]]:
    return Reloading(lambda: [directory_file()], load_directory)


def country_name(code: str, language: str) -> str:
    """Country name in the user's language, from CLDR via Babel."""
    locale = Locale.parse(language_config().get(language).babel_locale)
    return locale.territories.get(code, code)


def select(resources: Sequence[Resource], topic: str, country: Optional[str]) -> List[Resource]:
    """Resources for a topic in one country (plus regional ones); children first."""
    types = TOPIC_TYPES.get(topic, ())
    wanted = {country, REGIONAL} if country else {REGIONAL}
    if topic == "emergency":
        wanted.discard(REGIONAL)
    chosen = [r for r in resources if r.type in types and r.country in wanted and r.reachable]
    if topic == "emergency":
        chosen = [r for r in chosen if r.phone]
    return sorted(
        chosen,
        key=lambda r: (types.index(r.type), min(_PRIORITY.get(s, 3) for s in r.serves), r.name),
    )


def format_line(resource: Resource) -> str:
    parts = [resource.name]
    if resource.phone:
        parts.append(f"☎ {resource.phone}")
    if resource.whatsapp:
        parts.append(f"WhatsApp {resource.whatsapp}")
    if resource.url:
        parts.append(resource.url)
    if resource.address:
        parts.append(f"📍 {resource.address}")
    return "• " + " · ".join(parts)


def render_resources(topic: str, country: Optional[str], language: str) -> str:
    """The {resources} block of an answer. Emergency with no country lists all countries."""
    resources = directory_store().get()
    if topic == "emergency" and not country:
        blocks = []
        for code in language_config().countries:
            lines = [format_line(r) for r in resources
                     if r.country == code and r.type == "emergency" and r.phone]
            if lines:
                blocks.append(f"{country_name(code, language)}:\n" + "\n".join(lines))
        return "\n".join(blocks)
    chosen = select(resources, topic, country)
    if not chosen:
        return ""
    header = f"{country_name(country, language)}:\n" if country else ""
    return header + "\n".join(format_line(r) for r in chosen)
