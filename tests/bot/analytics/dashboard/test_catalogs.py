"""The dashboard's words: the template is current with the templates, and Spanish has
every one of them (English reads the message ids)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from bot.analytics.dashboard.i18n import catalog_path, load_translations, negotiate
from bot.settings import PROJECT_ROOT

LOCALES = PROJECT_ROOT / "locales"


def messages(path: Path) -> dict:
    with path.open("rb") as handle:
        return {m.id: m for m in read_po(handle) if m.id}


def test_the_template_holds_exactly_the_templates_words(tmp_path: Path) -> None:
    fresh = tmp_path / "dashboard.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel-dashboard.cfg",
            "--no-wrap",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    assert set(messages(fresh)) == set(messages(LOCALES / "dashboard.pot")), (
        "run `make pot` after changing the dashboard's templates"
    )


def test_every_word_has_a_spanish_translation() -> None:
    template = messages(LOCALES / "dashboard.pot")
    spanish = messages(catalog_path(LOCALES, "es"))
    english = messages(catalog_path(LOCALES, "en"))
    assert set(spanish) == set(template) == set(english)
    missing = [key for key, message in spanish.items() if not message.string or message.fuzzy]
    assert not missing, f"translate these in locales/es/LC_MESSAGES/dashboard.po: {missing}"


def test_the_catalogs_load_and_the_language_is_negotiated() -> None:
    translations = load_translations(LOCALES)
    assert translations["es"].gettext("Log in") == "Iniciar sesión"
    assert translations["en"].gettext("Log in") == "Log in"
    assert negotiate(None, None, "en-US,en;q=0.9,es;q=0.8") == "en"
    assert negotiate(None, None, "fr-FR,fr;q=0.9,es;q=0.5,en;q=0.4") == "es"
    assert negotiate(None, None, "de") == "es"
    assert negotiate(None, "en", "es") == "en"
    assert negotiate("es", "en", "en") == "es"
