"""Danger first, before any of the bot's own limits (length, flood, kind of message).

The same detector as Rasa's SafetyNet (actions/content/danger.py). Where a user's message
has words — its text, a photo's or voice note's caption, an edited message, the
words after an unknown /command — and they name danger, the bot sends them to
Rasa for the emergency contacts first, and only then says what it cannot do.
"""

from __future__ import annotations

from typing import Optional

from telegram import Message, Update

from actions.content.danger import Danger, detect, excerpt


def words_of(message: Optional[Message]) -> str:
    """What the user wrote in a message: its text or its caption; a leading /command dropped."""
    if message is None:
        return ""
    text = (message.text or message.caption or "").strip()
    if text.startswith("/"):
        text = text.split(maxsplit=1)[1] if " " in text or "\n" in text else ""
    return text.strip()


def danger_in(update: object) -> Optional[Danger]:
    if not isinstance(update, Update):
        return None
    try:
        return detect(words_of(update.message or update.edited_message))
    except Exception:  # never let the check itself stop an answer
        return None


def for_rasa(text: str, danger: Danger, limit: int) -> str:
    """What Rasa gets of a dangerous message: all of it, or its dangerous part when too long."""
    return text if len(text) <= limit else excerpt(text, danger, limit)
