"""`senda content check`: every translation, against its Spanish text.

An error: a translation missing, or whose links, phone numbers or {placeholders}
differ from the Spanish, or too long for one Telegram message. Warnings: a stale
(fuzzy) translation, shown in Spanish until updated; a K'iche' glottal stop typed as
an apostrophe; K'iche' drafts not yet reviewed by a native speaker (one warning).
"""

from __future__ import annotations

import re
from typing import Dict, Set

from actions.content.answers import Content, iter_texts
from actions.content.catalogs import Catalogs
from actions.content.languages import language_config
from actions.content.text import TELEGRAM_MAX_MESSAGE as MAX_MESSAGE
from actions.content.text import telegram_length
from actions.content_tools.patterns import PHONE, PLACEHOLDER, URL, tokens
from actions.content_tools.report import ERROR, WARNING, Report

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
