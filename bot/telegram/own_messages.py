"""The bot's own messages (busy, not text, /borrar…), rendered from responses/ like Rasa's.

They live in responses/telegram.yml with every other answer, so staff edit and
translate them the same way; code only names them.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from actions.content.directory_render import Marks
from actions.content.render import current_renderer
from bot.telegram.storage import OutMessage

START = "utter_telegram_start"
HELP = "utter_telegram_help"
COMMANDS = "utter_telegram_commands"
BUSY = "utter_telegram_busy"
SLOW_DOWN = "utter_telegram_slow_down"
NOT_TEXT = "utter_telegram_not_text"
VOICE = "utter_telegram_voice"
EDITED = "utter_telegram_edited"
NOT_UNDERSTOOD = "utter_telegram_not_understood"
TOO_LONG = "utter_telegram_too_long"
BUTTON_EXPIRED = "utter_telegram_button_expired"
ASK_LOCATION = "utter_telegram_ask_location"
LOCATION_AGAIN = "utter_telegram_location_again"
NEARBY = "utter_telegram_nearby"
NEARBY_NONE = "utter_telegram_nearby_none"
DELETE_CONFIRM = "utter_telegram_delete_confirm"
DELETED = "utter_telegram_deleted"
DELETE_CANCELLED = "utter_telegram_delete_cancelled"
CHOOSE_LANGUAGE = "utter_choose_language"


def render(
    name: str, language: Optional[str], keyboard: str = "inline", values: Optional[Mapping[str, Any]] = None
) -> OutMessage:
    rendered = current_renderer().render(name, language, {}, dict(values or {}))
    return OutMessage(text=rendered.text, buttons=rendered.buttons, keyboard=keyboard)


def unverified_note(language: str) -> Marks:
    """How a resource line says it is not current: past its verification window, or with
    no dated source (see actions/content/directory_render.py Marks)."""
    return current_renderer().unverified_note(language)


def no_phone_note(language: str) -> str:
    """The line that ends a contact list with no phone (see actions/content/directory_render.py)."""
    return current_renderer().no_phone_note(language)


def command_descriptions(language: str) -> Dict[str, str]:
    """Command id (menu, language…) -> its description, from utter_telegram_commands."""
    rendered = current_renderer().render(COMMANDS, language, {}, {})
    return {b["payload"].lstrip("/"): b["title"] for b in rendered.buttons}


def from_rasa(messages: List[Dict[str, Any]]) -> List[OutMessage]:
    """Rasa REST replies as messages to send (images and custom payloads are not used)."""
    out = []
    for message in messages:
        text = message.get("text") or ""
        buttons = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in message.get("buttons") or []
        ]
        if text.strip():
            out.append(OutMessage(text=text, buttons=buttons))
        elif buttons and out:
            out[-1].buttons.extend(buttons)
    return out
