"""The command menu Telegram shows: one list per language Telegram can name, set once for
all chats; K'iche', which Telegram has no code for, gets its list in each chat choosing it."""

from __future__ import annotations

import logging
from typing import List

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, Update
from telegram.error import TelegramError
from telegram.ext import Application

from actions.content.languages import language_config
from bot.telegram import own_messages
from bot.telegram.context import SendaContext

logger = logging.getLogger(__name__)

COMMAND_IDS = ("menu", "language", "help", "privacy", "delete")


async def set_chat_commands(update: Update, context: SendaContext, language: str) -> None:
    """A language Telegram has no code for gets its command list in this chat only."""
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    scope = BotCommandScopeChat(chat_id)
    try:
        if language_config().get(language).telegram_code:
            await context.bot.delete_my_commands(scope=scope)
        else:
            await context.bot.set_my_commands(command_list(language), scope=scope)
    except TelegramError as error:
        logger.warning("could not set the chat's commands: %s", error)


def command_list(language: str) -> List[BotCommand]:
    names = language_config().get(language).commands
    descriptions = own_messages.command_descriptions(language)
    return [BotCommand(names[command], descriptions[command]) for command in names if command in descriptions]


async def register_commands(application: Application) -> None:
    """The command menu in each language Telegram can name; K'iche' is set per chat."""
    config = language_config()
    source = config.get(config.source)
    lists = [(source.code, None)] + [
        (lang.code, lang.telegram_code) for lang in config.languages if lang.telegram_code
    ]
    for code, telegram_code in lists:
        try:
            await application.bot.set_my_commands(
                command_list(code), scope=BotCommandScopeDefault(), language_code=telegram_code
            )
        except TelegramError as error:  # a menu is not worth not answering people
            logger.warning("could not set the %s command list: %s", code, error)
