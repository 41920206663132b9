"""The Rasa client against a fake Rasa (httpx.MockTransport): what the bot does when Rasa
or the action server cannot answer, and that a guessed language never beats a choice."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Callable, Dict, List, Optional

import httpx
import pytest

from bot.rasa_client import AsyncRasaClient, RasaClient, RasaUnavailable

Handler = Callable[[httpx.Request], httpx.Response]


def fake_rasa(
    slots: Dict[str, Any],
    answers: List[Dict[str, Any]],
    status: int = 200,
    actions_up: bool = True,
    seen: Optional[List[httpx.Request]] = None,
) -> Handler:
    def handle(request: httpx.Request) -> httpx.Response:
        if seen is not None:
            seen.append(request)
        path = request.url.path
        if path == "/health":
            return httpx.Response(200 if actions_up else 503)
        if path == "/webhooks/rest/webhook":
            return httpx.Response(status, json=answers)
        if path.endswith("/tracker/events"):
            for event in json.loads(request.content):
                slots[event["name"]] = event["value"]
            return httpx.Response(200, json={})
        if path.endswith("/tracker"):
            return httpx.Response(200, json={"slots": slots, "events": []})
        if path == "/status":
            return httpx.Response(200, json={"model_id": "m1"})
        return httpx.Response(404)

    return handle


def client(handler: Handler) -> AsyncRasaClient:
    return AsyncRasaClient("http://rasa", "secret", "http://actions", transport=httpx.MockTransport(handler))


def run(coroutine: Any) -> Any:
    return asyncio.run(coroutine)


def test_the_answers_come_back_with_their_buttons() -> None:
    answers = [{"recipient_id": "s", "text": "Hola", "buttons": [{"title": "A", "payload": "/a"}]}]
    assert run(client(fake_rasa({}, answers)).send("s", "hola")) == answers


@pytest.mark.parametrize("status", [500, 503, 404, 429])
def test_rasa_failing_means_retry_later_not_an_empty_answer(status: int) -> None:
    with pytest.raises(RasaUnavailable):
        run(client(fake_rasa({}, [], status=status)).send("s", "hola"))


def test_silence_with_the_action_server_down_means_retry_later() -> None:
    with pytest.raises(RasaUnavailable, match="action server"):
        run(client(fake_rasa({}, [], actions_up=False)).send("s", "hola"))
    assert run(client(fake_rasa({}, [], actions_up=True)).send("s", "hola")) == []


def test_rasa_unreachable_means_retry_later() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(RasaUnavailable, match="unreachable"):
        run(client(refuse).send("s", "hola"))


def test_a_guessed_language_never_overwrites_a_chosen_one() -> None:
    slots: Dict[str, Any] = {"language": "quc"}
    run(client(fake_rasa(slots, [])).preset_slot("s", "language", "es"))
    assert slots["language"] == "quc"
    empty: Dict[str, Any] = {"language": None}
    run(client(fake_rasa(empty, [])).preset_slot("s", "language", "es"))
    assert empty["language"] == "es"


def test_the_token_goes_with_tracker_calls_and_not_with_messages() -> None:
    seen: List[httpx.Request] = []
    rasa = client(fake_rasa({"language": "en"}, [{"text": "hi"}], seen=seen))
    assert run(rasa.slot("s", "language")) == "en"
    run(rasa.send("s", "hi"))
    tracker, webhook = seen[0], seen[1]
    assert tracker.url.params["token"] == "secret"
    assert "token" not in webhook.url.params


def test_the_blocking_facade_reads_replies_the_same_way() -> None:
    sync = RasaClient(
        "http://rasa", "secret", transport=httpx.MockTransport(fake_rasa({"country": "MX"}, [{"text": "ok"}]))
    )
    assert sync.is_ready()
    assert sync.send("s", "hola") == [{"text": "ok"}]
    assert sync.tracker("s")["slots"]["country"] == "MX"
    failing = RasaClient(
        "http://rasa", "secret", transport=httpx.MockTransport(fake_rasa({}, [], status=503))
    )
    with pytest.raises(RasaUnavailable):
        failing.send("s", "hola")
