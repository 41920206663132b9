"""Talk to the Rasa server: the REST channel for messages, the HTTP API for trackers."""
from __future__ import annotations

from typing import Any, Dict, List

import requests


class RasaClient:
    def __init__(self, base_url: str, token: str, timeout: float = 60.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self.session = requests.Session()

    def is_ready(self) -> bool:
        """True when the server answers and has a model loaded."""
        try:
            reply = self.session.get(f"{self.base_url}/status", params={"token": self.token},
                                     timeout=2)
            return reply.ok and bool(reply.json().get("model_id"))
        except (requests.RequestException, ValueError):
            return False

    def send(self, sender: str, text: str) -> List[Dict[str, Any]]:
        reply = self.session.post(
            f"{self.base_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=self.timeout,
        )
        reply.raise_for_status()
        return reply.json() or []

    def tracker(self, sender: str) -> Dict[str, Any]:
        reply = self.session.get(
            f"{self.base_url}/conversations/{sender}/tracker",
            params={"token": self.token, "include_events": "ALL"},
            timeout=self.timeout,
        )
        reply.raise_for_status()
        return reply.json()
