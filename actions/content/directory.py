"""The directory of protection resources (responses/resources.yml) and its rendering.

An answer whose text holds {resources} gets the organisations that fit its topic,
for the user's country, as plain lines: name, phone, WhatsApp, link. Children's
and families' services come first. Names stay as the organisations write them.

Every entry lists its sources with their page dates, and `verified_on`: the day
a person checked it (`checked_by`), or else the newest source's date, so an
entry nobody has checked shows its age. Past the directory's verification
window (`verification_window_days`), or with no date at all, it is still listed
(an emergency line rarely changes, and hiding it could cost more) but never as
current: its line says since when it is unverified, and `content check` warns.

A contact list never ends without a number to call: when none of the resources
shown for a need has a phone, the list ends with a line (content:
utter_resource_no_phone) giving the country's emergency number, the first
`type: emergency` entry with a phone listed for that country; with no country
chosen, every country's, grouped by number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

from babel import Locale
from babel.dates import format_date

from actions.content.languages import language_config
from actions.content.once import once
from actions.content.paths import live_responses_dir, responses_dir
from actions.content.reloading import Reloading
from actions.content.yaml_files import ContentError, as_date, read_yaml, section, text_field

REGIONAL = "REGIONAL"
DEFAULT_WINDOW_DAYS = 180
UNVERIFIED_NOTE = "utter_resource_unverified"  # "⚠️ not verified since {date}"
UNDATED_NOTE = "utter_resource_undated"  # "⚠️ not verified" (no source shows a date)
NO_PHONE_NOTE = "utter_resource_no_phone"  # "☎ Emergency: {phone}"

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
AUDIENCE_ORDER = {"children": 0, "families": 1, "women": 2, "all": 3}
# "information": consular and information lines, named in answers, not listed by topic.
TYPES = tuple(sorted({t for types in TOPIC_TYPES.values() for t in types} | {"information"}))


@dataclass(frozen=True)
class Source:
    url: str
    page_date: str  # as the page shows it: "2025-12-24", "not shown (2016 content)"…

    @property
    def date(self) -> Optional[date]:
        return page_date_of(self.page_date)


# The first date a page_date names: 2025-12-24, 18/04/2024, 2017-07, or a bare year.
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def page_date_of(text: str) -> Optional[date]:
    """The first date a page_date names, at the start of its period (2017-07 is 1 July);
    an impossible one (2025-13-40) is skipped; None if it names none."""
    for pattern, parts in (
        (_DAY, (1, 2, 3)),
        (_DMY, (3, 2, 1)),
        (_MONTH, (1, 2, None)),
        (_YEAR, (1, None, None)),
    ):
        for m in pattern.finditer(text):
            year, month, day = (int(m[i]) if i else 1 for i in parts)
            try:
                return date(year, month, day)
            except ValueError:
                continue
    return None


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
    # The last day it counts as verified (verified_on + the directory's window).
    verified_until: Optional[date] = None
    sources: Tuple[Source, ...] = ()  # the pages its facts were read from
    checked_by: Optional[str] = None  # who checked it live (then verified_on is that day)
    verified_on_text: Optional[str] = None  # as written, to name a date that does not parse

    @property
    def source(self) -> Optional[str]:
        return self.sources[0].url if self.sources else None

    @property
    def newest_source_date(self) -> Optional[date]:
        dates = [d for d in (s.date for s in self.sources) if d]
        return max(dates) if dates else None

    @property
    def reachable(self) -> bool:
        return bool(self.phone or self.whatsapp or self.url or self.address)

    def current(self, today: Optional[date] = None) -> bool:
        return self.verified_until is not None and (today or date.today()) <= self.verified_until


def directory_file(folder: Path | None = None) -> Path:
    return (folder or responses_dir()) / "resources.yml"


def load_directory(folder: Path | None = None) -> List[Resource]:
    """The directory; a ContentError names the entry of a wrong shape."""
    path = directory_file(folder)
    if not path.exists():
        return []
    data = read_yaml(path)
    try:
        window = timedelta(days=int(data.get("verification_window_days") or DEFAULT_WINDOW_DAYS))
    except (TypeError, ValueError):
        raise ContentError(path, "verification_window_days", "must be a number of days")
    resources = []
    for number, entry in enumerate(section(path, data, "resources", list), start=1):
        resources.append(_resource(path, number, entry, window))
    return resources


def _resource(path: Path, number: int, entry: Any, window: timedelta) -> Resource:
    if not isinstance(entry, dict):
        raise ContentError(path, f"resource #{number}", "an entry starts with `- id:`")
    where = f"resource #{number} ({entry.get('id') or 'no id'})"
    serves = entry.get("serves") or ["all"]
    places = entry.get("places") or []
    # `sources:` is a list of pages; a single `source:` (url, page_date) is read as one.
    sources = entry.get("sources") or ([entry["source"]] if entry.get("source") else [])
    if (
        not isinstance(places, list)
        or not isinstance(sources, list)
        or not all(isinstance(s, dict) for s in sources)
    ):
        raise ContentError(
            path,
            where,
            "`places` is a list of town names and `sources` a "
            "list of pages, each with `url:` and `page_date:`",
        )
    verified_on = as_date(entry.get("verified_on"))
    optional = {
        key: text_field(path, where, entry, key, required=False) or None
        for key in ("phone", "whatsapp", "url", "address")
    }
    return Resource(
        id=text_field(path, where, entry, "id"),
        country=text_field(path, where, entry, "country").upper(),
        type=text_field(path, where, entry, "type"),
        name=text_field(path, where, entry, "name"),
        serves=tuple(str(s) for s in (serves if isinstance(serves, list) else [serves])),
        verified_on=verified_on,
        places=tuple(str(p) for p in places),
        verified_until=verified_on + window if verified_on else None,
        sources=tuple(
            Source(url=str(s.get("url") or ""), page_date=str(s.get("page_date") or "")) for s in sources
        ),
        checked_by=text_field(path, where, entry, "checked_by", required=False) or None,
        verified_on_text=str(entry["verified_on"]) if entry.get("verified_on") else None,
        **optional,
    )


@once
def directory_store() -> Reloading[List[Resource]]:
    """The published directory the assistant answers from."""
    return Reloading(
        lambda: [directory_file(live_responses_dir())], lambda: load_directory(live_responses_dir())
    )


def country_name(code: str, language: str) -> str:
    """Country name in the user's language, from CLDR via Babel."""
    return _locale(language).territories.get(code, code)


