"""The update queue that writes each update to the inbox before Telegram hears it was received.

python-telegram-bot's Updater puts each fetched update in the Application's
update_queue and only then confirms it to Telegram (with the next getUpdates
offset); its webhook server puts it in the same queue before answering 200.
So storing the update inside `put` is the one place that covers both.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import Update
from telegram.error import NetworkError

from bot.identity import sender_id
from bot.telegram.scrub import scrub_update
from bot.telegram.storage import Inbox

logger = logging.getLogger(__name__)


class DurableQueue(asyncio.Queue):
    def __init__(self, inbox: Inbox, secret: str) -> None:
        super().__init__()
        self.inbox = inbox
        self.secret = secret

    async def put(self, item: Any) -> None:
        if isinstance(item, Update) and item.edited_message and item.edited_message.location:
            return  # a live location moving: nothing to answer, nothing to keep
        if isinstance(item, Update) and item.effective_chat is not None:
            user = item.effective_user
            sender = sender_id(user.id if user else item.effective_chat.id, self.secret)
            try:
                is_new = await asyncio.to_thread(
                    self.inbox.add,
                    item.update_id,
                    sender,
                    item.effective_chat.id,
                    scrub_update(item.to_dict()),
                )
            except Exception as error:
                # Not confirmed to Telegram: polling retries from this update (a
                # NetworkError keeps the Updater's loop alive), a webhook gets a 500.
                raise NetworkError(
                    f"could not store update {item.update_id}: {type(error).__name__}"
                ) from error
            if not is_new:
                logger.info("update %s received again; already answered or queued", item.update_id)
                return
        await super().put(item)

    async def put_restored(self, update: Update) -> None:
        """An update read back from the inbox after a restart (already stored)."""
        await super().put(update)
