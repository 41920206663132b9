"""`senda content check`: the directory of protection resources (responses/resources.yml).

Errors: an id used twice; an entry with no source, or a source without its url or
page date; a verified_on that is not a date, in the future, or that differs from its
newest source's date while checked_by names nobody; an unknown type, country or
audience; no way to reach it; a town not in responses/places.yml. Warnings: the
entries users see marked as not verified (past the verification window, or with no
dated source), one warning per kind and the emergency lines apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Collection, List, Optional, Sequence, Set

from actions.content.directory import AUDIENCE_ORDER, REGIONAL, TYPES, Resource
from actions.content.languages import language_config
from actions.content_tools.report import ERROR, WARNING, Report


def check_directory(
    resources: Sequence[Resource], today: date, report: Report, places: Optional[Collection[str]] = None
) -> None:
    countries = set(language_config().countries) | {REGIONAL}
    seen: Set[str] = set()
    unchecked = Unchecked()
    for resource in resources:
        where = f"resource {resource.id}"
        if resource.id in seen:
            report.add(ERROR, where, "the same id is used twice in resources.yml")
        seen.add(resource.id)
        if not resource.source:
            report.add(
                ERROR,
                where,
                "no source: add under sources: the page its facts come "
                "from (url:) and the date the page shows (page_date:)",
            )
        for source in resource.sources:
            if not source.url or not source.page_date:
                report.add(
                    ERROR,
                    where,
                    f"source {source.url or '(no url)'}: write both url: "
                    'and page_date: (the date the page shows, or "not shown")',
                )
        check_verified_on(resource, today, report, unchecked)
        if resource.type not in TYPES:
            report.add(ERROR, where, f"unknown type {resource.type!r} (use one of {', '.join(TYPES)})")
        if resource.country not in countries:
            report.add(
                ERROR,
                where,
                f"unknown country {resource.country!r} (use one of {', '.join(sorted(countries))})",
            )
        unknown = [s for s in resource.serves if s not in AUDIENCE_ORDER]
        if unknown:
            report.add(ERROR, where, f"serves {', '.join(unknown)}: use children, families, women or all")
        if not resource.reachable:
            report.add(ERROR, where, "no phone, WhatsApp, link or address: users could not reach it")
        missing = [p for p in resource.places if places is not None and p not in places]
        if missing:
            report.add(
                ERROR,
                where,
                f"places {', '.join(missing)} are not in places.yml: "
                "add the town there (with its geonameid) or fix the name",
            )
    unchecked.report(report)


def check_verified_on(resource: Resource, today: date, report: Report, unchecked: "Unchecked") -> None:
    """verified_on is the day a person checked (checked_by), else the newest source's date."""
    where = f"resource {resource.id}"
    newest = resource.newest_source_date
    if resource.verified_on is None:
        if resource.verified_on_text:
            report.add(
                ERROR, where, f"verified_on {resource.verified_on_text!r} is not a date (write YYYY-MM-DD)"
            )
        elif resource.checked_by:
            report.add(
                ERROR,
                where,
                f"checked_by {resource.checked_by} but no verified_on: write the day it was checked",
            )
        elif newest:
            report.add(
                ERROR,
                where,
                f"no verified_on: write {newest.isoformat()}, the date of "
                "its newest source, until someone checks it",
            )
        else:
            unchecked.add(resource, resource.id, undated=True)
        return
    if resource.verified_on > today:
        report.add(ERROR, where, f"verified_on {resource.verified_on.isoformat()} is in the future")
    elif not resource.checked_by and resource.verified_on != newest:
        shown = newest.isoformat() if newest else "none shows a date"
        later = "later than" if newest is None or resource.verified_on > newest else "not"
        report.add(
            ERROR,
            where,
            f"verified_on {resource.verified_on.isoformat()} is {later} "
            f"its newest source's date ({shown}) and checked_by names nobody: write the "
            "source's date (null if none), or who checked it live and when",
        )
    if not resource.current(today):
        unchecked.add(resource, f"{resource.id} ({resource.verified_on.isoformat()})")


@dataclass
class Unchecked:
    """Entries users see marked as not verified: one warning per kind, not per entry, and
    the emergency lines apart (a person in danger reads them first)."""

    emergency: List[str] = field(default_factory=list)  # type emergency, stale or undated
    stale: List[str] = field(default_factory=list)  # past the verification window
    undated: List[str] = field(default_factory=list)  # no source shows a date

    def add(self, resource: Resource, label: str, undated: bool = False) -> None:
        if resource.type == "emergency":
            self.emergency.append(label)
        else:
            (self.undated if undated else self.stale).append(label)

    def report(self, report: Report) -> None:
        if self.emergency:
            report.add(
                WARNING,
                f"{len(self.emergency)} emergency lines",
                "nobody has checked "
                "them within the verification window, and a person in danger sees them "
                "marked as not verified: call each one, then write verified_on and "
                "checked_by: " + ", ".join(self.emergency),
            )
        if self.stale:
            report.add(
                WARNING,
                f"{len(self.stale)} resources",
                "not verified within the "
                "verification window (users see them marked): call or open the live "
                "page, then write verified_on and checked_by: " + ", ".join(self.stale),
            )
        if self.undated:
            report.add(
                WARNING,
                f"{len(self.undated)} resources",
                "no source shows a date and "
                "nobody has checked them (users see them marked as not verified): " + ", ".join(self.undated),
            )
