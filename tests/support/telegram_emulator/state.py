"""The emulator's state: users and chats, every message, the bot's records, pending updates.

All of it sits in one State behind the emulator's lock (core.py); the other classes
are its parts.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Deque, Dict, Iterator, List, Optional, Tuple

from tests.support.telegram_emulator.wire import JSON, ApiError


@dataclass
class Fault:
    """An injected fault: the connection cut off (drop), or this error answered."""

    drop: bool
    error: Optional[ApiError] = None


@dataclass
class Pending:
    """An update waiting for the bot, until a getUpdates offset or the webhook confirms it."""

    update: JSON
    resent: bool = False  # a re-delivery: survives confirmation until handed out once
    handed_out: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])

    @property
    def kind(self) -> str:
        return next(key for key in self.update if key != "update_id")


@dataclass
class Sent:
    """A bot message: what Telegram returns for it, and the markup the bot attached."""

    method: str
    message: JSON
    markup: Optional[JSON] = None

    def view(self) -> JSON:
        view = copy.deepcopy(self.message)
        view["method"] = self.method
        if self.markup is not None:
            view["reply_markup"] = copy.deepcopy(self.markup)
        return view


@dataclass
class Query:
    """A button press, answered once by answerCallbackQuery."""

    chat_id: int
    answered: bool = False


@dataclass
class State:
    """Everything the emulator knows; read and changed only with its lock held."""

    users: Dict[int, JSON] = field(default_factory=dict)
    message_ids: Dict[int, Iterator[int]] = field(default_factory=dict)
    store: Dict[Tuple[int, int], JSON] = field(default_factory=dict)  # every message, by chat
    sent: Dict[Tuple[int, int], Sent] = field(default_factory=dict)  # the bot's, by chat
    shown: Dict[int, List[int]] = field(default_factory=dict)  # recorded bot message ids
    calls: List[JSON] = field(default_factory=list)
    updates: Dict[int, JSON] = field(default_factory=dict)
    pending: List[Pending] = field(default_factory=list)
    allowed: List[str] = field(default_factory=list)
    queries: Dict[str, Query] = field(default_factory=dict)
    commands: Dict[Tuple[str, str], List[JSON]] = field(default_factory=dict)
    faults: Dict[str, Deque[Fault]] = field(default_factory=dict)
    webhook: Optional[JSON] = None
    webhook_error: Optional[Tuple[int, str]] = None
    poller: int = 0
    closing: bool = False
