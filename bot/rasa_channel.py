"""The Telegram bot's side of Rasa: its REST channel and HTTP API, over httpx (asyncio)."""
from __future__ import annotations

import logging
import time
from typing import Any, Dict, List, Optional

import httpx

logger = logging.getLogger(__name__)


class RasaUnavailable(RuntimeError):
    """Rasa or the action server cannot answer now; the message is kept and retried."""


class RasaChannel:
    def __init__(self, rasa_url: str, actions_url: str, token: str, timeout: float = 60.0) -> None:
        self.rasa_url = rasa_url.rstrip("/")
        self.actions_url = actions_url.rstrip("/")
        self.token = token
        self.client = httpx.AsyncClient(timeout=timeout)

    async def close(self) -> None:
        await self.client.aclose()

    async def send(self, sender: str, message: str) -> List[Dict[str, Any]]:
        """Rasa's replies to one user message (text and buttons)."""
        try:
            reply = await self.client.post(f"{self.rasa_url}/webhooks/rest/webhook",
                                           json={"sender": sender, "message": message})
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"Rasa unreachable: {type(error).__name__}") from error
        if reply.status_code >= 500 or reply.status_code in (404, 408, 429):
            raise RasaUnavailable(f"Rasa answered HTTP {reply.status_code}")
        reply.raise_for_status()
        messages = reply.json() or []
        if not messages and not await self.actions_alive():
            # Rasa swallows a dead action server and answers nothing: retry later.
            raise RasaUnavailable("the action server is down")
        return messages

    async def actions_alive(self) -> bool:
        try:
            return (await self.client.get(f"{self.actions_url}/health", timeout=5)).is_success
        except httpx.HTTPError:
            return False

    async def slot(self, sender: str, name: str) -> Optional[Any]:
        """One slot of a conversation, or None when it is unset or Rasa is down."""
        try:
            reply = await self.client.get(
                f"{self.rasa_url}/conversations/{sender}/tracker",
                params={"token": self.token, "include_events": "NONE"}, timeout=10)
            reply.raise_for_status()
            return (reply.json().get("slots") or {}).get(name)
        except (httpx.HTTPError, ValueError):
            return None

    async def preset_slot(self, sender: str, name: str, value: str) -> None:
        """Set a slot only if the conversation has none yet (a guess never beats a choice)."""
        if await self.slot(sender, name) is not None:
            return
        # Rasa stamps an event when it parses the request, before it opens the
        # conversation's first session; the SQL store then reads only events stamped
        # after the session start. A stamp half a second ahead keeps the slot in it.
        event = {"event": "slot", "name": name, "value": value, "timestamp": time.time() + 0.5}
        try:
            reply = await self.client.post(
                f"{self.rasa_url}/conversations/{sender}/tracker/events",
                params={"token": self.token, "include_events": "NONE"},
                json=[event], timeout=10)
            reply.raise_for_status()
        except httpx.HTTPError as error:
            raise RasaUnavailable(f"could not preset {name}: {type(error).__name__}") from error
