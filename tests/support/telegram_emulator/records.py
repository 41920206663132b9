"""What the bot did, as tests read it back: its calls, its messages as they now are, waiting."""

from __future__ import annotations

import copy
import time
from typing import Callable, List, Optional

from tests.support.telegram_emulator.checks import scope_key
from tests.support.telegram_emulator.core import EmulatorCore
from tests.support.telegram_emulator.wire import JSON


class Records(EmulatorCore):
    """The record of the bot's calls and messages."""

    def calls(self, method: Optional[str] = None, chat_id: Optional[int] = None) -> List[JSON]:
        """Successful API calls in order: {"method", "params", "time", "result"}.

        getUpdates is recorded when it starts (result None until it returns).
        """
        wanted = self._canonical(method) if method else None
        with self._lock:
            return [
                copy.deepcopy(call)
                for call in self._state.calls
                if (wanted is None or call["method"] == wanted)
                and (chat_id is None or call["params"].get("chat_id") == chat_id)
            ]

    def messages(self, chat_id: int) -> List[JSON]:
        """The bot's messages in the chat, as they are now (edits applied), each with "method"."""
        with self._lock:
            return [
                self._state.sent[(chat_id, message_id)].view()
                for message_id in self._state.shown.get(chat_id, [])
            ]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
        """Poll `predicate` until true or `timeout`; returns its last value."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                seen = self._version
            if predicate():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            with self._lock:
                if self._version == seen:
                    # Bounded: the predicate may depend on things outside the emulator.
                    self._changed.wait(min(remaining, 0.1))

    def wait_messages(self, chat_id: int, count: int, timeout: float = 30.0) -> List[JSON]:
        self.wait_for(lambda: len(self.messages(chat_id)) >= count, timeout)
        return self.messages(chat_id)

    def reset_records(self) -> None:
        """Forget recorded calls and messages; chats, buttons and pending updates stay."""
        with self._lock:
            self._state.calls.clear()
            self._state.shown.clear()
            self._changed_locked()

    def commands(self, scope: Optional[JSON] = None, language_code: str = "") -> List[JSON]:
        with self._lock:
            return copy.deepcopy(self._state.commands.get((scope_key(scope), language_code), []))
