"""Slow down password guessing: after 5 failures in 15 minutes for one user name
(or 20 from one address, since an office shares one), logins for it are refused
for a minute, even with the right password."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from typing import Callable, Deque, Dict, Iterable


class LoginThrottle:
    def __init__(
        self,
        max_failures: int = 5,
        window: float = 900.0,
        lock: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.lock = lock
        self._clock = clock
        self._failures: Dict[str, Deque[float]] = defaultdict(deque)
        self._locked_until: Dict[str, float] = {}

    def wait(self, keys: Iterable[str]) -> float:
        """Seconds until any of these keys (user name, address) may try again; 0: now."""
        now = self._clock()
        return max([self._locked_until.get(key, 0.0) - now for key in keys] + [0.0])

    def failed(self, keys: Iterable[str]) -> None:
        now = self._clock()
        for key in keys:
            recent = self._failures[key]
            recent.append(now)
            while recent and recent[0] <= now - self.window:
                recent.popleft()
            if len(recent) >= self.max_failures:
                self._locked_until[key] = now + self.lock
                recent.clear()

    def succeeded(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._failures.pop(key, None)
            self._locked_until.pop(key, None)
