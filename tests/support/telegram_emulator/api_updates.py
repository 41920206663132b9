"""The Bot API methods about the bot and its updates: getMe, logOut, close, getUpdates.

getUpdates long-polls like Telegram: it confirms what is below its offset, returns as
soon as something arrives, and a second poller ends the first with a conflict.
"""

from __future__ import annotations

import asyncio
import copy
import time
from typing import List, Optional

from tests.support.telegram_emulator.core import EmulatorCore
from tests.support.telegram_emulator.wire import (
    JSON,
    POLL_CONFLICT,
    WEBHOOK_CONFLICT,
    ApiError,
    Params,
    int_param,
)


class UpdateMethods(EmulatorCore):
    """getMe, logOut, close and getUpdates."""

    async def _true(self, params: Params) -> bool:
        return True

    async def _get_me(self, params: Params) -> JSON:
        return dict(
            self.bot_user,
            can_join_groups=False,
            can_read_all_group_messages=False,
            supports_inline_queries=False,
        )

    async def _get_updates(self, params: Params) -> List[JSON]:
        offset = int_param(params, "offset")
        limit = min(100, max(1, int_param(params, "limit", 100) or 100))
        timeout = max(0, int_param(params, "timeout", 0) or 0)
        allowed = params.get("allowed_updates")
        with self._lock:
            if self._state.webhook is not None:
                raise ApiError(409, WEBHOOK_CONFLICT)
            self._confirm_locked(offset)
            if isinstance(allowed, list):
                self._state.allowed = [str(kind) for kind in allowed]
            self._state.poller += 1
            me = self._state.poller
            call = {
                "method": "getUpdates",
                "params": copy.deepcopy(params),
                "time": time.monotonic(),
                "result": None,
            }
            self._state.calls.append(call)
            self._changed_locked()
        try:
            batch = await self._long_poll(me, offset, limit, timeout)
        except ApiError:
            with self._lock:
                self._state.calls.remove(call)
            raise
        with self._lock:
            call["result"] = copy.deepcopy(batch)
            self._changed_locked()
        return batch

    async def _long_poll(self, me: int, offset: Optional[int], limit: int, timeout: int) -> List[JSON]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._arrived
            assert event is not None
            with self._lock:
                if self._state.poller != me:
                    raise ApiError(409, POLL_CONFLICT)
                if self._state.webhook is not None:
                    raise ApiError(409, WEBHOOK_CONFLICT)
                batch = self._hand_out_locked(offset, limit)
                closing = self._state.closing
            remaining = deadline - loop.time()
            if batch or closing or remaining <= 0:
                return batch
            await self._wait_change(event, remaining)

    def _confirm_locked(self, offset: Optional[int]) -> None:
        """Updates below `offset` are forgotten for good (re-sends only once handed out)."""
        pending = self._state.pending
        if offset is None or offset == 0:
            return
        if offset < 0:
            del pending[: max(0, len(pending) + offset)]
            return
        pending[:] = [
            entry for entry in pending if entry.update_id >= offset or (entry.resent and not entry.handed_out)
        ]

    def _hand_out_locked(self, offset: Optional[int], limit: int) -> List[JSON]:
        batch = [
            entry
            for entry in self._deliverable_locked()
            if offset is None
            or offset <= 0
            or entry.update_id >= offset
            or (entry.resent and not entry.handed_out)
        ][:limit]
        for entry in batch:
            entry.handed_out = True
        return [copy.deepcopy(entry.update) for entry in batch]
