"""Small fixture content for the content tools' tests: two answers (a shelter's, with a
phone number, a link and {resources}, and a thanks) in Spanish, English and K'iche',
written into a scratch project root, and the content check run on it."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Dict, Optional

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content_tools.check import check_content
from actions.content_tools.report import Report
from bot.settings import PROJECT_ROOT

TODAY = date(2026, 11, 22)
SHELTER = "Llama al albergue: 555-0100. Más información: https://example.org/albergue {resources}"
THANKS = "¡Con gusto!"
EN = {
    "utter_shelter": "Call the shelter: 555-0100. More: https://example.org/albergue {resources}",
    "utter_thanks": "You're welcome!",
}
QUC = {
    "utter_shelter": "Chatzijonij ri albergue: 555-0100. https://example.org/albergue {resources}",
    "utter_thanks": "Maltyoxʼ!",
}


def write_fixture(
    root: Path,
    shelter_meta: Optional[Dict] = None,
    shelter_text: str = SHELTER,
    en: Optional[Dict[str, str]] = None,
    quc: Optional[Dict[str, str]] = None,
    fuzzy: bool = False,
) -> Path:
    meta = {
        "topic": "find_shelter",
        "reviewed_on": "2026-11-01",
        "review_by": "2027-04-30",
        "status_date": "2026-11-01",
        "status_of": "GT",
        "sources": [{"url": "https://example.org/albergue", "retrieved": "2026-11-01"}],
    }
    meta.update(shelter_meta or {})
    (root / "responses").mkdir(parents=True, exist_ok=True)
    (root / "responses" / "answers.yml").write_text(
        yaml.safe_dump(
            {
                "responses": {
                    "utter_shelter": [{"text": shelter_text, "metadata": meta}],
                    "utter_thanks": [{"text": THANKS, "metadata": {"topic": "thanks"}}],
                }
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    (root / "locales").mkdir(exist_ok=True)
    shutil.copy(PROJECT_ROOT / "locales" / "languages.yml", root / "locales" / "languages.yml")
    sources = {"utter_shelter": shelter_text, "utter_thanks": THANKS}
    for language, table in (("en", EN if en is None else en), ("quc", QUC if quc is None else quc)):
        catalog = Catalog(locale=None, domain="responses")
        for name, text in table.items():
            comments = ["status: draft (needs review)"] if language == "quc" else []
            flags = ["fuzzy"] if fuzzy and name == "utter_shelter" else []
            catalog.add(sources[name], text, context=name, user_comments=comments, flags=flags)
        folder = root / "locales" / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "responses.po").open("wb") as handle:
            write_po(handle, catalog)
    return root


def run_check(root: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.setenv("SENDA_ROOT", str(root))
    return check_content(load_content(root / "responses"), load_catalogs(), today=TODAY)
