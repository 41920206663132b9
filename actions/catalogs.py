"""Translations: gettext catalogs in locales/<lang>/LC_MESSAGES/responses.po, read with Babel.

A message is keyed by (context, Spanish source): the context is the response
name, so the same Spanish sentence can be translated differently per answer.
Fuzzy entries (source changed since translation) are stale and never used.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from babel.messages.pofile import read_po

from actions.languages import language_config
from actions.paths import locales_dir
from actions.reloading import Reloading

DOMAIN = "responses"
Key = Tuple[Optional[str], str]


@dataclass
class Translation:
    text: str
    draft: bool


@dataclass
class Catalogs:
    by_language: Dict[str, Dict[Key, Translation]] = field(default_factory=dict)
    # Translations whose Spanish changed since (fuzzy): never shown, listed by checks.
    stale: Dict[str, Set[Key]] = field(default_factory=dict)

    def lookup(self, language: str, context: Optional[str], source: str) -> Optional[Translation]:
        return self.by_language.get(language, {}).get((context, source))


def catalog_path(language: str, root: Path | None = None) -> Path:
    return (root or locales_dir()) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_files() -> List[Path]:
    config = language_config()
    return [catalog_path(code) for code in config.codes if code != config.source]


def _is_draft(comments: List[str]) -> bool:
    return any(comment.strip().lower().startswith("status: draft") for comment in comments)


def load_catalogs() -> Catalogs:
    catalogs = Catalogs()
    config = language_config()
    for code in config.codes:
        if code == config.source:
            continue
        path = catalog_path(code)
        entries: Dict[Key, Translation] = {}
        stale: Set[Key] = set()
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=None, domain=DOMAIN)
            for message in catalog:
                if message.id and message.fuzzy and message.string:
                    stale.add((message.context, str(message.id)))
                if not message.id or message.fuzzy or not message.string:
                    continue
                entries[(message.context, str(message.id))] = Translation(
                    text=str(message.string), draft=_is_draft(message.user_comments)
                )
        catalogs.by_language[code] = entries
        catalogs.stale[code] = stale
    return catalogs


@lru_cache(maxsize=1)
def catalog_store() -> Reloading[Catalogs]:
    return Reloading(catalog_files, load_catalogs)
