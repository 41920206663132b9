"""End to end: the real Rasa server and action server on 127.0.0.1, over HTTP."""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List

import pytest
import requests
import yaml

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content.render import Renderer
from bot.rasa_client import RasaClient
from bot.settings import PROJECT_ROOT

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def client(stack) -> RasaClient:
    return RasaClient(stack.settings.rasa_url, stack.settings.api_token)


@pytest.fixture
def renderer(stack_root: Path, monkeypatch: pytest.MonkeyPatch) -> Renderer:
    monkeypatch.setenv("SENDA_ROOT", str(stack_root))
    return Renderer(load_content(), load_catalogs())


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


def bot_events(client: RasaClient, sender: str) -> List[Dict[str, Any]]:
    events = client.tracker(sender)["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    return [e for e in events[last_user + 1 :] if e["event"] == "bot"]


@pytest.mark.parametrize(
    "language, text, topic",
    [
        ("es", "oiga y como le hago para pedir asilo alla en los estados unidos", "asylum_us"),
        ("en", "hey where can me and my kids sleep tonight, we got no place", "find_shelter"),
        ("quc", "jas kinbʼan chi kinkʼam asilo pa Estados Unidos", "asylum_us"),
    ],
)
def test_a_question_is_answered_in_the_language_it_was_written_in(
    client: RasaClient, renderer: Renderer, language: str, text: str, topic: str
) -> None:
    sender = new_sender()
    replies = client.send(sender, text)
    tracker = client.tracker(sender)
    assert tracker["slots"]["language"] == language
    bots = bot_events(client, sender)
    assert f"utter_{topic}" in [b["metadata"].get("utter_action") for b in bots]
    expected = renderer.render(f"utter_{topic}", language, {"language": language}, {}).text
    assert expected in [r.get("text") for r in replies]


def test_language_button_sets_the_language(client: RasaClient, renderer: Renderer) -> None:
    sender = new_sender()
    client.send(sender, '/set_language{"language":"quc"}')
    replies = client.send(sender, "/cam_program")
    expected = renderer.render("utter_cam_program", "quc", {"language": "quc"}, {})
    assert expected.translated and expected.draft
    assert replies[0]["text"] == expected.text


def test_a_clear_switch_of_language_is_followed(client: RasaClient) -> None:
    sender = new_sender()
    client.send(sender, "hola necesito ayuda con un abogado")
    assert client.tracker(sender)["slots"]["language"] == "es"
    client.send(sender, "sorry can you tell me in english where to find a free lawyer")
    assert client.tracker(sender)["slots"]["language"] == "en"
    client.send(sender, "ok")
    assert client.tracker(sender)["slots"]["language"] == "en"


def test_country_is_asked_then_the_answer_is_given_for_it(client: RasaClient) -> None:
    sender = new_sender()
    client.send(sender, '/set_language{"language":"es"}')
    replies = client.send(sender, "/find_shelter")
    payloads = [b["payload"] for r in replies for b in r.get("buttons") or []]
    assert '/set_country{"country":"GT"}' in payloads
    replies = client.send(sender, '/set_country{"country":"GT"}')
    topics = [b["metadata"].get("utter_action") for b in bot_events(client, sender)]
    assert topics == ["utter_country_set", "utter_find_shelter"]
    assert "Guatemala" in replies[-1]["text"] and "Casa del Migrante" in replies[-1]["text"]


@pytest.mark.parametrize(
    "text, country, name",
    [
        ("estoy en mexico", "MX", "México"),
        ("in k'o pa Iximulew", "GT", "Guatemala"),
        ("I live in Houston now", "US", "Estados Unidos"),
    ],
)
def test_saying_where_one_is_sets_the_country(client: RasaClient, text: str, country: str, name: str) -> None:
    sender = new_sender()
    client.send(sender, '/set_language{"language":"es"}')
    client.send(sender, text)
    assert client.tracker(sender)["slots"]["country"] == country


def test_a_question_that_says_where_one_is_is_answered_for_that_country(client: RasaClient) -> None:
    sender = new_sender()
    client.send(sender, '/set_language{"language":"es"}')
    replies = client.send(
        sender, "hola buenas, estoy en tapachula con mis hijos, donde podemos dormir esta noche"
    )
    assert client.tracker(sender)["slots"]["country"] == "MX"
    shelter = [r["text"] for r in replies if "México:" in r.get("text", "")]
    assert shelter, [r.get("text") for r in replies]


def test_danger_gets_emergency_numbers_of_all_countries_first(client: RasaClient) -> None:
    sender = new_sender()
    replies = client.send(sender, "auxilio me tienen encerrada y me quieren matar")
    first = replies[0]["text"]
    for country in ("México", "Guatemala", "Honduras", "El Salvador", "Estados Unidos"):
        assert country in first
    assert "911" in first
    assert bot_events(client, sender)[0]["metadata"]["utter_action"] == "utter_emergency"


def test_danger_with_a_known_country_lists_that_country(client: RasaClient) -> None:
    sender = new_sender()
    client.send(sender, '/set_country{"country":"GT"}')
    replies = client.send(sender, "they want to kill me, I am hiding")
    assert "110" in replies[0]["text"] and "Honduras" not in replies[0]["text"]


def test_semantic_fallback_offers_the_likely_topics_as_buttons(stack) -> None:
    # By DIET's confidence plus the nearest examples' similarity; a legal case is
    # offered as free legal help; small talk never.
    tracker = {
        "sender_id": "t",
        "slots": {"language": "en"},
        "latest_message": {
            "text": "where can i sleep tonight with my two kids",
            "intent": {"name": "nlu_fallback"},
            "intent_ranking": [
                {"name": "nlu_fallback", "confidence": 0.4},
                {"name": "find_shelter", "confidence": 0.35},
                {"name": "legal_case", "confidence": 0.3},
                {"name": "greet", "confidence": 0.2},
            ],
            "nearest": [{"name": "stay_safe_home", "score": 0.6}],
            "entities": [],
        },
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    reply = requests.post(
        f"{stack.settings.actions_url}/webhook",
        json={
            "next_action": "action_semantic_fallback",
            "sender_id": "t",
            "tracker": tracker,
            "domain": {},
            "version": "3.6.2",
        },
        timeout=60,
    ).json()
    response = reply["responses"][0]
    assert response["response"] == "utter_did_you_mean"
    assert [b["payload"] for b in response["buttons"]] == ["/stay_safe_home", "/find_shelter", "/legal_aid"]


def test_a_personal_legal_case_gets_free_legal_help(client: RasaClient) -> None:
    sender = new_sender()
    client.send(sender, '/set_country{"country":"US"}')
    client.send(
        sender, "my asylum case was denied by the judge last week, can i appeal it or do i have to leave"
    )
    assert "utter_legal_case" in bot_topics(client, sender)


def publish(stack_root: Path) -> subprocess.CompletedProcess:
    """`senda content publish` on the stack's copy of the content, as staff run it."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "publish"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "SENDA_ROOT": str(stack_root)},
        capture_output=True,
        text=True,
        timeout=120,
    )


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


def test_senda_eval_scores_rows_against_the_running_stack(stack, tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text(
        "language,country,text,expected\n"
        "es,GT,donde puedo dormir esta noche,find_shelter\n"
        ",,hi what is tps,tps\n"
        "en,,hello,asylum_us\n",
        encoding="utf-8",
    )
    report_path = tmp_path / "report.json"
    env = {
        **os.environ,
        "RASA_PORT": str(stack.settings.rasa_port),
        "RASA_API_TOKEN": stack.settings.api_token,
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "eval", str(rows), "--json", str(report_path)],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(report_path.read_text())
    items = report["items"]
    assert [i["pass"] for i in items] == [True, True, False]
    assert [i["outcome"] for i in items][:2] == ["right", "right"]
    assert items[2]["outcome"] in ("wrong", "fallback", "offered")
    assert items[1]["language"] == "auto" and items[1]["language_after"] == "en"
    assert set(report["by_language"]) == {"es", "auto", "en"}
    assert "overall" in result.stdout


# --- rumours: a known rumour gets its correction, in the language it was written in ---


def bot_topics(client: RasaClient, sender: str) -> List[str]:
    return [b["metadata"].get("utter_action") for b in bot_events(client, sender)]


@pytest.mark.parametrize(
    "language, text, rumour",
    [
        (
            "es",
            "oye es cierto que la frontera está abierta? mi primo dice que hay que irse ya",
            "border_open",
        ),
        ("es", "un señor en facebook vende citas para la embajada, es confiable?", "paid_papers"),
        (
            "en",
            "my neighbour says if you bring your kid they have to let you in, is that true",
            "child_entry",
        ),
        (
            "en",
            "a guy at the shelter says he can sell me a visa for 500 dollars, is that legit",
            "paid_papers",
        ),
        ("quc", "la qas tzij chi jaqal ri frontera wakamik? kakib'ij ri winaq pa nutinamit", "border_open"),
        ("quc", "kakibʼij chi we katbʼe rukʼ jun akʼal kakiyaʼ bʼe chawe, la qas tzij?", "child_entry"),
    ],
)
def test_a_known_rumour_gets_its_correction_in_that_language(
    client: RasaClient, renderer: Renderer, language: str, text: str, rumour: str
) -> None:
    sender = new_sender()
    replies = client.send(sender, text)
    assert client.tracker(sender)["slots"]["language"] == language
    assert bot_topics(client, sender) == [f"utter_rumour_{rumour}"]
    expected = renderer.render(f"utter_rumour_{rumour}", language, {"language": language}, {})
    assert [r.get("text") for r in replies] == [expected.text]
    assert [b["payload"] for b in replies[0]["buttons"]] == [b["payload"] for b in expected.buttons]


# The rumour that returns every year before 18 December (International Migrants Day),
# as people write it: the correction comes back first, in the language it was written in.
@pytest.mark.parametrize(
    "language, text",
    [
        (
            "es",
            "oye es cierto q el 18 de dic abren la frontera x el dia del migrante?? mi cuñado ya "
            "se va con los niños, donde hay albergue en juarez",
        ),
        (
            "en",
            "my cousin got a msg that the border opens dec 18 for migrants day, is it true?? "
            "we r in juarez with the kids",
        ),
        (
            "quc",
            "kakib'ij chi pa 18 diciembre kjaqataj ri frontera chke ri migrantes, la qas tzij? "
            "kinwaj kinb'e ruk' ri wal",
        ),
    ],
)
def test_the_18_december_rumour_gets_its_correction_first(
    client: RasaClient, renderer: Renderer, language: str, text: str
) -> None:
    sender = new_sender()
    replies = client.send(sender, text)
    assert client.tracker(sender)["slots"]["language"] == language
    first = bot_events(client, sender)[0]["metadata"]
    assert first["utter_action"] == "utter_rumour_border_december"
    assert first["topic"] == "smuggler_myths"
    expected = renderer.render("utter_rumour_border_december", language, {"language": language}, {})
    assert replies[0]["text"] == expected.text
    assert expected.translated and expected.draft == (language == "quc")
    assert "18" in replies[0]["text"]


def test_a_ransom_call_gets_the_emergency_contacts_then_its_correction(client: RasaClient) -> None:
    sender = new_sender()
    client.send(
        sender, "me llamaron q secuestraron a mi hermano en reynosa y piden 3000 de rescate, que hago"
    )
    assert bot_topics(client, sender)[:2] == ["utter_emergency", "utter_rumour_fake_kidnapping"]


@pytest.mark.parametrize(
    "text",
    [
        "hola, necesito un abogado gratis en houston",
        "how do i apply for a work visa in canada",
        "jawiʼ kʼo wi jun albergue pa Tapachula",
        "cuando abre la frontera para pedir asilo legal",
    ],
)
def test_an_ordinary_question_gets_no_correction(client: RasaClient, text: str) -> None:
    sender = new_sender()
    client.send(sender, text)
    events = client.tracker(sender)["events"]
    assert not [t for t in bot_topics(client, sender) if t and t.startswith("utter_rumour_")]
    assert "action_check_rumour" not in [e.get("name") for e in events if e["event"] == "action"]


def test_a_rumour_question_naming_none_gets_the_list(client: RasaClient) -> None:
    sender = new_sender()
    client.send(sender, '/set_language{"language":"es"}')
    client.send(sender, "/smuggler_myths")
    assert bot_topics(client, sender) == ["utter_smuggler_myths"]
    client.send(sender, "rumores de la frontera")
    assert bot_topics(client, sender) == ["utter_smuggler_myths"]


def test_danger_in_an_unclear_story_gets_the_contacts_then_topics_to_tap(client: RasaClient) -> None:
    """NLU is unsure what else the story asks: its likely topics are offered, not guessed."""
    sender = new_sender()
    # (A story that names its need, "quiero pedir asilo porque…", gets that answer instead.)
    replies = client.send(sender, "las maras me amenazan de muerte y no se si irme a otro lado o que hacer")
    assert bot_topics(client, sender)[:2] == ["utter_emergency", "utter_emergency_more"]
    assert "911" in replies[0]["text"]
    payloads = [b["payload"] for b in replies[1].get("buttons") or []]
    assert 1 <= len(payloads) <= 3 and "/emergency" not in payloads
    ways_out = {
        "/asylum_us",
        "/asylum_mexico",
        "/asylum_other_countries",
        "/stay_safe_home",
        "/pathways_overview",
    }
    assert ways_out & set(payloads), payloads


def test_danger_comes_before_a_rumour(client: RasaClient) -> None:
    sender = new_sender()
    client.send(
        sender, "el coyote dice que la frontera esta abierta pero me tiene encerrada y me quieren matar"
    )
    assert bot_topics(client, sender)[0] == "utter_emergency"


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
