"""A local Telegram Bot API for tests: a real HTTP server that python-telegram-bot can talk to.

The server (aiohttp) runs in a background thread with its own event loop; tests drive it
from their own thread through BotApiEmulator's methods (users writing and pressing
buttons, faults to inject) and read back what the bot did. All shared state sits behind
one lock, so both sides may use it at once.

Point a bot at it with
``ApplicationBuilder().token(emu.token).base_url(emu.base_url).base_file_url(emu.base_file_url)``.

BotApiEmulator is put together here from its parts (core.py says how they share state);
the table below is every Bot API method it answers.
"""

from __future__ import annotations

from typing import Dict

from tests.support.telegram_emulator.api_commands import CommandMethods
from tests.support.telegram_emulator.api_messages import MessageMethods
from tests.support.telegram_emulator.api_updates import UpdateMethods
from tests.support.telegram_emulator.api_webhook import WebhookMethods
from tests.support.telegram_emulator.core import Handler
from tests.support.telegram_emulator.faults import Faults
from tests.support.telegram_emulator.records import Records
from tests.support.telegram_emulator.server import Server
from tests.support.telegram_emulator.users import Users


class BotApiEmulator(
    Server, Users, Records, Faults, UpdateMethods, WebhookMethods, MessageMethods, CommandMethods
):
    """A Telegram Bot API on 127.0.0.1 with users a test can play, and a record of the bot."""

    def _methods(self) -> Dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendLocation": self._send_location,
            "sendVenue": self._send_venue,
            "sendChatAction": self._send_chat_action,
            "answerCallbackQuery": self._answer_callback_query,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
        }
