"""Mistakes staff make in the real content, on a copy: none loses a translation, none
goes live, and each is named where it is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest
from babel.messages.pofile import read_po, write_po

from bot.settings import PROJECT_ROOT


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for name in ("responses", "locales", "nlu"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    return tmp_path


def senda(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "SENDA_ROOT": str(root)},
    )


def files(root: Path) -> Dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def entry(root: Path, language: str, context: str, msgid: str):
    with (root / "locales" / language / "LC_MESSAGES" / "responses.po").open("rb") as handle:
        return read_po(handle).get(msgid, context=context)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rewriting_an_answer_and_its_button_keeps_both_translations_as_stale(root: Path) -> None:
    answers = root / "responses" / "conversation.yml"
    english_before = entry(root, "en", "utter_thanks", "Ver temas").string
    text = answers.read_text(encoding="utf-8")
    start = text.index("  utter_thanks:")
    block = text[start : text.index("\n  utter_", start + 1)]
    spanish = block.split("- text: |-\n", 1)[1].split("\n    buttons:")[0]
    rewritten = block.replace(spanish, "      Fue un gusto ayudarte. Escríbeme cuando quieras.").replace(
        '"Ver temas"', '"Menú principal"'
    )
    answers.write_text(text.replace(block, rewritten), encoding="utf-8")
    result = senda(root, "publish")
    assert result.returncode == 0, result.stdout + result.stderr
    button = entry(root, "en", "utter_thanks", "Menú principal")
    assert button is not None and button.fuzzy and button.string == english_before
    answer = entry(root, "en", "utter_thanks", "Fue un gusto ayudarte. Escríbeme cuando quieras.")
    assert answer is not None and answer.fuzzy and answer.string
    assert "utter_thanks [en]: stale translation" in result.stdout


def test_a_misspelt_section_is_an_error_and_nothing_is_written_or_published(root: Path) -> None:
    edit(root / "responses" / "conversation.yml", "\nresponses:", "\nresponces:")
    before = files(root)
    result = senda(root, "publish")
    assert result.returncode == 1
    assert "conversation.yml: unknown section `responces` (did you mean `responses`?)" in result.stdout
    assert "utter_greet: used in nlu/" in result.stdout
    assert files(root) == before and not (root / "published").exists()


def test_a_refused_publish_changes_no_catalog(root: Path) -> None:
    edit(root / "responses" / "conversation.yml", "¡Con gusto!", "¡Con todo gusto!")
    po = root / "locales" / "en" / "LC_MESSAGES" / "responses.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    signs = next(
        m for m in catalog if m.context == "utter_trafficking_signs" and "1-888-373-7888" in m.string
    )
    signs.string = signs.string.replace("1-888-373-7888", "1-888-373-7889")
    with po.open("wb") as handle:
        write_po(handle, catalog, width=None)
    before = files(root)
    result = senda(root, "publish")
    assert result.returncode == 1 and "phone numbers differ" in result.stdout
    assert files(root) == before


@pytest.mark.parametrize(
    "keywords, problem",
    [
        ('quc: "cbpone"', "keywords in quc must be a list of texts"),
        ('quc:\n    - "o"', "keyword 'o' is too short"),
        ('quc:\n    - "*"', "keyword '*' is too short"),
    ],
)
def test_a_rumour_keyword_that_would_match_everything_is_refused(
    root: Path, keywords: str, problem: str
) -> None:
    rumours = root / "responses" / "rumours.yml"
    text = rumours.read_text(encoding="utf-8")
    start = text.index("- id: cbp_one")
    quc = text.index("    quc:", start)
    end = text.index("\n  examples:", quc)
    rumours.write_text(text[:quc] + "    " + keywords + text[end:], encoding="utf-8")
    result = senda(root, "check")
    assert result.returncode == 1
    assert problem in result.stdout and "this rumour is not recognised until fixed" in result.stdout


@pytest.mark.parametrize(
    "old, new, where",
    [
        (
            "  utter_thanks:\n  - text:",
            "  utter_thanks:\n    text:",
            "responses/conversation.yml: utter_thanks: an answer is a list",
        ),
        ("- id: ", "- ident: ", "responses/resources.yml: resource #1 (no id): `id` must be a text"),
    ],
)
def test_an_entry_of_the_wrong_shape_is_named(root: Path, old: str, new: str, where: str) -> None:
    path = root / "responses" / ("resources.yml" if "id:" in old else "conversation.yml")
    edit(path, old, new)
    before = files(root)
    # The catalogs hold no resource: only an answer's shape stops `catalogs`.
    commands = ("check", "publish", "preview") + (("catalogs",) if "text" in old else ())
    for command in commands:
        args = [command, "thanks"] if command == "preview" else [command]
        result = senda(root, *args)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert where in result.stderr and "Traceback" not in result.stderr
    assert files(root) == before
