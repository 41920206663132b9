"""Updates of one chat are answered one after another, in order; chats run side by side.

A python-telegram-bot update processor: each chat's updates form a chain (the
next waits for the one before), created before the first `await` so the order
in which Telegram sent them is kept. Once an update is handled it is marked
answered in the inbox.

One exception: a message naming danger (bot/telegram/urgent.py) does not queue behind the
chat's earlier messages (a flood being slowed, a long answer): it is answered at
once, and the chat's order goes on after it for everything else.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Dict, Optional, Set

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.telegram.storage import Inbox
from bot.telegram.urgent import danger_in

logger = logging.getLogger(__name__)


def chat_of(update: object) -> Optional[int]:
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


class ChatOrderedProcessor(BaseUpdateProcessor):
    def __init__(self, inbox: Inbox, max_concurrent_updates: int = 4096) -> None:
        super().__init__(max_concurrent_updates)
        self.inbox = inbox
        # Update ids left for after a restart (shared with Senda): not marked answered.
        self.deferred: Set[int] = set()
        self._tails: Dict[int, "asyncio.Future[None]"] = {}
        # Chats with an update left for the restart: their later updates wait too.
        self._stalled: Set[int] = set()

    def waiting(self, chat_id: int) -> bool:
        return chat_id in self._tails

    # PTB marks process_update final (it takes a slot of max_concurrent_updates, then calls
    # do_process_update); overridden on purpose: the chat's chain is made here, before any
    # await, and an update waiting for its turn holds no slot.
    async def process_update(  # type: ignore[misc]
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        chat_id = chat_of(update)
        if chat_id is None:
            await self.do_process_update(update, coroutine)
            return
        previous = self._tails.get(chat_id)
        if previous is not None and not previous.done() and danger_in(update) is not None:
            await self.do_process_update(update, coroutine)  # danger first, not in the queue
            return
        done: "asyncio.Future[None]" = asyncio.get_running_loop().create_future()
        self._tails[chat_id] = done
        try:
            if previous is not None:
                await asyncio.shield(previous)
            if chat_id in self._stalled and isinstance(update, Update):
                coroutine.close()  # type: ignore[attr-defined]  # never answer out of order
                return
            await self.do_process_update(update, coroutine)
        finally:
            done.set_result(None)
            if self._tails.get(chat_id) is done:
                del self._tails[chat_id]

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine
        if isinstance(update, Update) and update.update_id in self.deferred:
            self.deferred.discard(update.update_id)
            if update.effective_chat is not None:
                self._stalled.add(update.effective_chat.id)
        elif isinstance(update, Update):
            try:
                await asyncio.to_thread(self.inbox.mark_answered, update.update_id)
            except Exception:  # the reply was sent; a restart will not send it again
                logger.exception("could not mark update %s answered", update.update_id)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass
