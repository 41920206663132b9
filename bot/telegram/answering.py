"""The reply pipeline: one update answered through flood limit → Rasa (retried while it is
down, "typing…" meanwhile) → outbox → delivery.

Every reply, whatever produced it, goes through `Answering.answer`, so every reply is
recorded before it is sent and sent exactly once. Before this, the update was stored in
the inbox (durable_queue.py) and queued behind its chat's earlier updates (chat_order.py);
handlers.py chose what produces the reply.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import AsyncIterator, Awaitable, Callable, Dict, List, Optional, Set

from telegram import Update

from actions.content.ids import UTTER_SERVICE_ERROR
from actions.content.languages import language_config
from bot.identity import sender_id
from bot.rasa_client import AsyncRasaClient, RasaUnavailable
from bot.settings import Settings
from bot.telegram import own_messages
from bot.telegram.delivery import Delivery, Stopping
from bot.telegram.flood import FloodGate
from bot.telegram.messages import split_text
from bot.telegram.storage import Inbox, OutMessage

logger = logging.getLogger(__name__)

Produce = Callable[[], Awaitable[List[OutMessage]]]
TYPING_EVERY = 4.0  # Telegram shows "typing…" for about 5 seconds
MAX_RETRY_WAIT = 10.0


def split_messages(messages: List[OutMessage]) -> List[OutMessage]:
    """Messages Telegram accepts: long texts in parts, buttons under the last part."""
    out: List[OutMessage] = []
    for message in messages:
        parts = split_text(message.text) or [message.text]
        for number, part in enumerate(parts):
            last = number == len(parts) - 1
            out.append(
                OutMessage(
                    text=part,
                    buttons=message.buttons if last else [],
                    keyboard=message.keyboard if last else "inline",
                    reply_to=message.reply_to if number == 0 else None,
                )
            )
    return out


@dataclass
class Answering:
    """The reply pipeline and what it needs; one per application (context.answering)."""

    settings: Settings
    inbox: Inbox
    rasa: AsyncRasaClient
    delivery: Delivery
    flood: FloodGate
    # Updates read back from the inbox after a restart: their answers come late.
    restored: Set[int] = field(default_factory=set)
    # What "help near me" was asked for, until the location arrives (memory only).
    location_need: Dict[int, Optional[str]] = field(default_factory=dict)
    busy_notified: Set[int] = field(default_factory=set)
    # Updates left unanswered because the bot is stopping: they stay in the inbox.
    deferred: Set[int] = field(default_factory=set)
    is_running: Callable[[], bool] = lambda: True

    def sender(self, update: Update) -> str:
        user = update.effective_user
        ident = user.id if user else update.effective_chat.id  # type: ignore[union-attr]
        return sender_id(ident, self.settings.telegram.sender_secret or "")

    async def language(self, update: Update) -> str:
        """The chat's language: as Senda last knew it, else Telegram's, else Spanish."""
        known = await asyncio.to_thread(self.inbox.language, self.sender(update))
        if known:
            return known
        user = update.effective_user
        guess = language_config().from_telegram(user.language_code if user else None)
        return guess or language_config().source

    async def remember_language(self, update: Update, language: str) -> Optional[str]:
        """Store the chat's language; returns the previous one."""
        sender = self.sender(update)
        previous = await asyncio.to_thread(self.inbox.language, sender)
        if previous != language:
            await asyncio.to_thread(self.inbox.set_language, sender, language)
        return previous

    async def ask_rasa(self, update: Update, message: str) -> List[OutMessage]:
        async with self.typing(update.effective_chat.id):  # type: ignore[union-attr]
            replies = await self.rasa.send(self.sender(update), message)
        language = await self.rasa.slot(self.sender(update), "language")
        if language in language_config().codes:
            await self.remember_language(update, language)
        out = own_messages.from_rasa(replies)
        if not out:
            out = [own_messages.render(UTTER_SERVICE_ERROR, await self.language(update))]
        return out

    @contextlib.asynccontextmanager
    async def typing(self, chat_id: int) -> AsyncIterator[None]:
        async def keep_typing() -> None:
            while True:
                await self.delivery.typing(chat_id)
                await asyncio.sleep(TYPING_EVERY)

        task = asyncio.create_task(keep_typing())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _pause(self, seconds: float) -> bool:
        """Sleep, but wake up for a shutdown; False if the bot is stopping."""
        deadline = asyncio.get_running_loop().time() + seconds
        while self.is_running():
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return True
            await asyncio.sleep(min(left, 0.5))
        return False

    async def _produce(self, update: Update, produce: Produce) -> tuple[List[OutMessage], bool]:
        """(messages, late), waiting out an outage and telling the user once."""
        chat_id = update.effective_chat.id  # type: ignore[union-attr]
        wait = 1.0
        late = False
        while True:
            try:
                messages = await produce()
                self.busy_notified.discard(chat_id)
                return messages, late
            except RasaUnavailable as error:
                logger.warning("Rasa unavailable for chat %s: %s", chat_id, error)
                late = True
                if chat_id not in self.busy_notified:
                    self.busy_notified.add(chat_id)
                    busy = own_messages.render(own_messages.BUSY, await self.language(update))
                    await self.delivery.send(chat_id, busy)
                if not await self._pause(wait):
                    raise Stopping()
                wait = min(MAX_RETRY_WAIT, wait * 2)

    async def _respect_flood_limit(self, update: Update) -> bool:
        """Wait while this chat is over its limit; False if the bot is stopping."""
        chat_id = update.effective_chat.id  # type: ignore[union-attr]
        delay = self.flood.wait_needed(chat_id)
        if delay > 0:
            if self.flood.first_warning(chat_id):
                notice = own_messages.render(own_messages.SLOW_DOWN, await self.language(update))
                await self.delivery.send(chat_id, notice)
            while delay > 0:
                if not await self._pause(delay):
                    return False
                delay = self.flood.wait_needed(chat_id)
        self.flood.record(chat_id)
        return True

    async def answer(
        self, update: Update, produce: Produce, record: bool = True, urgent: bool = False
    ) -> None:
        """Answer an update once: record the reply, then send what is still unsent.

        record=False sends without writing the reply down (it would reveal a location);
        after a crash such an update is answered by asking again. urgent=True (a
        message naming danger) never waits for the flood limit; it still counts.
        """
        try:
            await self._answer(update, produce, record, urgent)
        except Stopping:
            self.deferred.add(update.update_id)  # finished after the restart

    async def _answer(self, update: Update, produce: Produce, record: bool, urgent: bool = False) -> None:
        chat_id = update.effective_chat.id  # type: ignore[union-attr]
        update_id = update.update_id
        recorded = await asyncio.to_thread(self.inbox.answer_of, update_id)
        if recorded is None:
            if urgent:
                self.flood.record(chat_id)
            elif not await self._respect_flood_limit(update):
                raise Stopping()
            messages, late = await self._produce(update, produce)
            messages = split_messages(messages)
            message = update.effective_message
            if messages and message and update.message and (late or update_id in self.restored):
                messages[0].reply_to = message.message_id  # say which question a late answer is for
            if record:
                await asyncio.to_thread(
                    self.inbox.record_answer, update_id, self.sender(update), chat_id, messages
                )
            recorded = [(seq, m, False) for seq, m in enumerate(messages)]
        for seq, out, sent in recorded:
            if not sent:
                await self.delivery.send(chat_id, out)
                if record:
                    await asyncio.to_thread(self.inbox.mark_sent, update_id, seq)
