"""What of a Telegram update is kept in the inbox: only what answering it needs.

Names, usernames and phone numbers are dropped; a shared location is never
written down (it is used for its reply only), so a location update is stored
with a marker instead, and after a crash the user is asked to share it again.
"""
from __future__ import annotations

import copy
from typing import Any, Dict

LOCATION_WITHHELD = "senda_location_withheld"
_MESSAGE_KEYS = ("message", "edited_message")


def _scrub_person(person: Dict[str, Any]) -> None:
    if "first_name" in person:
        person["first_name"] = ""  # required by the Bot API's User and Chat objects
    for key in ("last_name", "username", "bio", "phone_number"):
        person.pop(key, None)


def _scrub_message(message: Dict[str, Any]) -> None:
    for key in ("from", "chat", "sender_chat"):
        if isinstance(message.get(key), dict):
            _scrub_person(message[key])
    if "location" in message or "venue" in message:
        message.pop("location", None)
        message.pop("venue", None)
        message[LOCATION_WITHHELD] = True
    if "contact" in message:
        message["contact"] = {"phone_number": "", "first_name": ""}
    for nested in ("reply_to_message", "pinned_message"):
        message.pop(nested, None)
    message.pop("external_reply", None)
    message.pop("quote", None)


def scrub_update(update: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of an update's dict fit to store."""
    data = copy.deepcopy(update)
    for key in _MESSAGE_KEYS:
        if isinstance(data.get(key), dict):
            _scrub_message(data[key])
    query = data.get("callback_query")
    if isinstance(query, dict):
        if isinstance(query.get("from"), dict):
            _scrub_person(query["from"])
        if isinstance(query.get("message"), dict):
            _scrub_message(query["message"])
    return data
