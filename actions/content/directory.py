"""The directory of protection resources (responses/resources.yml): its entries as read.

Every entry lists its sources with their page dates, and `verified_on`: the day
a person checked it (`checked_by`), or else the newest source's date, so an
entry nobody has checked shows its age. Past the directory's verification
window (`verification_window_days`), or with no date at all, it is still listed
(an emergency line rarely changes, and hiding it could cost more) but never as
current: its line says since when it is unverified, and `content check` warns.
How the entries read in an answer is actions/content/directory_render.py's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

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
