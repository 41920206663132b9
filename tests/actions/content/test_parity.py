"""Every answer exists in every language with the same links, numbers, placeholders and buttons."""

from __future__ import annotations

import json
import re
from typing import Set

import pytest
import yaml

from actions.content.answers import iter_texts, load_content
from actions.content.catalogs import load_catalogs
from actions.content.languages import language_config
from actions.content_tools.patterns import PHONE, PLACEHOLDER, URL, tokens
from bot.settings import PROJECT_ROOT
from bot.telegram.buttons import bot_payloads

CONTENT = load_content()
CATALOGS = load_catalogs()
TARGETS = [code for code in language_config().codes if code != language_config().source]
STRINGS = list(iter_texts(CONTENT))


def test_every_topic_has_its_answer() -> None:
    missing = [t for t in CONTENT.topics if f"utter_{t}" not in CONTENT.responses]
    assert not missing and len(CONTENT.topics) == 36


@pytest.mark.parametrize("language", TARGETS)
def test_every_string_is_translated(language: str) -> None:
    missing = [(ctx, text[:50]) for ctx, text in STRINGS if CATALOGS.lookup(language, ctx, text) is None]
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:5]}"


@pytest.mark.parametrize("language", TARGETS)
@pytest.mark.parametrize("pattern", [URL, PHONE, PLACEHOLDER], ids=["urls", "phones", "placeholders"])
def test_translations_keep_links_numbers_and_placeholders(language: str, pattern: re.Pattern) -> None:
    differing = []
    for ctx, text in STRINGS:
        hit = CATALOGS.lookup(language, ctx, text)
        if hit and tokens(pattern, text) != tokens(pattern, hit.text):
            differing.append((ctx, tokens(pattern, text), tokens(pattern, hit.text)))
    assert not differing, differing[:5]


def test_kiche_translations_are_marked_as_drafts() -> None:
    entries = CATALOGS.by_language["quc"].values()
    assert entries and all(entry.draft for entry in entries)


def _valid_payloads() -> Set[str]:
    domain = yaml.safe_load((PROJECT_ROOT / "responses" / "domain.yml").read_text())
    payloads = {f"/{intent}" for intent in domain["intents"]}
    payloads |= {'/set_language{"language":"%s"}' % c for c in language_config().codes}
    payloads |= {'/set_country{"country":"%s"}' % c for c in language_config().countries}
    return payloads | bot_payloads()


def test_button_payloads_are_intents_or_settings() -> None:
    valid = _valid_payloads()
    bad = []
    for name, variations in CONTENT.responses.items():
        for button in variations[0].get("buttons") or []:
            payload = button["payload"]
            if "{" in payload:  # normalise JSON spacing
                intent, _, entity = payload.partition("{")
                payload = intent + json.dumps(json.loads("{" + entity), separators=(",", ":"))
            if payload not in valid:
                bad.append((name, button["payload"]))
    assert not bad


def test_answers_that_state_facts_name_their_sources() -> None:
    unsourced = [
        name
        for name, variations in CONTENT.responses.items()
        if (URL.search(variations[0].get("text") or "") or PHONE.search(variations[0].get("text") or ""))
        and not (variations[0].get("metadata") or {}).get("sources")
    ]
    assert not unsourced


def test_answers_fit_a_telegram_message() -> None:
    too_long = [name for name, v in CONTENT.responses.items() if len(v[0].get("text") or "") > 3500]
    assert not too_long
