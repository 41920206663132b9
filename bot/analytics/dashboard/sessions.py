"""Login sessions: a random token in an HttpOnly cookie, the session kept in memory.

In memory because the dashboard is one process: a restart logs everyone out,
which is acceptable for a staff tool and leaves nothing on disk to steal.
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Callable, Dict, Optional

COOKIE = "senda_session"
DEFAULT_LIFETIME = 8 * 3600.0


@dataclass(frozen=True)
class Session:
    token: str
    user: str
    csrf: str  # echoed by every form that changes something (logout)
    expires_at: float  # on the store's clock


class SessionStore:
    def __init__(
        self, lifetime: float = DEFAULT_LIFETIME, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.lifetime = lifetime
        self._clock = clock
        self._sessions: Dict[str, Session] = {}

    def create(self, user: str) -> Session:
        self._forget_expired()
        session = Session(
            token=secrets.token_urlsafe(32),
            user=user,
            csrf=secrets.token_urlsafe(32),
            expires_at=self._clock() + self.lifetime,
        )
        self._sessions[session.token] = session
        return session

    def get(self, token: Optional[str]) -> Optional[Session]:
        session = self._sessions.get(token or "")
        if session is None:
            return None
        if session.expires_at <= self._clock():
            self._sessions.pop(session.token, None)
            return None
        return session

    def drop(self, token: Optional[str]) -> Optional[Session]:
        return self._sessions.pop(token or "", None)

    def _forget_expired(self) -> None:
        now = self._clock()
        for token in [t for t, s in self._sessions.items() if s.expires_at <= now]:
            del self._sessions[token]


def same_token(given: Optional[str], expected: Optional[str]) -> bool:
    """Constant-time comparison of two tokens; a missing one never matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
