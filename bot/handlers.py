"""python-telegram-bot callbacks: one small function per kind of update.

Each decides what the answer is and hands a `produce` function to
Senda.answer, which records and sends it. Button payloads meant for the bot
itself (delete my data, help near me) are handled here; all others go to Rasa.
"""
from __future__ import annotations

import asyncio
import json
import logging
from typing import List, Optional, Set

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from actions.content.directory import TOPIC_TYPES
from actions.content.feedback import is_rating_payload
from actions.content.ids import UTTER_SERVICE_ERROR
from actions.content.languages import language_config
from actions.content.places import nearby_answer
from bot import texts
from bot.feedback import RatedMessages
from bot.inbox import OutMessage
from bot.keyboards import DONE, KEY_PREFIX, pressed, rated
from bot.scrub import STORED_KIND
from bot.service import Senda
from bot.tracker_store import delete_tracker
from bot.urgent import danger_in, for_rasa, words_of

logger = logging.getLogger(__name__)

MAIN_MENU = "/main_menu"
ASK_DELETE = "/delete_data"
DELETE_YES = "/senda_delete_yes"
DELETE_NO = "/senda_delete_no"
NEAR_ME = "/near_me"
SET_LANGUAGE = "/set_language"
SHARE_LOCATION = "/share_location"  # the keyboard button that shares the user's location
MAIN_MENU_RESPONSE = "utter_main_menu"
COMMAND_IDS = ("menu", "language", "help", "privacy", "delete")
RATED_MESSAGES = "senda_rated_messages"  # bot_data key of the messages already rated


def bot_payloads() -> Set[str]:
    """Payloads the bot handles itself (the rest are Rasa intents)."""
    needs = {'/near_me{"need":"%s"}' % topic for topic in TOPIC_TYPES}
    return needs | {DELETE_YES, DELETE_NO, SHARE_LOCATION} | {f"/{c}" for c in COMMAND_IDS}


def senda_of(context: ContextTypes.DEFAULT_TYPE) -> Senda:
    return context.application.bot_data["senda"]


def rated_messages(context: ContextTypes.DEFAULT_TYPE) -> RatedMessages:
    return context.application.bot_data.setdefault(RATED_MESSAGES, RatedMessages())


def _entity_value(payload: str, key: str) -> Optional[str]:
    """The value of one entity in a Rasa-style payload: /intent{"key": "value"}."""
    start = payload.find("{")
    if start < 0:
        return None
    try:
        value = json.loads(payload[start:]).get(key)
    except (ValueError, AttributeError):
        return None
    return str(value) if value is not None else None


async def say(update: Update, context: ContextTypes.DEFAULT_TYPE, name: str, *,
              menu: bool = False, keyboard: str = "inline") -> None:
    """Answer with one of the bot's own messages (no Rasa needed), optionally with the menu."""
    senda = senda_of(context)

    async def produce() -> List[OutMessage]:
        language = await senda.language(update)
        message = texts.render(name, language, keyboard=keyboard)
        if menu:
            message.buttons = message.buttons + texts.render(MAIN_MENU_RESPONSE, language).buttons
        return [message]

    await senda.answer(update, produce)


# --- commands --------------------------------------------------------------------
async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    senda = senda_of(context)

    async def produce() -> List[OutMessage]:
        sender = senda.sender(update)
        known = await asyncio.to_thread(senda.inbox.language, sender)
        user = update.effective_user
        guess = language_config().from_telegram(user.language_code if user else None)
        if not known and guess:
            # Telegram's language preselects; the buttons below let the user choose.
            await senda.rasa.preset_slot(sender, "language", guess)
            await senda.remember_language(update, guess)
        language = await senda.language(update)
        welcome = texts.render(texts.START, language)
        welcome.buttons = texts.render(texts.CHOOSE_LANGUAGE, language).buttons
        return [welcome] + await senda.ask_rasa(update, MAIN_MENU)

    await senda.answer(update, produce)


async def on_menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await ask_rasa(update, context, MAIN_MENU)


async def on_language_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await say(update, context, texts.CHOOSE_LANGUAGE)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await say(update, context, texts.HELP, menu=True)


