"""Telegram's sending limits, on python-telegram-bot's own AIORateLimiter.

AIORateLimiter keeps the overall limit (about 30 messages a second), waits out a
429's retry_after and retries; it only paces groups per chat. Private chats get
their own pace here: a short burst, then about one message a second.
"""

from __future__ import annotations

from typing import Any, Callable, Coroutine, Dict, Optional, Union

from aiolimiter import AsyncLimiter
from telegram.ext import AIORateLimiter

JSON = Union[bool, Dict[str, Any], list]
SENDING = frozenset(
    {"sendMessage", "sendLocation", "sendVenue", "sendPhoto", "sendAudio", "sendVoice", "sendDocument"}
)
MAX_CHATS = 4096


class ChatRateLimiter(AIORateLimiter):
    def __init__(
        self,
        chat_interval: float = 1.0,
        chat_burst: int = 3,
        overall_per_second: float = 30.0,
        max_retries: int = 5,
    ) -> None:
        super().__init__(overall_max_rate=overall_per_second, overall_time_period=1, max_retries=max_retries)
        self.chat_interval = chat_interval
        self.chat_burst = chat_burst
        self._chats: Dict[int, AsyncLimiter] = {}

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._chats.get(chat_id)
        if limiter is None:
            if len(self._chats) > MAX_CHATS:  # forget idle chats
                self._chats = {k: v for k, v in self._chats.items() if not v.has_capacity(self.chat_burst)}
            limiter = AsyncLimiter(self.chat_burst, self.chat_burst * self.chat_interval)
            self._chats[chat_id] = limiter
        return limiter

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: Dict[str, Any],
        endpoint: str,
        data: Dict[str, Any],
        rate_limit_args: Optional[int],
    ) -> JSON:
        chat_id = data.get("chat_id")
        if endpoint in SENDING and self.chat_interval > 0 and isinstance(chat_id, int) and chat_id > 0:
            async with self._chat_limiter(chat_id):
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
