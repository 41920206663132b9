"""A local Telegram Bot API for tests (emulator.py); imported as tests.support.telegram_emulator."""

from tests.support.telegram_emulator.emulator import (
    BotApiEmulator,
    contact_content,
    document_content,
    location_content,
    photo_content,
    poll_content,
    sticker_content,
    voice_content,
)

__all__ = [
    "BotApiEmulator",
    "contact_content",
    "document_content",
    "location_content",
    "photo_content",
    "poll_content",
    "sticker_content",
    "voice_content",
]
