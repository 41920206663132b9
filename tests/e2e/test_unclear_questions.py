"""End to end (the real Rasa and action servers): an unclear question gets the likely topics."""

from __future__ import annotations

import pytest
import requests

from bot.rasa_client import RasaClient
from tests.e2e.conftest import bot_topics, new_sender

pytestmark = pytest.mark.stack


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
