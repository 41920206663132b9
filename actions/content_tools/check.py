"""`senda content check`: what staff must fix before content goes live, and what to look at.

Errors (exit code 1): an answer missing in a language; a translation whose
links, phone numbers or {placeholders} differ from the Spanish; an answer that
states a fact (a link or a phone number) without a source or a reviewed_on
date; a text too long for one Telegram message; a command description over
Telegram's limit; a directory entry with no source, a source without its page
date, a verified_on that is not a date or that differs from its newest source's
date while checked_by names nobody, an unknown type, country, audience or place
(responses/places.yml), or no way to reach it; a rumour that cannot be read or
whose answer does not exist; an answer the rules, stories or domain use that is
not written; a section name no tool reads (a typo such as `responces:`); an
answer whose review_by is later than its facts' status_date allows
(actions/content_tools/review_dates.py); a link over 100 characters (actions/content_tools/plain_language.py);
a town not in GeoNames (actions/content_tools/gazetteer.py); a text naming another language's
command (actions/content_tools/commands_check.py); a contact list with no number to call
or a {placeholder} left in what users read (actions/content_tools/render_check.py).
Warnings: answers past their review_by date, stale (fuzzy) translations, which
are shown in Spanish until updated, K'iche' drafts not yet reviewed by a native
speaker, emergency lines and other directory entries past their verification
window or with no dated source (users see them marked), information answers over
700 characters or with a sentence over 25 words, and rumours with no keywords or
examples in a language (not recognised in it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import Collection, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from actions.content.answers import SECTIONS, Content, iter_texts
from actions.content.catalogs import Catalogs
from actions.content.directory import AUDIENCE_ORDER, REGIONAL, TYPES, Resource
from actions.content.languages import language_config
from actions.content.places import Place
from actions.content.rumours import Rumour, rumour_problems
from actions.content.text import TELEGRAM_MAX_MESSAGE as MAX_MESSAGE
from actions.content.text import telegram_length
from actions.content.yaml_files import as_date
from actions.content_tools.commands_check import check_command_names
from actions.content_tools.patterns import PHONE, PLACEHOLDER, URL, tokens  # noqa: F401 (re-exported)
from actions.content_tools.plain_language import check_plain_language
from actions.content_tools.render_check import check_rendering
from actions.content_tools.report import ERROR, WARNING, Finding, Report
from actions.content_tools.review_dates import check_review_dates, past_due

MAX_COMMAND_DESCRIPTION = 256  # Telegram's limit for a command's description
COMMANDS = "utter_telegram_commands"
DRAFT_LANGUAGE = "quc"
# A glottal stop typed as ' ’ ‘ or ` between letters; the ALMG spelling is ʼ (U+02BC).
LOOSE_GLOTTAL = re.compile(r"(?<=\w)['’‘`´](?=\w)")


def _short(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= 50 else first[:47] + "…"


def check_translations(content: Content, catalogs: Catalogs, report: Report) -> None:
    config = language_config()
    drafts: Dict[str, Set[str]] = {}
    for context, source in iter_texts(content):
        for language in config.codes:
            if language == config.source:
                continue
            hit = catalogs.lookup(language, context, source)
            if hit is None:
                if (context, source) in catalogs.stale.get(language, set()):
                    report.add(
                        WARNING,
                        context,
                        f"stale translation (the Spanish changed), "
                        f"shown in Spanish until updated: «{_short(source)}»",
                        language,
                    )
                else:
                    report.add(ERROR, context, f"missing translation of «{_short(source)}»", language)
                continue
            for pattern, what in ((URL, "links"), (PHONE, "phone numbers"), (PLACEHOLDER, "placeholders")):
                if tokens(pattern, source) != tokens(pattern, hit.text):
                    report.add(
                        ERROR,
                        context,
                        f"{what} differ from the Spanish: "
                        f"{tokens(pattern, source)} ≠ {tokens(pattern, hit.text)}",
                        language,
                    )
            if telegram_length(hit.text) > MAX_MESSAGE:
                report.add(
                    ERROR,
                    context,
                    f"{telegram_length(hit.text)} characters, over Telegram's {MAX_MESSAGE} for one message",
                    language,
                )
            if language == DRAFT_LANGUAGE and LOOSE_GLOTTAL.search(hit.text):
                report.add(
                    WARNING,
                    context,
                    "glottal stop written as ' or ’: write ʼ (U+02BC), "
                    "as in kʼo, so every text reads the same",
                    language,
                )
            if hit.draft and language == DRAFT_LANGUAGE:
                drafts.setdefault(language, set()).add(context)
    for language, contexts in drafts.items():
        names = sorted(contexts)
        report.add(
            WARNING,
            f"{len(names)} texts",
            "unreviewed drafts (need a native "
            f"speaker's review): {', '.join(names[:8])}{' …' if len(names) > 8 else ''}",
            language,
        )


def check_sources_and_dates(content: Content, today: date, report: Report) -> None:
    for name, variations in content.responses.items():
        variation = variations[0]
        text = variation.get("text") or ""
        metadata = variation.get("metadata") or {}
        states_fact = bool(URL.search(text) or tokens(PHONE, text))
        if states_fact and not metadata.get("sources"):
            report.add(ERROR, name, "states a link or phone number but lists no source")
        if states_fact and not metadata.get("reviewed_on"):
            report.add(ERROR, name, "states a link or phone number but has no reviewed_on date")
        for key in ("reviewed_on", "review_by"):
            if metadata.get(key) and as_date(metadata.get(key)) is None:
                report.add(ERROR, name, f"{key} is not a date (write YYYY-MM-DD)")
        if telegram_length(text) > MAX_MESSAGE:
            report.add(
                ERROR,
                name,
                f"{telegram_length(text)} characters, over Telegram's {MAX_MESSAGE} for one message",
            )


def check_command_descriptions(content: Content, catalogs: Catalogs, report: Report) -> None:
    if COMMANDS not in content.responses:
        return
    for button in content.variation(COMMANDS).get("buttons") or []:
        texts: Iterable[tuple[Optional[str], str]] = [(None, button["title"])] + [
            (language, hit.text)
            for language in catalogs.by_language
            if (hit := catalogs.lookup(language, COMMANDS, button["title"])) is not None
        ]
        for language, text in texts:
            if not 1 <= len(text) <= MAX_COMMAND_DESCRIPTION:
                report.add(
                    ERROR,
                    COMMANDS,
                    f"description of {button['payload']} must be 1 to {MAX_COMMAND_DESCRIPTION} characters",
                    language,
                )


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


def check_rumours(
    rumours: Sequence[Rumour], skipped: Sequence[str], content: Content, report: Report
) -> None:
    for problem in skipped:
        report.add(ERROR, "rumours", f"{problem}: this rumour is not recognised until fixed")
    for problem in rumour_problems(rumours, content.responses, language_config().codes):
        rumour, _, what = problem.partition(": ")
        level = ERROR if what.startswith("answer ") else WARNING
        report.add(level, f"rumour {rumour}", what)


def used_answers(nlu: Path, domain_actions: Iterable[str]) -> Dict[str, str]:
    """utter_* names the model can predict, with where each is named: rules and stories
    (`- action: utter_x`) and the domain's actions list."""
    from actions.content.yaml_files import read_yaml

    used = {name: "the domain's actions" for name in domain_actions if name.startswith("utter_")}
    for path in sorted(nlu.rglob("*.yml")):
        data = read_yaml(path)
        for kind in ("rules", "stories"):
            for flow in data.get(kind) or []:
                for step in (flow.get("steps") or []) if isinstance(flow, dict) else []:
                    name = step.get("action") if isinstance(step, dict) else None
                    if isinstance(name, str) and name.startswith("utter_"):
                        used.setdefault(name, f"nlu/{path.relative_to(nlu)}")
    return used


