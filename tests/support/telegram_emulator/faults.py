"""Faults a test injects: the next calls of a method answered with an error, or cut off."""

from __future__ import annotations

from collections import deque
from http import HTTPStatus
from typing import Optional

from tests.support.telegram_emulator.core import EmulatorCore
from tests.support.telegram_emulator.state import Fault
from tests.support.telegram_emulator.wire import ERROR_TEXTS, ApiError


class Faults(EmulatorCore):
    """Errors and dropped connections, queued per method."""

    def fail_next(
        self,
        method: str,
        times: int = 1,
        error_code: int = 429,
        retry_after: Optional[int] = 1,
        description: Optional[str] = None,
    ) -> None:
        """The next `times` calls of `method` get this error instead of taking effect."""
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if error_code == 429 and retry_after is not None
                else ERROR_TEXTS.get(error_code) or HTTPStatus(error_code).phrase
            )
        parameters = {"retry_after": retry_after} if error_code == 429 and retry_after is not None else None
        self._add_faults(method, times, Fault(False, ApiError(error_code, description, parameters)))

    def drop_next(self, method: str, times: int = 1) -> None:
        """The next `times` calls of `method` get the connection closed, with no effect."""
        self._add_faults(method, times, Fault(True))

    def _add_faults(self, method: str, times: int, fault: Fault) -> None:
        name = self._canonical(method)
        with self._lock:
            self._state.faults.setdefault(name, deque()).extend([fault] * times)
