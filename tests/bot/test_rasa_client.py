"""The Rasa client against a fake Rasa (tests/support/fake_rasa.py, an httpx.MockTransport):
what the bot does when Rasa or the action server cannot answer, and that a guessed
language never beats a choice."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from bot.rasa_client import AsyncRasaClient, RasaClient, RasaUnavailable
from tests.support.fake_rasa import FakeRasa


def client(rasa: FakeRasa) -> AsyncRasaClient:
    return AsyncRasaClient("http://rasa", "secret", "http://actions", transport=rasa.transport)


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_the_answers_come_back_with_their_buttons() -> None:
    answers = [{"recipient_id": "s", "text": "Hola", "buttons": [{"title": "A", "payload": "/a"}]}]
    assert run(client(FakeRasa(default=answers)).send("s", "hola")) == answers


@pytest.mark.parametrize("status", [500, 503, 404, 429])
def test_rasa_failing_means_retry_later_not_an_empty_answer(status: int) -> None:
    rasa = FakeRasa()
    rasa.down(status)
    with pytest.raises(RasaUnavailable):
        run(client(rasa).send("s", "hola"))


def test_silence_with_the_action_server_down_means_retry_later() -> None:
    rasa = FakeRasa(default=[])
    rasa.actions_alive = False
    with pytest.raises(RasaUnavailable, match="action server"):
        run(client(rasa).send("s", "hola"))
    rasa.actions_alive = True
    assert run(client(rasa).send("s", "hola")) == []


def test_rasa_unreachable_means_retry_later() -> None:
    rasa = FakeRasa()
    rasa.down(httpx.ConnectError)
    with pytest.raises(RasaUnavailable, match="unreachable"):
        run(client(rasa).send("s", "hola"))


def test_a_guessed_language_never_overwrites_a_chosen_one() -> None:
    rasa = FakeRasa()
    rasa.slots["s"] = {"language": "quc"}
    run(client(rasa).preset_slot("s", "language", "es"))
    assert rasa.slots["s"]["language"] == "quc"
    rasa.slots["s"] = {"language": None}
    run(client(rasa).preset_slot("s", "language", "es"))
    assert rasa.slots["s"]["language"] == "es"


def test_the_token_goes_with_tracker_calls_and_not_with_messages() -> None:
    fake = FakeRasa(default=[{"text": "hi"}])
    fake.slots["s"] = {"language": "en"}
    rasa = client(fake)
    assert run(rasa.slot("s", "language")) == "en"
    run(rasa.send("s", "hi"))
    tracker, webhook = fake.requests[0], fake.requests[1]
    assert tracker.url.params["token"] == "secret"
    assert "token" not in webhook.url.params


def test_the_blocking_facade_reads_replies_the_same_way() -> None:
    fake = FakeRasa()
    fake.slots["s"] = {"country": "MX"}
    fake.webhook_response = httpx.Response(200, json=[{"text": "ok"}])  # Rasa's answer as it comes
    sync = RasaClient("http://rasa", "secret", transport=fake.sync_transport)
    assert sync.is_ready()
    assert sync.send("s", "hola") == [{"text": "ok"}]
    assert sync.tracker("s")["slots"]["country"] == "MX"
    down = FakeRasa()
    down.down(503)
    failing = RasaClient("http://rasa", "secret", transport=down.sync_transport)
    with pytest.raises(RasaUnavailable):
        failing.send("s", "hola")