def check_references(content: Content, used: Mapping[str, str], report: Report) -> None:
    for file, key in content.unknown_sections:
        close = get_close_matches(key, sorted(SECTIONS), n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        report.add(ERROR, file, f"unknown section `{key}`{hint}: nothing in it is read")
    for name, where in sorted(used.items()):
        if name not in content.responses:
            report.add(
                ERROR,
                name,
                f"used in {where} but not written in responses/: users would get the service-error reply",
            )


def check_content(
    content: Content,
    catalogs: Catalogs,
    today: Optional[date] = None,
    directory: Optional[Sequence[Resource]] = None,
    places: Optional[Collection[str] | Mapping[str, Place]] = None,
    rumours: Tuple[Sequence[Rumour], Sequence[str]] = ((), ()),
    used: Optional[Mapping[str, str]] = None,
) -> Report:
    """Check content already loaded (tests pass small fixtures). `directory` None: the
    directory and the rendered answers are not checked; `places` None: the towns are not
    checked (names only: a resource's towns are; the towns themselves: against GeoNames)."""
    report = Report()
    check_translations(content, catalogs, report)
    check_sources_and_dates(content, today or date.today(), report)
    check_review_dates(content, report)
    check_plain_language(content, directory or (), report)
    due = past_due(content, today or date.today())
    if due:
        report.add(
            WARNING,
            f"{len(due)} answers",
            "past their review date: check the facts "
            "are still true, then move status_date and review_by: " + ", ".join(due),
        )
    check_command_descriptions(content, catalogs, report)
    check_directory(directory or (), today or date.today(), report, places)
    if isinstance(places, Mapping):  # places.yml's towns: their centres against GeoNames
        from actions.content_tools.gazetteer import place_problems

        report.findings += [Finding(ERROR, where, what) for where, what in place_problems(places)]
    check_rumours(rumours[0], rumours[1], content, report)
    check_references(content, used or {}, report)
    check_command_names(content, catalogs, report)
    if directory is not None:  # every answer as users get it, with that directory
        check_rendering(content, catalogs, directory, report)
    return report


def check_working_content(root: Optional[Path] = None, today: Optional[date] = None) -> Report:
    """Check what staff are editing: responses/ and locales/ of the project (or `root`)."""
    from actions.content.answers import load_content
    from actions.content.catalogs import load_catalogs
    from actions.content.directory import load_directory
    from actions.content.paths import project_root, responses_dir
    from actions.content.places import load_places
    from actions.content.rumours import read_rumours
    from actions.content.yaml_files import read_yaml

    folder = root / "responses" if root else responses_dir()
    content = load_content(folder)
    domain = (
        [str(a) for a in (read_yaml(folder / "domain.yml").get("actions") or [])]
        if (folder / "domain.yml").exists()
        else []
    )
    return check_content(
        content,
        load_catalogs(root / "locales" if root else None),
        today,
        directory=load_directory(folder),
        places=load_places(folder),
        rumours=read_rumours(folder),
        used=used_answers((root or project_root()) / "nlu", domain),
    )
