"""python-telegram-bot callbacks for commands, text and everything that is not a button.

Each decides what the answer is (replying.py: say, ask_rasa, danger_first); buttons.py
has the buttons, location.py the location, deletion.py /borrar. app.py registers them all.
"""

from __future__ import annotations

import asyncio
import logging
from typing import List

from telegram import Update

from actions.content.ids import PAYLOAD_MAIN_MENU, UTTER_SERVICE_ERROR
from actions.content.languages import language_config
from bot.telegram import own_messages
from bot.telegram.context import SendaContext
from bot.telegram.location import location_again
from bot.telegram.replying import ask_rasa, danger_first, say
from bot.telegram.scrub import STORED_KIND
from bot.telegram.storage import OutMessage

logger = logging.getLogger(__name__)


async def on_start(update: Update, context: SendaContext) -> None:
    answering = context.answering

    async def produce() -> List[OutMessage]:
        sender = answering.sender(update)
        known = await asyncio.to_thread(answering.inbox.language, sender)
        user = update.effective_user
        guess = language_config().from_telegram(user.language_code if user else None)
        if not known and guess:
            # Telegram's language preselects; the buttons below let the user choose.
            await answering.rasa.preset_slot(sender, "language", guess)
            await answering.remember_language(update, guess)
        language = await answering.language(update)
        welcome = own_messages.render(own_messages.START, language)
        welcome.buttons = own_messages.render(own_messages.CHOOSE_LANGUAGE, language).buttons
        return [welcome] + await answering.ask_rasa(update, PAYLOAD_MAIN_MENU)

    await answering.answer(update, produce)


async def on_menu(update: Update, context: SendaContext) -> None:
    await ask_rasa(update, context, PAYLOAD_MAIN_MENU)


async def on_language_command(update: Update, context: SendaContext) -> None:
    await say(update, context, own_messages.CHOOSE_LANGUAGE)


async def on_help(update: Update, context: SendaContext) -> None:
    await say(update, context, own_messages.HELP, menu=True)


async def on_privacy(update: Update, context: SendaContext) -> None:
    await ask_rasa(update, context, "/privacy")


async def on_delete(update: Update, context: SendaContext) -> None:
    await say(update, context, own_messages.DELETE_CONFIRM)


async def on_unknown_command(update: Update, context: SendaContext) -> None:
    if not await danger_first(update, context, own_messages.HELP):  # "/ayuda me quieren matar"
        await say(update, context, own_messages.HELP, menu=True)


async def on_text(update: Update, context: SendaContext) -> None:
    answering = context.answering
    text = (update.effective_message.text or "").strip()  # type: ignore[union-attr]
    if len(text) > answering.settings.telegram.max_message_chars:
        if not await danger_first(update, context, own_messages.TOO_LONG):
            await say(update, context, own_messages.TOO_LONG, menu=True)
    elif not any(character.isalnum() for character in text):
        # Empty, emoji or punctuation only.
        await say(update, context, own_messages.NOT_UNDERSTOOD, menu=True)
    else:
        await ask_rasa(update, context, text)


async def on_voice(update: Update, context: SendaContext) -> None:
    if not await danger_first(update, context, own_messages.VOICE):  # a caption naming danger
        await say(update, context, own_messages.VOICE, menu=True)


async def on_edited(update: Update, context: SendaContext) -> None:
    if not await danger_first(update, context, own_messages.EDITED):
        await say(update, context, own_messages.EDITED, menu=True)


async def on_not_text(update: Update, context: SendaContext) -> None:
    message = update.effective_message
    kind = message.api_kwargs.get(STORED_KIND) if message is not None else None
    if kind == "location":  # read back after a restart: the location was not kept
        await location_again(update, context)
    elif kind == "voice":
        await on_voice(update, context)
    elif not await danger_first(update, context, own_messages.NOT_TEXT):  # a photo's caption…
        await say(update, context, own_messages.NOT_TEXT, menu=True)


async def on_error(update: object, context: SendaContext) -> None:
    """Log without message text; finish or replace the answer rather than stay silent."""
    logger.error("error while handling an update: %s", type(context.error).__name__, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        answering = context.answering

        async def produce() -> List[OutMessage]:
            return [own_messages.render(UTTER_SERVICE_ERROR, await answering.language(update))]

        try:  # an answer already recorded is finished; otherwise the error is said
            await answering.answer(update, produce)
        except Exception:  # the error handler itself must never raise
            logger.exception("could not tell the user about an error")
