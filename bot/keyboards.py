"""Buttons as Telegram keyboards, with callback_data that always fits in 64 bytes."""
from __future__ import annotations

import base64
import hashlib
from typing import Dict, List, Optional, Sequence, Union

from telegram import (InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton,
                      ReplyKeyboardMarkup, ReplyKeyboardRemove)

MAX_CALLBACK_BYTES = 64
KEY_PREFIX = "k:"
DONE = "senda:done"  # the data of a button already pressed
Markup = Union[InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove, None]


def callback_key(payload: str) -> str:
    """The payload itself when it fits, else a short stable key for it."""
    if len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES and not payload.startswith(KEY_PREFIX):
        return payload
    digest = hashlib.sha256(payload.encode("utf-8")).digest()
    return KEY_PREFIX + base64.urlsafe_b64encode(digest[:15]).decode("ascii")


def inline_keyboard(buttons: Sequence[Dict[str, str]]) -> Optional[InlineKeyboardMarkup]:
    """One button a row: titles stay readable on small phones."""
    if not buttons:
        return None
    rows: List[List[InlineKeyboardButton]] = [
        [InlineKeyboardButton(button["title"], callback_data=callback_key(button["payload"]))]
        for button in buttons]
    return InlineKeyboardMarkup(rows)


def location_keyboard(title: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup([[KeyboardButton(title, request_location=True)]],
                               resize_keyboard=True, one_time_keyboard=True)


def pressed(markup: Optional[InlineKeyboardMarkup], data: str) -> InlineKeyboardMarkup:
    """The keyboard after a press: only the chosen button, ticked and inert."""
    title = next((b.text for row in (markup.inline_keyboard if markup else ())
                  for b in row if b.callback_data == data), "")
    return InlineKeyboardMarkup([[InlineKeyboardButton(f"✓ {title}".strip(), callback_data=DONE)]])
