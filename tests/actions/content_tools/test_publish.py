"""Publishing: only checked content goes live, atomically, and drafts follow the setting."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from actions.content.answers import content_store, load_content
from actions.content.catalogs import load_catalogs, load_live_catalogs
from actions.content.languages import LanguageConfig, language_config
from actions.content.render import DRAFT_NOTICE, Renderer
from actions.content_tools.publish import KEEP, publish
from tests.actions.content_tools.content_fixture import EN, QUC, SHELTER, TODAY, write_fixture

LABEL = "La misma respuesta en español, revisada:"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_fixture(tmp_path)
    monkeypatch.setenv("SENDA_ROOT", str(tmp_path))
    return tmp_path


def po_path(root: Path, language: str) -> Path:
    return root / "locales" / language / "LC_MESSAGES" / "responses.po"


def edit_po(
    root: Path, language: str, context: str, text: str, fuzzy: bool = False, source: str = ""
) -> None:
    path = po_path(root, language)
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in list(catalog):
        if message.context == context:
            if source:  # the Spanish changed: the entry moves to the new source text
                catalog.delete(message.id, context=context)
                catalog.add(source, text, context=context, user_comments=message.user_comments)
                continue
            message.string = text
            if fuzzy:
                message.flags.add("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog)


def test_published_catalogs_say_what_the_working_ones_say(root: Path) -> None:
    result = publish(TODAY)
    assert result.snapshot is not None and not result.report.errors
    assert (root / "published" / "current").resolve() == result.snapshot.resolve()
    assert list((result.snapshot / "locales" / "quc" / "LC_MESSAGES").glob("*.mo"))
    live, working = load_live_catalogs(), load_catalogs()
    for language in ("en", "quc"):
        assert {k: (v.text, v.draft) for k, v in live.by_language[language].items()} == {
            k: (v.text, v.draft) for k, v in working.by_language[language].items()
        }
    assert live.lookup("quc", "utter_thanks", "¡Con gusto!").draft
    assert not live.lookup("en", "utter_thanks", "¡Con gusto!").draft


def test_content_with_an_error_is_not_published_and_users_keep_the_last_good_one(root: Path) -> None:
    first = publish(TODAY)
    edit_po(root, "en", "utter_shelter", EN["utter_shelter"].replace("555-0100", "555-0199"))
    refused = publish(TODAY)
    assert refused.snapshot is None
    assert any("phone numbers differ" in f.message for f in refused.report.errors)
    assert (root / "published" / "current").resolve() == first.snapshot.resolve()
    live = load_live_catalogs().lookup("en", "utter_shelter", SHELTER)
    assert live is not None and "555-0100" in live.text


def test_a_stale_translation_is_never_published(root: Path) -> None:
    edit_po(root, "en", "utter_thanks", "Old thanks", fuzzy=True)
    assert publish(TODAY).snapshot is not None
    assert load_live_catalogs().lookup("en", "utter_thanks", "¡Con gusto!") is None


def test_the_assistant_sees_new_wording_only_once_it_is_published(root: Path) -> None:
    publish(TODAY)
    store = content_store()
    assert store.get().variation("utter_thanks")["text"] == "¡Con gusto!"
    answers = root / "responses" / "answers.yml"
    answers.write_text(
        answers.read_text(encoding="utf-8").replace("¡Con gusto!", "¡De nada!"), encoding="utf-8"
    )
    for language, table in (("en", EN), ("quc", QUC)):
        edit_po(root, language, "utter_thanks", table["utter_thanks"], source="¡De nada!")
    assert store.get().variation("utter_thanks")["text"] == "¡Con gusto!"
    assert publish(TODAY).snapshot is not None
    assert store.get().variation("utter_thanks")["text"] == "¡De nada!"


def test_old_snapshots_are_pruned_and_the_live_one_kept(root: Path) -> None:
    for _ in range(KEEP + 2):
        last = publish(TODAY).snapshot
    snapshots = [p for p in (root / "published").iterdir() if not p.is_symlink()]
    assert len(snapshots) == KEEP and last in snapshots
    assert not [p for p in (root / "published").iterdir() if p.name.startswith(".")]


def test_nothing_published_means_the_working_content_is_live(root: Path) -> None:
    assert not (root / "published").exists()
    assert load_live_catalogs().lookup("en", "utter_thanks", "¡Con gusto!").text == EN["utter_thanks"]


def _renderer_with_policy(root: Path, policy: str, monkeypatch: pytest.MonkeyPatch) -> Renderer:
    config = language_config()
    languages = tuple(
        dataclasses.replace(lang, drafts=policy) if lang.code == "quc" else lang for lang in config.languages
    )
    patched = LanguageConfig(source=config.source, languages=languages, countries=config.countries)
    monkeypatch.setattr("actions.content.render.language_config", lambda: patched)
    content = load_content(root / "responses")
    content.responses[DRAFT_NOTICE] = [{"text": LABEL}]
    return Renderer(content, load_catalogs())


@pytest.mark.parametrize(
    "policy, shows_draft, shows_spanish",
    [("show", True, False), ("with_source", True, True), ("source", False, True)],
)
def test_what_a_kiche_user_sees_of_a_draft_follows_the_setting(
    root: Path, monkeypatch: pytest.MonkeyPatch, policy: str, shows_draft: bool, shows_spanish: bool
) -> None:
    renderer = _renderer_with_policy(root, policy, monkeypatch)
    text = renderer.render("utter_thanks", "quc", {}, {}).text
    assert (QUC["utter_thanks"] in text) is shows_draft
    assert ("¡Con gusto!" in text) is shows_spanish
    if policy == "with_source":
        assert text.index(QUC["utter_thanks"]) < text.index(LABEL) < text.index("¡Con gusto!")
    english = renderer.render("utter_thanks", "en", {}, {}).text
    assert english == EN["utter_thanks"]  # reviewed translations are never doubled


def test_a_resource_list_is_not_repeated_under_the_spanish(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renderer = _renderer_with_policy(root, "with_source", monkeypatch)
    text = renderer.render("utter_shelter", "quc", {}, {"resources": "• Casa X ☎ 555-0123"}).text
    assert text.count("555-0123") == 1
    assert "Llama al albergue" in text


def test_publish_refuses_a_language_setting_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="drafts must be one of"):
        dataclasses.replace(language_config().get("quc"), drafts="maybe")


def test_preview_marks_each_language_and_splits_like_telegram(root: Path) -> None:
    from bot.cli.preview import preview

    items = preview(load_content(root / "responses"), load_catalogs(), "utter_thanks")
    by_language = {item.language: item for item in items}
    assert by_language["es"].messages == ["¡Con gusto!"]
    assert by_language["en"].status.startswith("reviewed")
    assert by_language["quc"].status.startswith("DRAFT")
    long_text = "\n\n".join(["palabra " * 200] * 3)
    answers = root / "responses" / "answers.yml"
    data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    data["responses"]["utter_thanks"][0]["text"] = long_text.strip()
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    items = preview(load_content(root / "responses"), load_catalogs(), "utter_thanks", ["es"])
    assert len(items[0].messages) == 2 and "[message 1 of 2]" in items[0].format()
    assert (
        "MISSING"
        in preview(load_content(root / "responses"), load_catalogs(), "utter_thanks", ["en"])[0].status
    )


def test_published_catalogs_are_standard_gettext(root: Path) -> None:
    """Any gettext tool reads what Senda compiles: Python's own module here."""
    import gettext

    snapshot = publish(TODAY).snapshot
    with (snapshot / "locales" / "en" / "LC_MESSAGES" / "responses.mo").open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    assert translations.pgettext("utter_thanks", "¡Con gusto!") == EN["utter_thanks"]
    assert translations.pgettext("utter_shelter", SHELTER) == EN["utter_shelter"]


