"""What Telegram refuses in what a bot sends, and the entities it adds to what users write.

Text is measured as Telegram does, in UTF-16 units, after HTML parsing (the user reads
the text without its tags); the refusals carry Telegram's own descriptions.
"""

from __future__ import annotations

import html
import json
import re
from typing import List, Optional

from tests.support.telegram_emulator.wire import JSON, Params, bad_request

MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "tg-spoiler",
        "span",
        "blockquote",
        "tg-emoji",
    }
)
HTML_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
HTML_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
HTML_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
BOT_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w@])")
COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
LANGUAGE_CODE = re.compile(r"^(?:[a-z]{2})?$")
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> List[JSON]:
    """The bot_command entities Telegram adds to a user's text (offsets in UTF-16 units)."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: match.start()]),
            "length": utf16_length(match.group()),
        }
        for match in BOT_COMMAND.finditer(text)
    ]


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _check_tag(name: str, attributes: str, offset: int) -> None:
    attrs = {
        m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
        for m in HTML_ATTR.finditer(attributes)
    }
    if name not in HTML_TAGS:
        raise bad_request(f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {offset}')
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise bad_request(
            f'can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset {offset}'
        )
    if name == "tg-emoji" and "emoji-id" not in attrs:
        raise bad_request(
            f'can\'t parse entities: Tag "tg-emoji" must have attribute "emoji-id" at byte offset {offset}'
        )


def html_plain_text(text: str) -> str:
    """The text the user reads from Telegram-flavoured HTML; ApiError where Telegram refuses it."""
    out: List[str] = []
    open_tags: List[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "<":
            match = HTML_TAG.match(text, index)
            offset = _byte_offset(text, index)
            if match is None:
                raise bad_request(f"can't parse entities: Unclosed start tag at byte offset {offset}")
            closing, name = match.group(1) == "/", match.group(2).lower()
            if closing:
                if not open_tags or open_tags[-1] != name:
                    raise bad_request(f"can't parse entities: Unexpected end tag at byte offset {offset}")
                open_tags.pop()
            else:
                _check_tag(name, match.group(3), offset)
                open_tags.append(name)
            index = match.end()
        elif char == "&":
            match = HTML_ENTITY.match(text, index)
            if match is None:
                raise bad_request(
                    f"can't parse entities: Character entity expected at byte "
                    f"offset {_byte_offset(text, index)}"
                )
            out.append(html.unescape(match.group()))
            index = match.end()
        else:
            out.append(char)
            index += 1
    if open_tags:
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{open_tags[-1]}\""
        )
    return "".join(out)


def checked_text(params: Params) -> str:
    """The message text as sent, after Telegram's checks on what the user would read."""
    text = params.get("text")
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    mode = str(params.get("parse_mode") or "").lower()
    plain = html_plain_text(text) if mode == "html" else text
    if not plain.strip():
        raise bad_request("message text is empty")
    if utf16_length(plain) > MAX_TEXT:
        raise bad_request("message is too long")
    return text


def checked_markup(params: Params) -> Optional[JSON]:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    for button in (button for row in rows for button in row):
        if not isinstance(button, dict) or not button.get("text"):
            raise bad_request(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
            )
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    return markup


def checked_commands(params: Params) -> List[JSON]:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request(
            "BOT_COMMANDS_TOO_MUCH" if isinstance(commands, list) else "can't parse commands JSON object"
        )
    for command in commands:
        if not isinstance(command, dict) or not COMMAND_NAME.match(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description") or "")) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


def scope_key(scope: Optional[JSON]) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)
