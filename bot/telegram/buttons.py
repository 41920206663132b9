"""Button presses: the bot's own payloads (delete my data, help near me, a language)
are handled here, 👍/👎 rate the answer above them, every other payload goes to Rasa."""

from __future__ import annotations

import asyncio
import logging
from typing import Optional, Set

from telegram import Update
from telegram.error import TelegramError

from actions.content.directory import TOPIC_TYPES
from actions.content.feedback import is_rating_payload
from actions.content.ids import (
    PAYLOAD_ASK_DELETE,
    PAYLOAD_DELETE_NO,
    PAYLOAD_DELETE_YES,
    PAYLOAD_NEAR_ME,
    PAYLOAD_SET_LANGUAGE,
    PAYLOAD_SHARE_LOCATION,
    payload_entity,
)
from actions.content.languages import language_config
from bot.telegram import own_messages
from bot.telegram.command_menu import COMMAND_IDS, set_chat_commands
from bot.telegram.context import SendaContext
from bot.telegram.deletion import delete_conversation
from bot.telegram.keyboards import DONE, KEY_PREFIX, pressed, rated
from bot.telegram.location import ask_location
from bot.telegram.replying import ask_rasa, say

logger = logging.getLogger(__name__)


def bot_payloads() -> Set[str]:
    """Payloads the bot handles itself (the rest are Rasa intents)."""
    needs = {'/near_me{"need":"%s"}' % topic for topic in TOPIC_TYPES}
    own = {PAYLOAD_DELETE_YES, PAYLOAD_DELETE_NO, PAYLOAD_SHARE_LOCATION}
    return needs | own | {f"/{command}" for command in COMMAND_IDS}


async def on_button(update: Update, context: SendaContext) -> None:
    answering = context.answering
    query = update.callback_query
    assert query is not None
    try:
        await query.answer()
    except TelegramError:
        pass  # too old to answer (e.g. answered after a restart): the reply still comes
    data = query.data or ""
    if data == DONE:
        return
    payload: Optional[str] = data
    if data.startswith(KEY_PREFIX):
        payload = await asyncio.to_thread(answering.inbox.payload, data)
    if payload is not None and is_rating_payload(payload):
        await rate(update, context, payload)
        return
    markup = getattr(query.message, "reply_markup", None)  # None on an inaccessible message
    if markup is not None:
        try:  # the keyboard cannot be pressed twice by mistake
            await query.edit_message_reply_markup(pressed(markup, data))
        except TelegramError:
            pass
    if payload is None:
        await say(update, context, own_messages.BUTTON_EXPIRED, menu=True)
    else:
        await on_payload(update, context, payload)


async def rate(update: Update, context: SendaContext, payload: str) -> None:
    """👍/👎: Rasa stores the payload as a rate_answer user event, the rating's one record.

    Once per message; only the rating row changes, the answer's own buttons stay usable.
    """
    query = update.callback_query
    assert query is not None
    message = query.message
    if message is not None:
        if not context.rated.first(message.chat.id, message.message_id):
            return  # a second tap on the same answer: the first one counts
        markup = getattr(message, "reply_markup", None)
        if markup is not None:
            try:
                await query.edit_message_reply_markup(rated(markup, query.data or ""))
            except TelegramError:
                pass  # the thanks still comes
    await ask_rasa(update, context, payload)


async def on_payload(update: Update, context: SendaContext, payload: str) -> None:
    if payload == PAYLOAD_ASK_DELETE:
        await say(update, context, own_messages.DELETE_CONFIRM)
    elif payload == PAYLOAD_DELETE_YES:
        await delete_conversation(update, context)
    elif payload == PAYLOAD_DELETE_NO:
        await say(update, context, own_messages.DELETE_CANCELLED, menu=True)
    elif payload.startswith(PAYLOAD_NEAR_ME):
        await ask_location(update, context, payload_entity(payload, "need"))
    elif payload.startswith(PAYLOAD_SET_LANGUAGE):
        await choose_language(update, context, payload)
    else:
        await ask_rasa(update, context, payload)


async def choose_language(update: Update, context: SendaContext, payload: str) -> None:
    answering = context.answering
    language = payload_entity(payload, "language")
    if language in language_config().codes:
        await answering.remember_language(update, language)
        await set_chat_commands(update, context, language)
    await ask_rasa(update, context, payload)
