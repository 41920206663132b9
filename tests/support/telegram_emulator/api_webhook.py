"""The Bot API's webhook methods, and the delivery of updates to a webhook once one is set.

As Telegram does: one update at a time, in order, retried until the webhook answers 2xx,
with the secret token in a header; getUpdates is refused while a webhook is set.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Optional

import aiohttp

from tests.support.telegram_emulator.checks import SECRET_TOKEN
from tests.support.telegram_emulator.core import EmulatorCore
from tests.support.telegram_emulator.wire import JSON, Params, bad_request

WEBHOOK_RETRY = 0.5  # seconds between attempts at an update the webhook refused


class WebhookMethods(EmulatorCore):
    """setWebhook, deleteWebhook, getWebhookInfo, and the delivery task."""

    async def _set_webhook(self, params: Params) -> bool:
        url = str(params.get("url") or "")
        secret = params.get("secret_token")
        if secret is not None and not SECRET_TOKEN.match(str(secret)):
            raise bad_request("secret token contains unallowed characters")
        if url and not re.match(r"^https?://", url):
            raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        with self._lock:
            if params.get("drop_pending_updates"):
                self._state.pending.clear()
            allowed = params.get("allowed_updates")
            if isinstance(allowed, list):
                self._state.allowed = [str(kind) for kind in allowed]
            self._state.webhook = {"url": url, "secret_token": secret and str(secret)} if url else None
            self._state.webhook_error = None
            self._changed_locked()
        return True

    async def _delete_webhook(self, params: Params) -> bool:
        with self._lock:
            if params.get("drop_pending_updates"):
                self._state.pending.clear()
            self._state.webhook = None
            self._changed_locked()
        return True

    async def _get_webhook_info(self, params: Params) -> JSON:
        with self._lock:
            state = self._state
            info: JSON = {
                "url": state.webhook["url"] if state.webhook else "",
                "has_custom_certificate": False,
                "pending_update_count": len(state.pending),
            }
            if state.webhook and state.allowed:
                info["allowed_updates"] = list(state.allowed)
            if state.webhook and state.webhook_error:
                info["last_error_date"], info["last_error_message"] = state.webhook_error
        return info

    async def _deliver_webhook(self) -> None:
        """POST pending updates to the webhook, one at a time, in order, until each gets a 2xx."""
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while True:
                event = self._arrived
                assert event is not None
                with self._lock:
                    webhook = self._state.webhook
                    pending = self._deliverable_locked() if webhook else []
                    entry = pending[0] if pending else None
                if entry is None or webhook is None:
                    await event.wait()
                    continue
                error = await self._post_update(session, webhook, entry.update)
                with self._lock:
                    if error is None:
                        if entry in self._state.pending:
                            self._state.pending.remove(entry)
                        self._state.webhook_error = None
                    else:
                        self._state.webhook_error = (int(time.time()), error)
                    self._changed_locked()
                if error is not None:
                    await asyncio.sleep(WEBHOOK_RETRY)

    @staticmethod
    async def _post_update(session: aiohttp.ClientSession, webhook: JSON, update: JSON) -> Optional[str]:
        """None once the webhook accepted the update, else why not."""
        headers = (
            {"X-Telegram-Bot-Api-Secret-Token": webhook["secret_token"]}
            if webhook.get("secret_token")
            else {}
        )
        try:
            async with session.post(webhook["url"], json=update, headers=headers) as response:
                await response.read()
                if 200 <= response.status < 300:
                    return None
                return f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return f"Connection failed: {type(error).__name__}"
