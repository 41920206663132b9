"""The three ways a handler answers: one of the bot's own messages (say), Rasa's answer
(ask_rasa), or, for a message naming danger, Rasa's answer first (danger_first).

Each hands a `produce` function to Answering.answer, which records and sends it.
"""

from __future__ import annotations

from typing import List

from telegram import Update

from actions.content.ids import UTTER_MAIN_MENU
from bot.telegram import own_messages
from bot.telegram.context import SendaContext
from bot.telegram.storage import OutMessage
from bot.telegram.urgent import danger_in, for_rasa, words_of


async def say(
    update: Update, context: SendaContext, name: str, *, menu: bool = False, keyboard: str = "inline"
) -> None:
    """Answer with one of the bot's own messages (no Rasa needed), optionally with the menu."""
    answering = context.answering

    async def produce() -> List[OutMessage]:
        language = await answering.language(update)
        message = own_messages.render(name, language, keyboard=keyboard)
        if menu:
            message.buttons = message.buttons + own_messages.render(UTTER_MAIN_MENU, language).buttons
        return [message]

    await answering.answer(update, produce)


async def ask_rasa(update: Update, context: SendaContext, message: str) -> None:
    answering = context.answering

    async def produce() -> List[OutMessage]:
        return await answering.ask_rasa(update, message)

    await answering.answer(update, produce, urgent=danger_in(update) is not None)


async def danger_first(update: Update, context: SendaContext, then: str) -> bool:
    """A message naming danger: Rasa's answer (the emergency contacts first), then `then`.

    True when it was answered so; False when there is no danger (nothing sent).
    """
    answering = context.answering
    danger = danger_in(update)
    if danger is None:
        return False
    text = words_of(update.message or update.edited_message)
    asked = for_rasa(text, danger, answering.settings.telegram.max_message_chars)

    async def produce() -> List[OutMessage]:
        replies = await answering.ask_rasa(update, asked)
        notice = own_messages.render(then, await answering.language(update))
        menu = own_messages.render(UTTER_MAIN_MENU, await answering.language(update))
        notice.buttons = notice.buttons + menu.buttons
        return replies + [notice]

    await answering.answer(update, produce, urgent=True)
    return True
