"""A fake Rasa for the handler tests: an httpx.MockTransport on the routes bot/rasa_client.py
calls, answering what the test chose and recording what it was sent. No model, no network;
`transport` serves the Telegram bot's AsyncRasaClient, `sync_transport` the blocking
RasaClient (without the slow answers, which need an event loop).

Routes, as bot/rasa_client.py's Routes names them: the REST channel (POST webhook), a
conversation's tracker (GET, its slots only) and its events (POST, slot events), the
server's status (a model loaded), and the action server's GET /health. A payload's entities fill the slots
of the same name, as responses/domain.yml's from_entity mappings do in Rasa
(`/set_language{"language":"en"}` sets `language`); a test sets other slots in `slots`.
`down()` makes Rasa fail (a refused connection, or an HTTP status) until `up()`.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Optional, Union

import httpx

from actions.content.ids import payload_parts
from bot.rasa_client import Routes

Replies = List[Dict[str, Any]]
Answer = Union[Replies, Callable[[str, str], Replies]]

ROUTES = Routes("", "")  # the paths alone
CONVERSATIONS = ROUTES.tracker("").split("/tracker")[0]  # "/conversations/"


@dataclass
class Received:
    sender: str
    message: str


def text(*texts: str, buttons: Optional[List[Dict[str, str]]] = None) -> Replies:
    """Rasa's REST answer of one or more texts; `buttons` under the last one."""
    replies: Replies = [{"recipient_id": "", "text": t} for t in texts]
    if buttons and replies:
        replies[-1]["buttons"] = buttons
    return replies


class FakeRasa:
    def __init__(self, default: Optional[Answer] = None) -> None:
        # What Rasa answers a message it has no answer for; a function gets (sender, message).
        self.default: Answer = default if default is not None else text("Rasa's answer")
        self.answers: Dict[str, Answer] = {}
        self.delays: Dict[str, float] = {}  # a slow answer: seconds Rasa takes for it
        self.received: List[Received] = []  # the messages Rasa got, as they arrived
        self.requests: List[httpx.Request] = []  # every request, any route
        self.refused = 0  # messages sent while Rasa was down
        self.slots: Dict[str, Dict[str, Any]] = {}
        self.actions_alive = True
        # The REST channel's answer as it comes, when a test wants one reply() would refuse.
        self.webhook_response: Optional[httpx.Response] = None
        self._failure: Optional[Union[int, type[httpx.TransportError]]] = None
        self.transport = httpx.MockTransport(self.handle)
        self.sync_transport = httpx.MockTransport(self.respond)

    # --- what a test chooses -----------------------------------------------------------------
    def answer(self, message: str, replies: Answer, after: float = 0.0) -> None:
        """Rasa's replies to `message`, given `after` seconds (a slow model, a slow action)."""
        self.answers[message] = replies
        self.delays[message] = after

    def down(self, failure: Union[int, type[httpx.TransportError]] = httpx.ConnectError) -> None:
        """Every Rasa route fails: an HTTP status (500…) or a transport error raised."""
        self._failure = failure

    def up(self) -> None:
        self._failure = None

    # --- what a test reads -------------------------------------------------------------------
    def messages(self, sender: Optional[str] = None) -> List[str]:
        return [r.message for r in self.received if sender is None or r.sender == sender]

    # --- the server ----------------------------------------------------------------------------
    async def handle(self, request: httpx.Request) -> httpx.Response:
        response = self.respond(request)
        if request.url.path == ROUTES.webhook and response.is_success:
            delay = self.delays.get(str(json.loads(request.content)["message"]))
            if delay:
                await asyncio.sleep(delay)
        return response

    def respond(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        path = request.url.path
        if path == ROUTES.health:  # the action server, apart from Rasa
            return httpx.Response(200 if self.actions_alive else 503, json={"status": "ok"})
        if self._failure is not None:
            if path == ROUTES.webhook:
                self.refused += 1
            if isinstance(self._failure, int):
                return httpx.Response(self._failure, text="Rasa is failing")
            raise self._failure("Rasa is down", request=request)
        if path == ROUTES.webhook and request.method == "POST":
            return self._message(json.loads(request.content))
        if path == ROUTES.status:
            return httpx.Response(200, json={"model_id": "fake-model"})
        if path.startswith(CONVERSATIONS):
            sender = path[len(CONVERSATIONS) :].split("/", 1)[0]
            if path == ROUTES.events(sender) and request.method == "POST":
                for event in json.loads(request.content):
                    if event.get("event") == "slot":
                        self.slots.setdefault(sender, {})[event["name"]] = event["value"]
                return self._tracker(sender)
            if path == ROUTES.tracker(sender) and request.method == "GET":
                return self._tracker(sender)
        return httpx.Response(404, json={"error": f"no route {request.method} {path}"})

    def _message(self, body: Dict[str, Any]) -> httpx.Response:
        sender, message = str(body["sender"]), str(body["message"])
        self.received.append(Received(sender, message))
        if self.webhook_response is not None:
            return self.webhook_response
        parts = payload_parts(message) if message.startswith("/") else None
        if parts:
            self.slots.setdefault(sender, {}).update(parts[1])
        answer = self.answers.get(message, self.default)
        replies = answer(sender, message) if callable(answer) else answer
        return httpx.Response(200, json=[{**r, "recipient_id": sender} for r in replies])

    def _tracker(self, sender: str) -> httpx.Response:
        return httpx.Response(
            200, json={"sender_id": sender, "slots": dict(self.slots.get(sender, {})), "events": []}
        )
