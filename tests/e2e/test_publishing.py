"""End to end (the real Rasa and action servers): what staff publish is live without retraining."""

from __future__ import annotations

import random
import string
import time
from pathlib import Path

import pytest
import yaml

from actions.content.render import Renderer
from bot.rasa_client import RasaClient
from tests.e2e.conftest import bot_topics, new_sender, publish

pytestmark = pytest.mark.stack


def test_published_wording_is_live_within_seconds_without_retraining(
    client: RasaClient, stack_root: Path
) -> None:
    path = stack_root / "responses" / "conversation.yml"
    catalogs = sorted((stack_root / "locales").rglob("*.po*"))
    originals = {p: p.read_bytes() for p in [path, *catalogs]}
    # Letters only: digits would read as a phone number without a source.
    marker = "Gracias a ti " + "".join(random.choices(string.ascii_lowercase, k=8))
    try:
        data = yaml.safe_load(originals[path].decode("utf-8"))
        data["responses"]["utter_thanks"][0]["text"] = marker
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        spanish, english = new_sender(), new_sender()
        client.send(spanish, '/set_language{"language":"es"}')
        client.send(english, '/set_language{"language":"en"}')
        # Saved but not published: users still get the published wording.
        assert not any(marker in (r.get("text") or "") for r in client.send(spanish, "/thanks"))
        result = publish(stack_root)
        # Staff changed only the Spanish: publishing updates the catalogs, the English
        # becomes stale (a warning) and the new wording goes live.
        assert result.returncode == 0, result.stdout + result.stderr
        assert "utter_thanks [en]: stale translation" in result.stdout
        started = time.monotonic()
        while time.monotonic() - started < 10:
            if any(marker in (r.get("text") or "") for r in client.send(spanish, "/thanks")):
                break
            time.sleep(0.5)
        else:
            pytest.fail("published wording did not appear within 10 seconds")
        print(f"new wording live {time.monotonic() - started:.1f} s after publishing")
        # English users get the new Spanish with the notice, never the old translation.
        english_reply = " ".join(r.get("text") or "" for r in client.send(english, "/thanks"))
        assert marker in english_reply
    finally:
        for restored, data_bytes in originals.items():
            restored.write_bytes(data_bytes)
        assert publish(stack_root).returncode == 0


def test_a_stale_translation_falls_back_to_spanish_with_a_notice(
    client: RasaClient, stack_root: Path, renderer: Renderer
) -> None:
    po = stack_root / "locales" / "en" / "LC_MESSAGES" / "responses.po"
    original = po.read_text(encoding="utf-8")
    spanish = renderer.content.variation("utter_goodbye")["text"]
    try:
        # The Spanish changed since this was translated (pybabel update marks it fuzzy).
        po.write_text(
            original.replace('msgctxt "utter_goodbye"', '#, fuzzy\nmsgctxt "utter_goodbye"'), encoding="utf-8"
        )
        assert publish(stack_root).returncode == 0
        sender = new_sender()
        client.send(sender, '/set_language{"language":"en"}')
        text = client.send(sender, "/goodbye")[0]["text"]
        notice = renderer.render("utter_translation_missing", "en", {}, {}).text
        assert text.startswith(notice) and spanish.strip() in text
    finally:
        po.write_text(original, encoding="utf-8")
        assert publish(stack_root).returncode == 0


def test_a_rumour_staff_publish_is_answered_without_retraining(client: RasaClient, stack_root: Path) -> None:
    path = stack_root / "responses" / "rumours.yml"
    original = path.read_text(encoding="utf-8")
    catalogs = {
        lang: stack_root / "locales" / lang / "LC_MESSAGES" / "responses.po" for lang in ("en", "quc")
    }
    originals = {lang: po.read_text(encoding="utf-8") for lang, po in catalogs.items()}
    # Letters only: digits in the text would read as an unsourced phone number.
    marker = "".join(random.choices(string.ascii_lowercase, k=8))
    answer = f"utter_rumour_test_{marker}"
    spanish = f"Prueba {marker}: estar embarazada no garantiza la entrada."
    text = "people say pregnant women never get deported, is that true?"
    try:
        sender = new_sender()
        client.send(sender, '/set_language{"language":"en"}')
        client.send(sender, text)
        assert answer not in bot_topics(client, sender)
        data = yaml.safe_load(original)
        data["responses"][answer] = [{"text": spanish, "metadata": {"topic": "smuggler_myths"}}]
        data["rumours"].append(
            {
                "id": f"test_{marker}",
                "answer": answer,
                "keywords": {
                    "es": ["embarazada* + deport*"],
                    "en": ["pregnant + deport*"],
                    "quc": ["embarazada* + *taq*"],
                },
                "examples": {"en": [text]},
            }
        )
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for language, po in catalogs.items():
            po.write_text(
                originals[language] + f'\nmsgctxt "{answer}"\nmsgid "{spanish}"\n'
                f'msgstr "Test {marker} ({language})"\n',
                encoding="utf-8",
            )
        result = publish(stack_root)
        assert result.returncode == 0, result.stdout + result.stderr
        started = time.monotonic()
        while time.monotonic() - started < 10:
            replies = client.send(sender, text)
            topics = bot_topics(client, sender)
            if answer in topics:
                break
            time.sleep(0.5)
        else:
            pytest.fail(f"the published rumour was not answered within 10 seconds: {topics}")
        assert [r.get("text") for r in replies] == [f"Test {marker} (en)"], topics
    finally:
        path.write_text(original, encoding="utf-8")
        for language, po in catalogs.items():
            po.write_text(originals[language], encoding="utf-8")
        assert publish(stack_root).returncode == 0
