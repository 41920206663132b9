"""What every part of the emulator shares: its state behind one lock, and change notification.

The emulator is one class (emulator.py) put together from parts, each a module: the
server, the users, the records, the faults and each group of Bot API methods. Each part
is a subclass of EmulatorCore, which holds the state they all read and change. Test
threads and the server's event loop both use it: every change happens with the lock
held and ends in `_changed_locked`, which wakes whoever waits on either side.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

from aiohttp import web

from tests.support.telegram_emulator.state import Pending, State
from tests.support.telegram_emulator.wire import JSON, Params, bad_request

FIRST_UPDATE_ID = 1000

Handler = Callable[[Params], Awaitable[Any]]


class EmulatorCore:
    """The shared state of a Telegram Bot API on 127.0.0.1, and the helpers every part uses."""

    def __init__(self, token: str = "123456:TEST-TOKEN", bot_username: str = "senda_test_bot") -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_user: JSON = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Senda",
            "username": bot_username,
        }
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._version = 0
        self._state = State()
        self._update_ids = itertools.count(FIRST_UPDATE_ID)
        self._query_ids = itertools.count(4_000_000_000_000_000)
        self._port = 0
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._runner: Optional[web.AppRunner] = None
        self._delivery: Optional[asyncio.Task] = None
        self._arrived: Optional[asyncio.Event] = None
        self._handlers: Dict[str, Tuple[str, Handler]] = {
            name.lower(): (name, handler) for name, handler in self._methods().items()
        }

    # --- change notification ------------------------------------------------------------------

    def _changed_locked(self) -> None:
        """Call with the lock held: wakes test threads, and the server's waiters."""
        self._version += 1
        self._changed.notify_all()
        loop = self._loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(self._poke)

    def _poke(self) -> None:
        """In the loop: wake long polls and webhook delivery (each waits on the current Event)."""
        if self._arrived is not None:
            self._arrived.set()
            self._arrived = asyncio.Event()

    async def _wait_change(self, event: asyncio.Event, timeout: Optional[float]) -> None:
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except asyncio.TimeoutError:
            pass

    # --- shared by the parts ------------------------------------------------------------------

    def _user_locked(
        self, chat_id: int, language_code: Optional[str] = None, first_name: Optional[str] = None
    ) -> JSON:
        user = self._state.users.setdefault(
            chat_id, {"id": chat_id, "is_bot": False, "first_name": first_name or "Ana"}
        )
        if first_name:
            user["first_name"] = first_name
        if language_code:
            user["language_code"] = language_code
        return dict(user)

    def _chat(self, chat_id: int) -> JSON:
        return {"id": chat_id, "first_name": self._state.users[chat_id]["first_name"], "type": "private"}

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._state.message_ids.setdefault(chat_id, itertools.count(1)))

    def _known_chat_locked(self, params: Params) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id not in self._state.users:
            raise bad_request("chat not found")
        return chat_id

    def _deliverable_locked(self) -> List[Pending]:
        """Pending updates, dropping the kinds the bot did not ask for (as Telegram does)."""
        allowed = self._state.allowed
        if allowed:
            self._state.pending[:] = [e for e in self._state.pending if e.kind in allowed]
        return self._state.pending

    def _canonical(self, method: str) -> str:
        try:
            return self._handlers[method.lower()][0]
        except KeyError:
            raise ValueError(f"the emulator has no method {method!r}") from None

    # --- provided by the parts (emulator.py puts them together) -------------------------------

    def _methods(self) -> Dict[str, Handler]:
        """Each Bot API method's name, as Telegram spells it, and its handler."""
        raise NotImplementedError

    async def _deliver_webhook(self) -> None:
        """The server's background task: POST pending updates to the webhook while one is set."""
        raise NotImplementedError
