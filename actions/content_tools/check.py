"""`senda content check`: what staff must fix before content goes live, and what to look at.

This module gathers the checks, each in the module of its concern, and checks the
answers' own facts and the command descriptions itself.

Errors (exit code 1): an answer missing in a language; a translation whose
links, phone numbers or {placeholders} differ from the Spanish
(actions/content_tools/translations_check.py); an answer that
states a fact (a link or a phone number) without a source or a reviewed_on
date; a text too long for one Telegram message; a command description over
Telegram's limit; a directory entry with no source, a source without its page
date, a verified_on that is not a date or that differs from its newest source's
date while checked_by names nobody, an unknown type, country, audience or place
(responses/places.yml), or no way to reach it (actions/content_tools/directory_check.py);
a rumour that cannot be read or whose answer does not exist; an answer the rules,
stories or domain use that is not written; a section name no tool reads (a typo such
as `responces:`) (actions/content_tools/references_check.py); an
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

from datetime import date
from pathlib import Path
from typing import Collection, Iterable, Mapping, Optional, Sequence, Tuple

from actions.content.answers import Content
from actions.content.catalogs import Catalogs
from actions.content.directory import Resource
from actions.content.places import Place
from actions.content.rumours import Rumour
from actions.content.text import TELEGRAM_MAX_MESSAGE as MAX_MESSAGE
from actions.content.text import telegram_length
from actions.content.yaml_files import as_date
from actions.content_tools.commands_check import check_command_names
from actions.content_tools.directory_check import check_directory
from actions.content_tools.patterns import PHONE, URL, tokens
from actions.content_tools.plain_language import check_plain_language
from actions.content_tools.references_check import check_references, check_rumours, used_answers
from actions.content_tools.render_check import check_rendering
from actions.content_tools.report import ERROR, WARNING, Finding, Report
from actions.content_tools.review_dates import check_review_dates, past_due
from actions.content_tools.translations_check import check_translations

MAX_COMMAND_DESCRIPTION = 256  # Telegram's limit for a command's description
COMMANDS = "utter_telegram_commands"


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
