"""The Bot API methods that send, edit and delete messages, and answer button presses.

Each checks what Telegram checks (checks.py) before it takes effect; a bot message
takes the next id of its chat, shared with the user's messages.
"""

from __future__ import annotations

import copy
import time
from typing import Optional

from tests.support.telegram_emulator.checks import CHAT_ACTIONS, checked_markup, checked_text
from tests.support.telegram_emulator.core import EmulatorCore
from tests.support.telegram_emulator.state import Sent
from tests.support.telegram_emulator.wire import (
    JSON,
    NOT_MODIFIED,
    QUERY_INVALID,
    ApiError,
    Params,
    bad_request,
    float_param,
    int_param,
)


class MessageMethods(EmulatorCore):
    """sendMessage, sendLocation, sendVenue, sendChatAction, answerCallbackQuery, the edits, deleteMessage."""

    def _new_bot_message_locked(self, chat_id: int, params: Params) -> JSON:
        message: JSON = {
            "message_id": 0,
            "from": dict(self.bot_user),
            "chat": self._chat(chat_id),
            "date": int(time.time()),
        }
        reply = params.get("reply_parameters")
        reply_to = reply.get("message_id") if isinstance(reply, dict) else None
        reply_to = reply_to if reply_to is not None else params.get("reply_to_message_id")
        if reply_to is not None:
            target = self._state.store.get((chat_id, int(reply_to)))
            if target is not None:
                message["reply_to_message_id"] = int(reply_to)
                message["reply_to_message"] = copy.deepcopy(target)
            elif not (
                isinstance(reply, dict)
                and reply.get("allow_sending_without_reply")
                or params.get("allow_sending_without_reply")
            ):
                raise bad_request("message to be replied not found")
        return message

    def _save_sent_locked(self, method: str, chat_id: int, message: JSON, markup: Optional[JSON]) -> JSON:
        message["message_id"] = self._next_message_id(chat_id)
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = copy.deepcopy(markup)  # Telegram echoes inline ones only
        key = (chat_id, message["message_id"])
        self._state.store[key] = message
        self._state.sent[key] = Sent(method, message, copy.deepcopy(markup))
        self._state.shown.setdefault(chat_id, []).append(message["message_id"])
        return copy.deepcopy(message)

    async def _send_message(self, params: Params) -> JSON:
        text = checked_text(params)
        markup = checked_markup(params)
        with self._lock:
            chat_id = self._known_chat_locked(params)
            message = self._new_bot_message_locked(chat_id, params)
            message["text"] = text
            return self._save_sent_locked("sendMessage", chat_id, message, markup)

    @staticmethod
    def _location(params: Params) -> JSON:
        latitude, longitude = float_param(params, "latitude"), float_param(params, "longitude")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise bad_request("wrong latitude or longitude specified")
        return {"latitude": latitude, "longitude": longitude}

    async def _send_location(self, params: Params) -> JSON:
        location = self._location(params)
        markup = checked_markup(params)
        with self._lock:
            chat_id = self._known_chat_locked(params)
            message = self._new_bot_message_locked(chat_id, params)
            message["location"] = location
            return self._save_sent_locked("sendLocation", chat_id, message, markup)

    async def _send_venue(self, params: Params) -> JSON:
        location = self._location(params)
        title, address = str(params.get("title") or ""), str(params.get("address") or "")
        if not title or not address:
            raise bad_request("venue title and address must be non-empty")
        markup = checked_markup(params)
        with self._lock:
            chat_id = self._known_chat_locked(params)
            message = self._new_bot_message_locked(chat_id, params)
            message["location"] = location
            message["venue"] = {"location": dict(location), "title": title, "address": address}
            return self._save_sent_locked("sendVenue", chat_id, message, markup)

    async def _send_chat_action(self, params: Params) -> bool:
        with self._lock:
            self._known_chat_locked(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def _answer_callback_query(self, params: Params) -> bool:
        with self._lock:
            query = self._state.queries.get(str(params.get("callback_query_id") or ""))
            if query is None or query.answered:
                raise bad_request(QUERY_INVALID[len("Bad Request: ") :])
            query.answered = True
        return True

    def _editable_locked(self, params: Params) -> Sent:
        if params.get("inline_message_id"):
            raise bad_request("message to edit not found")
        chat_id = self._known_chat_locked(params)
        message_id = int_param(params, "message_id")
        sent = self._state.sent.get((chat_id, message_id or 0))
        if sent is None:
            if (chat_id, message_id or 0) in self._state.store:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return sent

    def _edited_locked(self, sent: Sent, text: str, markup: Optional[JSON]) -> JSON:
        if sent.message.get("text") == text and sent.markup == markup:
            raise ApiError(400, NOT_MODIFIED)
        sent.message["text"] = text
        sent.message["edit_date"] = int(time.time())
        sent.markup = copy.deepcopy(markup)
        sent.message.pop("reply_markup", None)
        if markup is not None and "inline_keyboard" in markup:
            sent.message["reply_markup"] = copy.deepcopy(markup)
        self._changed_locked()
        return copy.deepcopy(sent.message)

    async def _edit_message_text(self, params: Params) -> JSON:
        text = checked_text(params)
        markup = checked_markup(params)
        with self._lock:
            sent = self._editable_locked(params)
            if "text" not in sent.message:
                raise bad_request("there is no text in the message to edit")
            return self._edited_locked(sent, text, markup)

    async def _edit_message_reply_markup(self, params: Params) -> JSON:
        markup = checked_markup(params)
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        with self._lock:
            sent = self._editable_locked(params)
            return self._edited_locked(sent, sent.message.get("text"), markup)

    async def _delete_message(self, params: Params) -> bool:
        with self._lock:
            chat_id = self._known_chat_locked(params)
            message_id = int_param(params, "message_id") or 0
            if self._state.store.pop((chat_id, message_id), None) is None:
                raise bad_request("message to delete not found")
            self._state.sent.pop((chat_id, message_id), None)
            shown = self._state.shown.get(chat_id, [])
            if message_id in shown:
                shown.remove(message_id)
            self._changed_locked()
        return True
