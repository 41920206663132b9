"""Translations: gettext catalogs in locales/<lang>/LC_MESSAGES/responses.po, read with Babel.

A message is keyed by (context, Spanish source): the context is the response
name, so the same Spanish sentence can be translated differently per answer.
Fuzzy entries (source changed since translation) are stale and never used.

Staff and tools read the working .po files (`load_catalogs`); the running
assistant reads what was last published: each catalog compiled to .mo, plus the
review status of each translation in review.json, since .mo files carry no
comments (`load_live_catalogs`, see actions/content_tools/publish.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional, Set, Tuple

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from actions.content.languages import language_config
from actions.content.once import once
from actions.content.paths import live_locales_dir, locales_dir
from actions.content.reloading import Reloading

DOMAIN = "responses"
REVIEW_FILE = "review.json"
Key = Tuple[Optional[str], str]

DRAFT = "draft"
REVIEWED = "reviewed"
# "# status: reviewed by Ana López on 2026-12-01" / "# status: draft (…)"
_STATUS = re.compile(
    r"^\s*status:\s*(?P<state>draft|reviewed)\b(?:\s+by\s+(?P<by>.+?))?"
    r"(?:\s+on\s+(?P<on>\d{4}-\d{2}-\d{2}))?\s*(?:\(.*\))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Review:
    """A translation's review status, from its `# status: …` translator comment."""

    state: str = REVIEWED  # no comment: written and checked by the team (English)
    by: Optional[str] = None
    on: Optional[date] = None

    @property
    def draft(self) -> bool:
        return self.state == DRAFT

    def comment(self) -> str:
        if self.draft and not self.by:
            return "status: draft (written by the team; needs native-speaker review)"
        parts = [f"status: {self.state}"]
        if self.by:
            parts.append(f"by {self.by}")
        if self.on:
            parts.append(f"on {self.on.isoformat()}")
        return " ".join(parts)


def parse_review(comments: List[str]) -> Review:
    for comment in comments:
        match = _STATUS.match(comment)
        if match:
            on = match.group("on")
            return Review(
                state=match.group("state").lower(),
                by=match.group("by"),
                on=date.fromisoformat(on) if on else None,
            )
    return Review()


@dataclass
class Translation:
    text: str
    draft: bool
    review: Review = field(default_factory=Review)


@dataclass
class Catalogs:
    by_language: Dict[str, Dict[Key, Translation]] = field(default_factory=dict)
    # Translations whose Spanish changed since (fuzzy): never shown, listed by checks.
    stale: Dict[str, Set[Key]] = field(default_factory=dict)

    def lookup(self, language: str, context: Optional[str], source: str) -> Optional[Translation]:
        return self.by_language.get(language, {}).get((context, source))


def catalog_path(language: str, root: Path | None = None) -> Path:
    return (root or locales_dir()) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translated_languages() -> List[str]:
    config = language_config()
    return [code for code in config.codes if code != config.source]


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=None, domain=DOMAIN)


def load_catalogs(root: Path | None = None) -> Catalogs:
    """The working catalogs (what staff edit), with stale entries and review status."""
    catalogs = Catalogs()
    for code in translated_languages():
        path = catalog_path(code, root)
        entries: Dict[Key, Translation] = {}
        stale: Set[Key] = set()
        for message in read_catalog(path) if path.exists() else []:
            if message.id and message.fuzzy and message.string:
                stale.add((message.context, str(message.id)))
            if not message.id or message.fuzzy or not message.string:
                continue
            review = parse_review(message.user_comments)
            entries[(message.context, str(message.id))] = Translation(
                text=str(message.string), draft=review.draft, review=review
            )
        catalogs.by_language[code] = entries
        catalogs.stale[code] = stale
    return catalogs


def compiled_paths(language: str, root: Path) -> Tuple[Path, Path]:
    """(.mo, review.json) of one language in a published snapshot."""
    folder = root / language / "LC_MESSAGES"
    return folder / f"{DOMAIN}.mo", folder / REVIEW_FILE


def load_compiled(root: Path) -> Catalogs:
    """Published catalogs: .mo files (fuzzy already left out) and their drafts."""
    catalogs = Catalogs()
    for code in translated_languages():
        mo_path, review_path = compiled_paths(code, root)
        drafts: Set[Key] = set()
        if review_path.exists():
            for context, source in json.loads(review_path.read_text(encoding="utf-8"))["drafts"]:
                drafts.add((context, source))
        entries: Dict[Key, Translation] = {}
        if mo_path.exists():
            with mo_path.open("rb") as handle:
                for message in read_mo(handle):
                    if message.id and message.string:
                        context = message.context  # Babel 2.18 leaves it as bytes
                        if isinstance(context, bytes):
                            context = context.decode("utf-8")
                        key = (context, str(message.id))
                        review = Review(state=DRAFT) if key in drafts else Review()
                        entries[key] = Translation(
                            text=str(message.string), draft=review.draft, review=review
                        )
        catalogs.by_language[code] = entries
        catalogs.stale[code] = set()
    return catalogs


def live_catalog_files() -> List[Path]:
    root = live_locales_dir()
    if root == locales_dir():
        return [catalog_path(code) for code in translated_languages()]
    return [path for code in translated_languages() for path in compiled_paths(code, root)]


def load_live_catalogs() -> Catalogs:
    root = live_locales_dir()
    return load_catalogs() if root == locales_dir() else load_compiled(root)


@once
def catalog_store() -> Reloading[Catalogs]:
    return Reloading(live_catalog_files, load_live_catalogs)
