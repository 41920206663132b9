"""The one client of the Rasa server: its REST channel for messages, its HTTP API for
trackers, and the action server's health, over httpx.

`AsyncRasaClient` is the Telegram bot's (asyncio). `RasaClient` is a small blocking
facade with the same routes and the same reading of replies, for code without an
event loop: the terminal chat, `senda eval`, the stack supervisor, tests.
"""

from __future__ import annotations

import time
from typing import Any, Dict, List, Optional

import httpx


class RasaUnavailable(RuntimeError):
    """Rasa or the action server cannot answer now; the message is kept and retried."""


class Routes:
    """Where each call goes; the API token travels as a query parameter, as Rasa wants."""

    def __init__(self, rasa_url: str, token: str, actions_url: str = "") -> None:
        self.rasa_url = rasa_url.rstrip("/")
        self.actions_url = actions_url.rstrip("/")
        self.token = token

    @property
    def webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"

    @property
    def status(self) -> str:
        return f"{self.rasa_url}/status"

    def tracker(self, sender: str) -> str:
        return f"{self.rasa_url}/conversations/{sender}/tracker"

    def events(self, sender: str) -> str:
        return f"{self.rasa_url}/conversations/{sender}/tracker/events"

    @property
    def health(self) -> str:
        return f"{self.actions_url}/health"

    def params(self, include_events: str = "NONE") -> Dict[str, str]:
        return {"token": self.token, "include_events": include_events}


def message(sender: str, text: str) -> Dict[str, str]:
    return {"sender": sender, "message": text}


def replies(reply: httpx.Response) -> List[Dict[str, Any]]:
    """Rasa's answers to one message; a reply worth retrying raises RasaUnavailable."""
    if reply.status_code >= 500 or reply.status_code in (404, 408, 429):
        raise RasaUnavailable(f"Rasa answered HTTP {reply.status_code}")
    reply.raise_for_status()
    return reply.json() or []


def has_model(reply: httpx.Response) -> bool:
    try:
        return reply.is_success and bool(reply.json().get("model_id"))
    except ValueError:
        return False


def slot_event(name: str, value: str) -> Dict[str, Any]:
    # Rasa stamps an event when it parses the request, before it opens the
    # conversation's first session; the SQL store then reads only events stamped
    # after the session start. A stamp half a second ahead keeps the slot in it.
    return {"event": "slot", "name": name, "value": value, "timestamp": time.time() + 0.5}


class AsyncRasaClient:
    def __init__(
        self,
        rasa_url: str,
        token: str,
        actions_url: str = "",
        timeout: float = 60.0,
        transport: Optional[httpx.AsyncBaseTransport] = None,
    ) -> None:
        self.routes = Routes(rasa_url, token, actions_url)
        # transport: a fake Rasa in tests (httpx.MockTransport)
        self.client = httpx.AsyncClient(timeout=timeout, transport=transport)

    async def close(self) -> None:
        await self.client.aclose()

    async def send(self, sender: str, text: str) -> List[Dict[str, Any]]:
        """Rasa's replies to one user message (text and buttons)."""
        try:
            reply = await self.client.post(self.routes.webhook, json=message(sender, text))
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"Rasa unreachable: {type(error).__name__}") from error
        answers = replies(reply)
        if not answers and not await self.actions_alive():
            # Rasa swallows a dead action server and answers nothing: retry later.
            raise RasaUnavailable("the action server is down")
        return answers

    async def actions_alive(self) -> bool:
        try:
            return (await self.client.get(self.routes.health, timeout=5)).is_success
        except httpx.HTTPError:
            return False

    async def slot(self, sender: str, name: str) -> Optional[Any]:
        """One slot of a conversation, or None when it is unset or Rasa is down."""
        try:
            reply = await self.client.get(
                self.routes.tracker(sender), params=self.routes.params(), timeout=10
            )
            reply.raise_for_status()
            return (reply.json().get("slots") or {}).get(name)
        except (httpx.HTTPError, ValueError):
            return None

    async def preset_slot(self, sender: str, name: str, value: str) -> None:
        """Set a slot only if the conversation has none yet (a guess never beats a choice)."""
        if await self.slot(sender, name) is not None:
            return
        try:
            reply = await self.client.post(
                self.routes.events(sender),
                params=self.routes.params(),
                json=[slot_event(name, value)],
                timeout=10,
            )
            reply.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"could not preset {name}: {type(error).__name__}") from error


class RasaClient:
    """The blocking facade: one shared connection pool, safe to use from several threads."""

    def __init__(
        self,
        rasa_url: str,
        token: str,
        actions_url: str = "",
        timeout: float = 60.0,
        transport: Optional[httpx.BaseTransport] = None,
    ) -> None:
        self.routes = Routes(rasa_url, token, actions_url)
        self.client = httpx.Client(timeout=timeout, transport=transport)

    def close(self) -> None:
        self.client.close()

    def is_ready(self) -> bool:
        """True when the server answers and has a model loaded."""
        try:
            return has_model(
                self.client.get(self.routes.status, params={"token": self.routes.token}, timeout=2)
            )
        except httpx.HTTPError:
            return False

    def send(self, sender: str, text: str) -> List[Dict[str, Any]]:
        return replies(self.client.post(self.routes.webhook, json=message(sender, text)))

    def tracker(self, sender: str) -> Dict[str, Any]:
        reply = self.client.get(self.routes.tracker(sender), params=self.routes.params("ALL"))
        reply.raise_for_status()
        return reply.json()
