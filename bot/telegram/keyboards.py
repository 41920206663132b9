"""Buttons as Telegram keyboards, with callback_data that always fits in 64 bytes."""

from __future__ import annotations

import base64
import hashlib
from typing import Dict, List, Optional, Sequence, Union

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from actions.content.feedback import MARKS, is_rating_payload

MAX_CALLBACK_BYTES = 64
KEY_PREFIX = "k:"
DONE = "senda:done"  # the data of a button already pressed
TICK = "✓"
Markup = Union[InlineKeyboardMarkup, ReplyKeyboardMarkup, ReplyKeyboardRemove, None]


def callback_key(payload: str) -> str:
    """The payload itself when it fits, else a short stable key for it."""
    if len(payload.encode("utf-8")) <= MAX_CALLBACK_BYTES and not payload.startswith(KEY_PREFIX):
        return payload
    digest = hashlib.sha256(payload.encode("utf-8")).digest()
    return KEY_PREFIX + base64.urlsafe_b64encode(digest[:15]).decode("ascii")


def inline_keyboard(buttons: Sequence[Dict[str, str]]) -> Optional[InlineKeyboardMarkup]:
    """One button a row: titles stay readable on small phones. 👍 and 👎 share the last row."""
    if not buttons:
        return None
    rows: List[List[InlineKeyboardButton]] = []
    rating: List[InlineKeyboardButton] = []
    for button in buttons:
        key = InlineKeyboardButton(button["title"], callback_data=callback_key(button["payload"]))
        if is_rating_payload(button["payload"]):
            rating.append(key)
        else:
            rows.append([key])
    return InlineKeyboardMarkup(rows + ([rating] if rating else []))


def location_keyboard(title: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(title, request_location=True)]], resize_keyboard=True, one_time_keyboard=True
    )


def _ticked(title: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(f"{TICK} {title}".strip(), callback_data=DONE)


def is_rating_row(row: Sequence[InlineKeyboardButton]) -> bool:
    """The 👍/👎 row, before or after its press. Told by its titles: a long rating payload's
    callback_data is a stored key, and the titles are the same in every language."""
    marks = set(MARKS.values())
    return bool(row) and all(b.text in marks or b.text in {f"{TICK} {m}" for m in marks} for b in row)


def pressed(markup: Optional[InlineKeyboardMarkup], data: str) -> InlineKeyboardMarkup:
    """The keyboard after a press: only the chosen button, ticked and inert; the answer
    can still be rated (its 👍/👎 row stays as it was)."""
    rows = markup.inline_keyboard if markup else ()
    title = next((b.text for row in rows for b in row if b.callback_data == data), "")
    rating = [list(row) for row in rows if is_rating_row(row)]
    return InlineKeyboardMarkup([[_ticked(title)]] + rating)


def rated(markup: Optional[InlineKeyboardMarkup], data: str) -> InlineKeyboardMarkup:
    """The keyboard after 👍 or 👎: that row becomes the tick of the choice; the answer's
    own buttons stay as they were, still usable."""
    rows: List[List[InlineKeyboardButton]] = []
    for row in markup.inline_keyboard if markup else ():
        chosen = next((b for b in row if b.callback_data == data), None)
        rows.append([_ticked(chosen.text)] if chosen is not None else list(row))
    return InlineKeyboardMarkup(rows)
