"""The dashboard's own words in Spanish and English: gettext catalogs
locales/<lang>/LC_MESSAGES/dashboard.po, compiled in memory at start (no .mo to build
or commit). Message ids are English; the English catalog may refine the wording."""

from __future__ import annotations

import gettext
import io
from functools import lru_cache
from pathlib import Path
from typing import Dict, Optional, Sequence

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "dashboard"
UI_LANGUAGES = ("es", "en")
DEFAULT_LANGUAGE = "es"
LANGUAGE_COOKIE = "senda_ui_lang"


def catalog_path(locales: Path, language: str) -> Path:
    return locales / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(locales: Path) -> Dict[str, gettext.NullTranslations]:
    """One translations object per UI language; a missing catalog falls back to the ids."""
    result: Dict[str, gettext.NullTranslations] = {}
    for language in UI_LANGUAGES:
        path = catalog_path(locales, language)
        if not path.exists():
            result[language] = gettext.NullTranslations()
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=DOMAIN)
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        compiled.seek(0)
        result[language] = gettext.GNUTranslations(compiled)
    return result


def negotiate(
    chosen: Optional[str],
    cookie: Optional[str],
    accept_language: Optional[str],
    available: Sequence[str] = UI_LANGUAGES,
) -> str:
    """The query's ?lang=, else the remembered choice, else the browser's first
    language we have, else Spanish."""
    for value in (chosen, cookie):
        if value is not None and value in available:
            return value
    weighted = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        weighted.append((-quality, position, tag.strip().split("-")[0].lower()))
    for _, _, language in sorted(weighted):
        if language in available:
            return language
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=16)
def babel_locale(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)
