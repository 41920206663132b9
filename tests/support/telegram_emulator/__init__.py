"""A local Telegram Bot API for tests: a real HTTP server that python-telegram-bot can talk to.

Tests import from here: BotApiEmulator (emulator.py, put together from the parts below)
and the content users can send (content.py). The modules, by concern:
- wire.py: JSON bodies, the Bot API's error answers, reading a call's parameters;
- checks.py: what Telegram refuses in what a bot sends (text, HTML, keyboards, commands);
- state.py: users, messages, records and pending updates; core.py: the lock around them;
- server.py: the HTTP server in its thread; users.py, records.py, faults.py: what tests
  drive and read back; api_updates.py, api_webhook.py, api_messages.py, api_commands.py:
  each group of Bot API methods.
"""

from tests.support.telegram_emulator.checks import (
    MAX_CALLBACK_DATA,
    MAX_TEXT,
    checked_commands,
    checked_markup,
    checked_text,
    command_entities,
    html_plain_text,
    utf16_length,
)
from tests.support.telegram_emulator.content import (
    contact_content,
    document_content,
    location_content,
    photo_content,
    poll_content,
    sticker_content,
    voice_content,
)
from tests.support.telegram_emulator.core import FIRST_UPDATE_ID
from tests.support.telegram_emulator.emulator import BotApiEmulator
from tests.support.telegram_emulator.wire import JSON, ApiError, Params, bad_request

__all__ = [
    "FIRST_UPDATE_ID",
    "JSON",
    "MAX_CALLBACK_DATA",
    "MAX_TEXT",
    "ApiError",
    "BotApiEmulator",
    "Params",
    "bad_request",
    "checked_commands",
    "checked_markup",
    "checked_text",
    "command_entities",
    "contact_content",
    "document_content",
    "html_plain_text",
    "location_content",
    "photo_content",
    "poll_content",
    "sticker_content",
    "utf16_length",
    "voice_content",
]
