"""What a test makes users do: write, send content, press buttons; and Telegram re-sending.

Each becomes an update waiting for the bot (getUpdates or the webhook), as Telegram
would deliver it.
"""

from __future__ import annotations

import copy
import time

from tests.support.telegram_emulator.checks import command_entities
from tests.support.telegram_emulator.core import EmulatorCore
from tests.support.telegram_emulator.state import Pending, Query
from tests.support.telegram_emulator.wire import JSON


class Users(EmulatorCore):
    """The users a test plays."""

    def user_sends_text(
        self, chat_id: int, text: str, language_code: str = "es", first_name: str = "Ana"
    ) -> int:
        """The user writes `text`; returns the update id."""
        with self._lock:
            self._user_locked(chat_id, language_code, first_name)
        return self.user_sends(chat_id, {"text": text}, language_code=language_code)

    def user_sends(self, chat_id: int, content: JSON, language_code: str = "es", edited: bool = False) -> int:
        """The user sends a message with `content` merged in (or an edit); returns the update id."""
        now = int(time.time())
        with self._lock:
            user = self._user_locked(chat_id, language_code)
            message: JSON = {
                "message_id": self._next_message_id(chat_id),
                "from": user,
                "chat": self._chat(chat_id),
                "date": now - 5 if edited else now,
            }
            message.update(copy.deepcopy(content))
            text = message.get("text")
            if isinstance(text, str) and "entities" not in message and command_entities(text):
                message["entities"] = command_entities(text)
            if edited:
                message["edit_date"] = now
            self._state.store[(chat_id, message["message_id"])] = message
            return self._add_update_locked("edited_message" if edited else "message", message)

    def user_presses(self, chat_id: int, message_id: int, callback_data: str) -> int:
        """The user presses a button with `callback_data` under bot message `message_id`."""
        with self._lock:
            sent = self._state.sent.get((chat_id, message_id))
            if sent is None:
                raise KeyError(f"no bot message {message_id} in chat {chat_id}")
            query_id = str(next(self._query_ids))
            self._state.queries[query_id] = Query(chat_id)
            query = {
                "id": query_id,
                "from": self._user_locked(chat_id),
                "message": copy.deepcopy(sent.message),
                "chat_instance": str(-7_000_000_000_000 - chat_id),
                "data": callback_data,
            }
            return self._add_update_locked("callback_query", query)

    def redeliver(self, update_id: int) -> None:
        """Telegram sends an update already created (and maybe already delivered) again."""
        with self._lock:
            update = self._state.updates[update_id]
            self._state.pending.append(Pending(copy.deepcopy(update), resent=True))
            self._state.pending.sort(key=lambda entry: entry.update_id)
            self._changed_locked()

    def _add_update_locked(self, kind: str, payload: JSON) -> int:
        update_id = next(self._update_ids)
        update = {"update_id": update_id, kind: payload}
        self._state.updates[update_id] = update
        self._state.pending.append(Pending(copy.deepcopy(update)))
        self._changed_locked()
        return update_id
