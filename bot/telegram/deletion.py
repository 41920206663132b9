"""/borrar: everything Senda keeps about a user is deleted, then the confirmation is sent."""

from __future__ import annotations

import asyncio
from typing import List

from telegram import BotCommandScopeChat, Update
from telegram.error import TelegramError

from bot.telegram import own_messages
from bot.telegram.context import SendaContext
from bot.telegram.storage import OutMessage
from bot.tracker_store import delete_tracker


async def delete_conversation(update: Update, context: SendaContext) -> None:
    answering = context.answering
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    sender = answering.sender(update)

    async def produce() -> List[OutMessage]:
        language = await answering.language(update)
        await asyncio.to_thread(delete_tracker, answering.settings.db_url, sender)
        await asyncio.to_thread(answering.inbox.forget, sender)
        answering.flood.forget(chat_id)
        answering.location_need.pop(chat_id, None)
        context.rated.forget(chat_id)
        try:
            await context.bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
        except TelegramError:
            pass
        return [own_messages.render(own_messages.DELETED, language)]

    await answering.answer(update, produce)
    if update.update_id not in answering.deferred:
        # The confirmation is sent: now its own rows go too.
        await asyncio.to_thread(answering.inbox.forget_update, update.update_id)
