"""The Bot API methods of the command menu: setMyCommands, getMyCommands, deleteMyCommands.

Commands are stored per scope and language, as Telegram keeps them.
"""

from __future__ import annotations

import copy
from typing import List, Tuple

from tests.support.telegram_emulator.checks import LANGUAGE_CODE, checked_commands, scope_key
from tests.support.telegram_emulator.core import EmulatorCore
from tests.support.telegram_emulator.wire import JSON, Params, bad_request, decode_value


class CommandMethods(EmulatorCore):
    """setMyCommands, getMyCommands and deleteMyCommands."""

    def _commands_key_locked(self, params: Params) -> Tuple[str, str]:
        scope = params.get("scope")
        if scope is not None and not isinstance(scope, dict):
            raise bad_request("can't parse BotCommandScope JSON object")
        if scope and "chat_id" in scope:
            self._known_chat_locked({"chat_id": decode_value("chat_id", scope["chat_id"])})
            scope = dict(scope, chat_id=decode_value("chat_id", scope["chat_id"]))
        language = str(params.get("language_code") or "")
        if not LANGUAGE_CODE.match(language):
            raise bad_request("invalid language code specified")
        return scope_key(scope), language

    async def _set_my_commands(self, params: Params) -> bool:
        commands = checked_commands(params)
        with self._lock:
            key = self._commands_key_locked(params)
            if commands:
                self._state.commands[key] = commands
            else:
                self._state.commands.pop(key, None)
            self._changed_locked()
        return True

    async def _get_my_commands(self, params: Params) -> List[JSON]:
        with self._lock:
            return copy.deepcopy(self._state.commands.get(self._commands_key_locked(params), []))

    async def _delete_my_commands(self, params: Params) -> bool:
        with self._lock:
            self._state.commands.pop(self._commands_key_locked(params), None)
            self._changed_locked()
        return True
