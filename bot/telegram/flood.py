"""A per-chat flood limit: past N messages a window (a minute) a chat is slowed, never dropped."""

from __future__ import annotations

import time
from collections import deque
from typing import Callable, Deque, Dict


class FloodGate:
    def __init__(
        self, per_minute: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute = per_minute
        self.window = window
        self.clock = clock
        self._seen: Dict[int, Deque[float]] = {}
        self._warned: set[int] = set()

    def wait_needed(self, chat_id: int) -> float:
        """Seconds to wait before this chat's next message may be handled."""
        window = self._seen.setdefault(chat_id, deque())
        now = self.clock()
        while window and now - window[0] >= self.window:
            window.popleft()
        if len(window) < self.per_minute:
            if len(window) < self.per_minute // 2:
                self._warned.discard(chat_id)  # calm again: warn afresh next time
            return 0.0
        return self.window - (now - window[0])

    def record(self, chat_id: int) -> None:
        self._seen.setdefault(chat_id, deque()).append(self.clock())

    def first_warning(self, chat_id: int) -> bool:
        """True once per flood, so the slow-down notice is not itself a flood."""
        if chat_id in self._warned:
            return False
        self._warned.add(chat_id)
        return True

    def forget(self, chat_id: int) -> None:
        self._seen.pop(chat_id, None)
        self._warned.discard(chat_id)