def select(resources: Sequence[Resource], topic: str, country: Optional[str]) -> List[Resource]:
    """Resources for a topic in one country (plus regional ones); children first, then in
    the directory's own order (staff put a country's main line first: 911 before 089)."""
    types = TOPIC_TYPES.get(topic, ())
    wanted = {country, REGIONAL} if country else {REGIONAL}
    if topic == "emergency":
        wanted.discard(REGIONAL)
    chosen = [r for r in resources if r.type in types and r.country in wanted and r.reachable]
    if topic == "emergency":
        chosen = [r for r in chosen if r.phone]
    return sorted(  # stable: ties keep the directory's order
        chosen, key=lambda r: (types.index(r.type), min(AUDIENCE_ORDER.get(s, 3) for s in r.serves))
    )


@dataclass(frozen=True)
class Marks:
    """How a line says it is not current: `since` ("⚠️ not verified since {date}") past
    the verification window, `undated` ("⚠️ not verified") when no source shows a date.
    Both are content texts in the user's language (actions/content/render.py)."""

    since: str = ""
    undated: str = ""

    def of(self, resource: Resource, language: str) -> str:
        if resource.verified_on is None:
            return self.undated
        if not self.since or resource.current():
            return ""
        when = format_date(resource.verified_on, "LLLL y", locale=_locale(language))
        return self.since.replace("{date}", when)


def format_line(resource: Resource, language: str = "", marks: Marks = Marks()) -> str:
    """One resource as a line; `marks` say when it is not current."""
    parts = [resource.name]
    if resource.phone:
        parts.append(f"☎ {resource.phone}")
    if resource.whatsapp:
        parts.append(f"WhatsApp {resource.whatsapp}")
    if resource.url:
        parts.append(resource.url)
    if resource.address:
        parts.append(f"📍 {resource.address}")
    mark = marks.of(resource, language)
    if mark:
        parts.append(mark)
    return "• " + " · ".join(parts)


def _locale(language: str) -> Locale:
    code = language or language_config().source
    return Locale.parse(language_config().get(code).babel_locale)


def emergency_phone(resources: Sequence[Resource], country: str) -> Optional[str]:
    """A country's emergency number: its first `type: emergency` entry with a phone."""
    return next(
        (r.phone for r in resources if r.country == country and r.type == "emergency" and r.phone), None
    )


def emergency_phones(resources: Sequence[Resource], country: Optional[str], language: str) -> str:
    """What to call when a list has no phone: the country's emergency number; with no
    country every country's, grouped by number: "911 (México, Honduras…) · 110 (Guatemala)"."""
    if country:
        return emergency_phone(resources, country) or ""
    by_phone: Dict[str, List[str]] = {}
    for code in language_config().countries:
        phone = emergency_phone(resources, code)
        if phone:
            by_phone.setdefault(phone, []).append(country_name(code, language))
    return " · ".join(f"{phone} ({', '.join(names)})" for phone, names in by_phone.items())


def no_phone_line(
    shown: Sequence[Resource],
    resources: Sequence[Resource],
    country: Optional[str],
    language: str,
    template: str,
) -> str:
    """`template` ("☎ Emergency: {phone}") with the emergency number(s), when nothing shown has
    a phone; empty when something has one (or the directory knows no emergency number)."""
    if not template or any(r.phone for r in shown):
        return ""
    phones = emergency_phones(resources, country, language)
    return template.replace("{phone}", phones) if phones else ""


def render_resources(
    topic: str,
    country: Optional[str],
    language: str,
    marks: Marks = Marks(),
    resources: Optional[Sequence[Resource]] = None,
    no_phone: str = "",
) -> str:
    """The {resources} block of an answer (from the live directory unless `resources` is
    given). Emergency with no country lists all countries. `marks` say which entries are
    not current; `no_phone` ("… {phone}") ends a list that has no phone number."""
    if resources is None:
        resources = directory_store().get()
    if topic == "emergency" and not country:
        blocks = []
        for code in language_config().countries:
            lines = [
                format_line(r, language, marks)
                for r in resources
                if r.country == code and r.type == "emergency" and r.phone
            ]
            if lines:
                blocks.append(f"{country_name(code, language)}:\n" + "\n".join(lines))
        return "\n".join(blocks)
    chosen = select(resources, topic, country)
    lines = [format_line(r, language, marks) for r in chosen]
    if lines and country:
        lines.insert(0, f"{country_name(country, language)}:")
    last = no_phone_line(chosen, resources, country, language, no_phone)
    return "\n".join(lines + ([last] if last else []))
