"""End to end (the real Rasa and action servers): answered in one's language, for one's country."""

from __future__ import annotations

import pytest

from actions.content.render import Renderer
from bot.rasa_client import RasaClient
from tests.e2e.conftest import bot_events, new_sender

pytestmark = pytest.mark.stack


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