async def on_privacy(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await ask_rasa(update, context, "/privacy")


async def on_delete(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await say(update, context, texts.DELETE_CONFIRM)


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await danger_first(update, context, texts.HELP):  # "/ayuda me quieren matar"
        await say(update, context, texts.HELP, menu=True)


# --- text and buttons ------------------------------------------------------------
async def ask_rasa(update: Update, context: ContextTypes.DEFAULT_TYPE, message: str) -> None:
    senda = senda_of(context)

    async def produce() -> List[OutMessage]:
        return await senda.ask_rasa(update, message)

    await senda.answer(update, produce, urgent=danger_in(update) is not None)


async def danger_first(update: Update, context: ContextTypes.DEFAULT_TYPE,
                       then: str) -> bool:
    """A message naming danger: Rasa's answer (the emergency contacts first), then `then`.

    True when it was answered so; False when there is no danger (nothing sent).
    """
    senda = senda_of(context)
    danger = danger_in(update)
    if danger is None:
        return False
    text = words_of(update.message or update.edited_message)
    asked = for_rasa(text, danger, senda.settings.telegram.max_message_chars)

    async def produce() -> List[OutMessage]:
        replies = await senda.ask_rasa(update, asked)
        notice = texts.render(then, await senda.language(update))
        notice.buttons = notice.buttons + texts.render(MAIN_MENU_RESPONSE,
                                                       await senda.language(update)).buttons
        return replies + [notice]

    await senda.answer(update, produce, urgent=True)
    return True


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    senda = senda_of(context)
    text = (update.effective_message.text or "").strip()  # type: ignore[union-attr]
    if len(text) > senda.settings.telegram.max_message_chars:
        if not await danger_first(update, context, texts.TOO_LONG):
            await say(update, context, texts.TOO_LONG, menu=True)
    elif not any(character.isalnum() for character in text):
        await say(update, context, texts.NOT_UNDERSTOOD, menu=True)  # empty, emoji or punctuation only
    else:
        await ask_rasa(update, context, text)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    senda = senda_of(context)
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
        payload = await asyncio.to_thread(senda.inbox.payload, data)
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
        await say(update, context, texts.BUTTON_EXPIRED, menu=True)
    else:
        await on_payload(update, context, payload)


async def rate(update: Update, context: ContextTypes.DEFAULT_TYPE, payload: str) -> None:
    """👍/👎: Rasa stores the payload as a rate_answer user event, the rating's one record.

    Once per message; only the rating row changes, the answer's own buttons stay usable.
    """
    query = update.callback_query
    assert query is not None
    message = query.message
    if message is not None:
        if not rated_messages(context).first(message.chat.id, message.message_id):
            return  # a second tap on the same answer: the first one counts
        markup = getattr(message, "reply_markup", None)
        if markup is not None:
            try:
                await query.edit_message_reply_markup(rated(markup, query.data or ""))
            except TelegramError:
                pass  # the thanks still comes
    await ask_rasa(update, context, payload)


async def on_payload(update: Update, context: ContextTypes.DEFAULT_TYPE, payload: str) -> None:
    if payload == ASK_DELETE:
        await on_delete(update, context)
    elif payload == DELETE_YES:
        await delete_conversation(update, context)
    elif payload == DELETE_NO:
        await say(update, context, texts.DELETE_CANCELLED, menu=True)
    elif payload.startswith(NEAR_ME):
        await ask_location(update, context, _entity_value(payload, "need"))
    elif payload.startswith(SET_LANGUAGE):
        await choose_language(update, context, payload)
    else:
        await ask_rasa(update, context, payload)


async def choose_language(update: Update, context: ContextTypes.DEFAULT_TYPE,
                          payload: str) -> None:
    senda = senda_of(context)
    language = _entity_value(payload, "language")
    if language in language_config().codes:
        await senda.remember_language(update, language)
        await set_chat_commands(update, context, language)
    await ask_rasa(update, context, payload)


async def set_chat_commands(update: Update, context: ContextTypes.DEFAULT_TYPE,
                            language: str) -> None:
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
    descriptions = texts.command_descriptions(language)
    return [BotCommand(names[command], descriptions[command])
            for command in names if command in descriptions]


# --- /borrar -----------------------------------------------------------------------
async def delete_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    senda = senda_of(context)
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    sender = senda.sender(update)

    async def produce() -> List[OutMessage]:
        language = await senda.language(update)
        await asyncio.to_thread(delete_tracker, senda.settings.db_url, sender)
        await asyncio.to_thread(senda.inbox.forget, sender)
        senda.flood.forget(chat_id)
        senda.location_need.pop(chat_id, None)
        rated_messages(context).forget(chat_id)
        try:
            await context.bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
        except TelegramError:
            pass
        return [texts.render(texts.DELETED, language)]

    await senda.answer(update, produce)
    if update.update_id not in senda.deferred:
        # The confirmation is sent: now its own rows go too.
        await asyncio.to_thread(senda.inbox.forget_update, update.update_id)


# --- location ------------------------------------------------------------------------
async def ask_location(update: Update, context: ContextTypes.DEFAULT_TYPE,
                       need: Optional[str]) -> None:
    senda_of(context).location_need[update.effective_chat.id] = need  # type: ignore[union-attr]
    await say(update, context, texts.ASK_LOCATION, keyboard="location")


async def on_location(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    senda = senda_of(context)
    message = update.effective_message
    assert message is not None
    location = message.location or (message.venue.location if message.venue else None)
    if location is None:
        await location_again(update, context)
        return
    need = senda.location_need.pop(message.chat_id, None)
    latitude, longitude = location.latitude, location.longitude

    async def produce() -> List[OutMessage]:
        language = await senda.language(update)
        found = nearby_answer(latitude, longitude, need, language,
                              texts.unverified_note(language), texts.no_phone_note(language))
        name = texts.NEARBY if found.nearby else texts.NEARBY_NONE
        return [texts.render(name, language, keyboard="remove",
                             values={"nearby": found.nearby, "resources": found.country_lines})]

    # Distances to known towns would give the location away: this reply is not recorded.
    await senda.answer(update, produce, record=False)


async def location_again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await say(update, context, texts.LOCATION_AGAIN, keyboard="location")


# --- everything else -------------------------------------------------------------------
async def on_voice(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await danger_first(update, context, texts.VOICE):  # a caption naming danger
        await say(update, context, texts.VOICE, menu=True)


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if not await danger_first(update, context, texts.EDITED):
        await say(update, context, texts.EDITED, menu=True)


async def on_not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    kind = message.api_kwargs.get(STORED_KIND) if message is not None else None
    if kind == "location":  # read back after a restart: the location was not kept
        await location_again(update, context)
    elif kind == "voice":
        await on_voice(update, context)
    elif not await danger_first(update, context, texts.NOT_TEXT):  # a photo's caption…
        await say(update, context, texts.NOT_TEXT, menu=True)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log without message text; finish or replace the answer rather than stay silent."""
    logger.error("error while handling an update: %s", type(context.error).__name__,
                 exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        senda = senda_of(context)

        async def produce() -> List[OutMessage]:
            return [texts.render(UTTER_SERVICE_ERROR, await senda.language(update))]

        try:  # an answer already recorded is finished; otherwise the error is said
            await senda.answer(update, produce)
        except Exception:  # the error handler itself must never raise
            logger.exception("could not tell the user about an error")
