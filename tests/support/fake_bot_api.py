"""An in-process Telegram Bot API for the handler tests: a python-telegram-bot BaseRequest.

The bot's every call (getMe, sendMessage, editMessageReplyMarkup, answerCallbackQuery,
sendChatAction, setMyCommands…) lands in `do_request` instead of the network; it is
recorded (method and parameters) and answered as Telegram would, in shape, without
Telegram's checks (those are tests/support/telegram_emulator.py's, for the end-to-end
tests). A test reads back what a user would see (`sent`, `texts`) and what else the bot
asked for (`calls`); `fail` makes the next calls of a method fail as Telegram does, and
`on_call` lets a test look at the bot's state the moment it sends something.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Any, Callable, Deque, Dict, Iterator, List, Optional, Tuple

from telegram.request import BaseRequest, RequestData

JSON = Dict[str, Any]

BOT_USER: JSON = {"id": 4242, "is_bot": True, "first_name": "Senda", "username": "senda_test_bot"}
# Methods that only say "done" (True).
ACKNOWLEDGED = frozenset(
    {
        "answerCallbackQuery",
        "sendChatAction",
        "setMyCommands",
        "deleteMyCommands",
        "deleteMessage",
        "deleteWebhook",
        "setWebhook",
        "close",
        "logOut",
    }
)
EDITS = frozenset({"editMessageText", "editMessageReplyMarkup"})
TAG = re.compile(r"<[^>]+>")


@dataclass
class Call:
    method: str
    params: JSON


def plain(message: JSON) -> str:
    """What the user reads of a sent message: its HTML without tags, entities decoded."""
    return html.unescape(TAG.sub("", message.get("text") or ""))


def buttons(message: JSON) -> List[JSON]:
    """The buttons under a message (inline) or of its reply keyboard, in order."""
    markup = message.get("reply_markup") or {}
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [button for row in rows for button in row]


def as_telegram_returns(message: JSON) -> JSON:
    """A sent message as Telegram answers it: a reply keyboard (or its removal) is not in
    it, only an inline keyboard; nor the reply parameters (kept here for the tests)."""
    returned = {k: v for k, v in message.items() if k not in ("reply_markup", "reply_parameters")}
    if isinstance(message.get("reply_markup"), dict) and "inline_keyboard" in message["reply_markup"]:
        returned["reply_markup"] = message["reply_markup"]
    return returned


class FakeBotApi(BaseRequest):
    def __init__(self) -> None:
        self.calls: List[Call] = []
        self._ids: Dict[int, Iterator[int]] = defaultdict(lambda: itertools.count(1))
        self._messages: Dict[Tuple[int, int], JSON] = {}  # the bot's, as last edited
        self._sent: Dict[int, List[int]] = defaultdict(list)  # chat → the bot's message ids
        self._failures: Dict[str, Deque[Tuple[int, str]]] = defaultdict(deque)
        self._changed: Optional[asyncio.Condition] = None
        # Called with each call before it is answered: a test looks at the bot's state then.
        self.on_call: List[Callable[[Call], None]] = []

    # --- BaseRequest ----------------------------------------------------------------------
    @property
    def read_timeout(self) -> Optional[float]:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: Optional[RequestData] = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> Tuple[int, bytes]:
        name = url.rstrip("/").rsplit("/", 1)[-1]
        # A JSON round trip: what was sent, detached from the bot's own objects.
        params: JSON = json.loads(json.dumps(request_data.parameters)) if request_data else {}
        call = Call(name, params)
        self.calls.append(call)
        try:
            for hook in self.on_call:
                hook(call)
            if self._failures[name]:
                code, description = self._failures[name].popleft()
                return code, json.dumps(
                    {"ok": False, "error_code": code, "description": description}
                ).encode()
            result = self._answer(name, params)
            if result is None:
                return 404, json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}).encode()
            return 200, json.dumps({"ok": True, "result": result}).encode()
        finally:
            await self._notify()

    def _answer(self, name: str, params: JSON) -> Any:
        if name == "getMe":
            return BOT_USER
        if name == "getUpdates":
            return []
        if name == "getMyCommands":
            return []
        if name in ACKNOWLEDGED:
            return True
        if name == "sendMessage":
            chat_id = int(params["chat_id"])
            message = self.message(chat_id, BOT_USER, text=params.get("text", ""))
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            if "reply_parameters" in params:
                message["reply_parameters"] = params["reply_parameters"]
            self._messages[(chat_id, message["message_id"])] = message
            self._sent[chat_id].append(message["message_id"])
            return as_telegram_returns(message)
        if name in EDITS:
            key = (int(params["chat_id"]), int(params["message_id"]))
            edited = self._messages.get(key)
            if edited is None:  # a user's message, or one this fake never sent
                return True
            if "text" in params:
                edited["text"] = params["text"]
            edited["reply_markup"] = params.get("reply_markup")
            return as_telegram_returns(edited)
        return None

    async def _notify(self) -> None:
        if self._changed is None:
            self._changed = asyncio.Condition()
        async with self._changed:
            self._changed.notify_all()

    # --- what a test does ---------------------------------------------------------------------
    def message_id(self, chat_id: int) -> int:
        """The next message id of a chat (user's and bot's messages share one sequence)."""
        return next(self._ids[chat_id])

    def message(self, chat_id: int, sender: JSON, **content: Any) -> JSON:
        """A message in a chat, as Telegram would shape it, with the chat's next id."""
        return {
            "message_id": self.message_id(chat_id),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": sender,
            **content,
        }

    def fail(self, method: str, code: int, description: str, times: int = 1) -> None:
        """The next `times` calls of `method` get Telegram's error answer."""
        self._failures[method].extend([(code, description)] * times)

    # --- what a test reads --------------------------------------------------------------------
    def sent(self, chat_id: int) -> List[JSON]:
        """The bot's messages in a chat, in order, each as last edited, with the markup and
        reply parameters it was sent with."""
        return [dict(self._messages[(chat_id, mid)]) for mid in self._sent[chat_id]]

    def texts(self, chat_id: int) -> List[str]:
        return [plain(message) for message in self.sent(chat_id)]

    def calls_of(self, method: str, **params: Any) -> List[JSON]:
        """The parameters of each call of `method` whose parameters include `params`."""
        return [
            call.params
            for call in self.calls
            if call.method == method and all(call.params.get(k) == v for k, v in params.items())
        ]

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:
        """Wait until the bot's calls so far make `condition` true; AssertionError on timeout."""
        if self._changed is None:
            self._changed = asyncio.Condition()
        try:
            async with self._changed:
                await asyncio.wait_for(self._changed.wait_for(condition), timeout)
        except asyncio.TimeoutError:
            raise AssertionError(f"not seen within {timeout}s; calls: {self.calls}") from None
