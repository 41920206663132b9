"""python-telegram-bot works against the emulator, and parses what users send through it."""

from __future__ import annotations

import asyncio
from typing import List, Tuple

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters, Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from tests.support.telegram_emulator import (
    BotApiEmulator,
    contact_content,
    document_content,
    location_content,
    photo_content,
    poll_content,
    sticker_content,
    voice_content,
)
from tests.support.telegram_emulator_tests.conftest import CHAT, TOKEN, keyboard, ok

# --- python-telegram-bot against it --------------------------------------------------------------


def test_python_telegram_bot_sends_replies_and_confirms_updates(emu: BotApiEmulator) -> None:
    first = emu.user_sends_text(CHAT, "/start")
    emu.user_sends_text(CHAT, "hola")

    async def scenario() -> Tuple[List[Update], List[Update], List[Update]]:
        async with Bot(TOKEN, base_url=emu.base_url, base_file_url=emu.base_file_url) as bot:
            updates = await bot.get_updates(timeout=0)
            start = updates[0].message
            assert start.text == "/start" and start.entities[0].type == "bot_command"
            await bot.send_message(
                CHAT,
                "<b>¡Hola!</b>",
                parse_mode="HTML",
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Menú", callback_data="/menu")]]),
                reply_parameters=ReplyParameters(start.message_id),
            )
            again = await bot.get_updates(offset=updates[0].update_id + 1, timeout=0)
            after = await bot.get_updates(offset=again[-1].update_id + 1, timeout=0)
            return updates, again, after

    updates, again, after = asyncio.run(scenario())
    assert [u.update_id for u in updates] == [first, first + 1]
    assert [u.update_id for u in again] == [first + 1] and not after
    reply = emu.messages(CHAT)[0]
    assert reply["reply_to_message_id"] == 1 and reply["message_id"] == 3
    assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "/menu"
    assert emu.calls("getMe") and len(emu.calls("getUpdates")) == 3


def test_a_python_telegram_bot_application_polls_and_answers(emu: BotApiEmulator) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_chat.send_action("typing")
        await update.effective_message.reply_text(f"eco: {update.effective_message.text}", do_quote=True)

    async def scenario() -> None:
        application = (
            ApplicationBuilder().token(TOKEN).base_url(emu.base_url).base_file_url(emu.base_file_url).build()
        )
        application.add_handler(MessageHandler(filters.TEXT, echo))
        async with application:
            await application.start()
            await application.updater.start_polling(
                poll_interval=0, timeout=1, allowed_updates=[Update.MESSAGE]
            )
            emu.user_sends_text(CHAT, "hola")
            emu.user_sends(CHAT, location_content())  # not a text: no answer
            emu.user_sends_text(CHAT, "adiós")
            got = await asyncio.to_thread(emu.wait_messages, CHAT, 2, 10)
            await application.updater.stop()
            await application.stop()
        assert [m["text"] for m in got] == ["eco: hola", "eco: adiós"]
        assert [m["reply_to_message"]["text"] for m in got] == ["hola", "adiós"]

    asyncio.run(scenario())
    assert emu.calls("sendChatAction", chat_id=CHAT)
    assert ok(emu, "getUpdates") == []  # the application confirmed what it got


# --- what users send parses in python-telegram-bot ---------------------------------------------

CONTENT = {
    "voice": (voice_content(), lambda m: m.voice.duration),
    "photo": (photo_content(), lambda m: m.photo[-1].width == 800),
    "sticker": (sticker_content(), lambda m: m.sticker.emoji == "👍"),
    "document": (document_content(), lambda m: m.document.file_name),
    "contact": (contact_content(), lambda m: m.contact.phone_number),
    "poll": (poll_content(), lambda m: len(m.poll.options) == 2),
    "location": (location_content(14.9, -92.26), lambda m: m.location.latitude == 14.9),
}


@pytest.mark.parametrize("kind", list(CONTENT))
def test_each_kind_of_content_parses_as_a_ptb_update(emu: BotApiEmulator, kind: str) -> None:
    content, check = CONTENT[kind]
    emu.user_sends(CHAT, content, language_code="en")
    update = Update.de_json(ok(emu, "getUpdates")[0], None)
    assert update.message.from_user.language_code == "en" and check(update.message)
    assert update.message.chat.type == "private" and update.message.chat.id == CHAT


def test_edited_messages_and_button_presses_parse_as_ptb_updates(emu: BotApiEmulator) -> None:
    emu.user_sends(CHAT, {"text": "hola"}, edited=True)
    menu = ok(emu, "sendMessage", chat_id=CHAT, text="Menú", reply_markup=keyboard("/menu"))
    emu.user_presses(CHAT, menu["message_id"], "/menu")
    edited, pressed = (Update.de_json(u, None) for u in ok(emu, "getUpdates"))
    assert edited.edited_message.text == "hola" and edited.edited_message.edit_date is not None
    query = pressed.callback_query
    assert query.data == "/menu" and query.message.message_id == menu["message_id"]
    assert query.message.reply_markup.inline_keyboard[0][0].callback_data == "/menu"
    assert query.from_user.id == CHAT
