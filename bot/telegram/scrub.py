"""What of a Telegram update is kept in the inbox: only what answering it needs.

An allow-list, so nothing personal slips through: the ids, the date, the text
(or caption) and its command entities, the button's data, and the user's language code. A
name becomes "", and any other content (voice, photo, contact, forwarded
names…) is reduced to its kind. A shared location is never written down: it is
used for its reply only, and after a crash the user is asked to share it again.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

STORED_KIND = "senda_kind"  # "voice", "location" or "other": what the dropped content was
_VOICE = ("voice", "audio", "video_note")
_LOCATION = ("location", "venue")
# A caption is what the user wrote under a photo or voice note: kept like a text, so a
# caption naming danger is still answered after a restart.
_MESSAGE_FIELDS = ("message_id", "date", "edit_date", "text", "caption", "reply_markup")
_CONTENT = (
    _VOICE
    + _LOCATION
    + (
        "photo",
        "sticker",
        "document",
        "contact",
        "poll",
        "video",
        "animation",
        "dice",
        "game",
        "story",
        "users_shared",
        "chat_shared",
        "new_chat_members",
        "left_chat_member",
    )
)


def _person(person: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    if not isinstance(person, dict):
        return None
    kept: Dict[str, Any] = {
        key: person[key] for key in ("id", "is_bot", "type", "language_code") if key in person
    }
    if "type" not in person:
        kept["first_name"] = ""  # required by the Bot API's User object
    return kept


def _kind(message: Dict[str, Any]) -> Optional[str]:
    if any(key in message for key in _VOICE):
        return "voice"
    if any(key in message for key in _LOCATION):
        return "location"
    if any(key in message for key in _CONTENT):
        return "other"
    return None


def _message(message: Dict[str, Any]) -> Dict[str, Any]:
    kept = {key: message[key] for key in _MESSAGE_FIELDS if key in message}
    for key in ("from", "chat"):
        person = _person(message.get(key))
        if person is not None:
            kept[key] = person
    if "entities" in message:  # /commands are found through these
        kept["entities"] = [
            {k: e[k] for k in ("type", "offset", "length") if k in e}
            for e in message["entities"]
            if e.get("type") == "bot_command"
        ]
    kind = _kind(message)
    if kind:
        kept[STORED_KIND] = kind
    return kept


def scrub_update(update: Dict[str, Any]) -> Dict[str, Any]:
    """The part of an update's dict fit to store."""
    kept: Dict[str, Any] = {"update_id": update["update_id"]}
    for key in ("message", "edited_message"):
        if isinstance(update.get(key), dict):
            kept[key] = _message(update[key])
    query = update.get("callback_query")
    if isinstance(query, dict):
        kept["callback_query"] = {k: query[k] for k in ("id", "data", "chat_instance") if k in query}
        kept["callback_query"]["from"] = _person(query.get("from")) or {}
        if isinstance(query.get("message"), dict):
            kept["callback_query"]["message"] = _message(query["message"])
    return kept