def test_the_shipped_catalogs_pass_msgfmt_check() -> None:
    """msgfmt --check is what Poedit and Weblate run on save: the files must pass it."""
    import shutil
    import subprocess

    from bot.settings import PROJECT_ROOT

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        if os.environ.get("CI"):
            pytest.fail("msgfmt (Debian's gettext) is missing")
        pytest.skip("msgfmt not installed (apt-get install gettext)")
    for path in sorted((PROJECT_ROOT / "locales").glob("*/LC_MESSAGES/responses.po")):
        result = subprocess.run(
            [msgfmt, "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{path}: {result.stderr}"


def test_a_spanish_edit_publishes_with_its_translations_stale_not_missing(root: Path) -> None:
    """Staff change the Spanish and publish without running `make pot`: the catalogs are
    updated first, so English and K'iche' users get the new Spanish with the notice, never
    the old translation, and publishing is not refused for "missing" translations."""
    answers = root / "responses" / "answers.yml"
    answers.write_text(
        answers.read_text(encoding="utf-8").replace("¡Con gusto!", "¡De nada!"), encoding="utf-8"
    )
    result = publish(TODAY)
    assert result.snapshot is not None, result.report.format()
    assert po_path(root, "en") in result.refreshed
    assert any("stale translation" in f.message and f.language == "en" for f in result.report.warnings)
    catalog = read_po(po_path(root, "en").open("rb"))
    entry = next(m for m in catalog if m.context == "utter_thanks")
    assert entry.id == "¡De nada!" and entry.fuzzy and entry.string == EN["utter_thanks"]
    assert load_live_catalogs().lookup("en", "utter_thanks", "¡De nada!") is None


def test_publishing_unchanged_content_rewrites_no_catalog(root: Path) -> None:
    publish(TODAY)
    before = {p: p.read_bytes() for p in (root / "locales").rglob("*.po*")}
    assert publish(TODAY).refreshed == []
    assert {p: p.read_bytes() for p in (root / "locales").rglob("*.po*")} == before
