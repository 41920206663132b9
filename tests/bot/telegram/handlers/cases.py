"""What the handler tests share: chats, a message naming danger, and what the user reads of
the bot's own messages. Media come from the emulator's content helpers."""

from __future__ import annotations

from typing import Any, Dict, List

from telegram import Update

from bot.telegram import own_messages
from bot.telegram.messages import to_html
from tests.support.fake_bot_api import buttons, plain

CHAT = 5501
OTHER_CHAT = 5502
DANGER = "auxilio me quieren matar"


def expect(name: str, language: str) -> str:
    """What the user reads of one of the bot's own messages."""
    return plain({"text": to_html(own_messages.render(name, language).text)})


def data_of(message: Dict[str, Any]) -> List[str]:
    return [button["callback_data"] for button in buttons(message)]


def message_id(update: Update) -> int:
    assert update.effective_message is not None
    return update.effective_message.message_id


def menu_data(language: str) -> List[str]:
    return [button["payload"] for button in own_messages.render("utter_main_menu", language).buttons]
