"""End to end (the real Rasa and action servers): danger gets the emergency contacts first."""

from __future__ import annotations

import pytest

from bot.rasa_client import RasaClient
from tests.e2e.conftest import bot_events, bot_topics, new_sender

pytestmark = pytest.mark.stack


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


def test_a_ransom_call_gets_the_emergency_contacts_then_its_correction(client: RasaClient) -> None:
    sender = new_sender()
    client.send(
        sender, "me llamaron q secuestraron a mi hermano en reynosa y piden 3000 de rescate, que hago"
    )
    assert bot_topics(client, sender)[:2] == ["utter_emergency", "utter_rumour_fake_kidnapping"]


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
