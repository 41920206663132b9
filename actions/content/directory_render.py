"""The directory in an answer: which resources fit a topic, and how each reads.

An answer whose text holds {resources} gets the organisations that fit its topic,
for the user's country, as plain lines: name, phone, WhatsApp, link. Children's
and families' services come first. Names stay as the organisations write them.
An entry not verified within the directory's window (actions/content/directory.py)
is still listed, its line marked.

A contact list never ends without a number to call: when none of the resources
shown for a need has a phone, the list ends with a line (content:
utter_resource_no_phone) giving the country's emergency number, the first
`type: emergency` entry with a phone listed for that country; with no country
chosen, every country's, grouped by number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from babel import Locale
from babel.dates import format_date

from actions.content.directory import AUDIENCE_ORDER, REGIONAL, TOPIC_TYPES, Resource, directory_store
from actions.content.languages import language_config


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
