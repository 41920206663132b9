"""One rating per answer: the messages already rated, so a double tap counts once.

Two taps on 👍 arrive as two updates, each carrying the keyboard as it was before the
first press replaced the row; the chat's updates are handled one after another, so the
second finds the message here and is only acknowledged. A redelivered update is
dropped earlier, by the inbox (its update_id). Memory only, bounded: after the row is
replaced Telegram itself stops offering the buttons.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Tuple

MAX_REMEMBERED = 50_000


class RatedMessages:
    def __init__(self, size: int = MAX_REMEMBERED) -> None:
        self.size = size
        self._rated: "OrderedDict[Tuple[int, int], None]" = OrderedDict()

    def first(self, chat_id: int, message_id: int) -> bool:
        """True the first time a message is rated (and remembers it); False after."""
        key = (chat_id, message_id)
        if key in self._rated:
            return False
        self._rated[key] = None
        if len(self._rated) > self.size:
            self._rated.popitem(last=False)
        return True

    def forget(self, chat_id: int) -> None:
        """/borrar: nothing about the chat stays, not even in memory."""
        for key in [key for key in self._rated if key[0] == chat_id]:
            del self._rated[key]
