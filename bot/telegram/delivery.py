"""Send one outbox message to Telegram: escaped, keyboard attached, retried until it lands.

429s are waited out by the rate limiter (rate_limit.py); here network errors are
retried with backoff, a refused format falls back to plain text, and a chat
that blocked the bot is logged and skipped. Nothing is dropped silently.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Callable

from telegram import Bot, LinkPreviewOptions, ReplyKeyboardRemove, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.telegram.keyboards import Markup, callback_key, inline_keyboard, location_keyboard
from bot.telegram.messages import to_html
from bot.telegram.storage import OutMessage

logger = logging.getLogger(__name__)

MAX_BACKOFF = 30.0


class Stopping(RuntimeError):
    """The bot is shutting down mid-retry: the message stays in the outbox for the restart."""


class Delivery:
    def __init__(
        self,
        bot: Bot,
        remember_payload: Callable[[str, str], None],
        is_running: Callable[[], bool] = lambda: True,
    ) -> None:
        self.bot = bot
        self.remember_payload = remember_payload
        self.is_running = is_running

    def markup(self, message: OutMessage) -> Markup:
        if message.keyboard == "location" and message.buttons:
            return location_keyboard(message.buttons[0]["title"])
        if message.keyboard == "remove":
            return ReplyKeyboardRemove()
        return inline_keyboard(message.buttons)

    async def send(self, chat_id: int, message: OutMessage) -> bool:
        """True once Telegram has the message; False only if it can never be delivered."""
        for button in message.buttons if message.keyboard == "inline" else []:
            key = callback_key(button["payload"])
            if key != button["payload"]:  # stored off the event loop, before it is pressable
                await asyncio.to_thread(self.remember_payload, key, button["payload"])
        html = True
        reply_to = message.reply_to
        attempt = 0
        while True:
            try:
                await self.bot.send_message(
                    chat_id=chat_id,
                    text=to_html(message.text) if html else message.text,
                    parse_mode=ParseMode.HTML if html else None,
                    reply_markup=self.markup(message),
                    reply_parameters=ReplyParameters(reply_to, allow_sending_without_reply=True)
                    if reply_to
                    else None,
                    # Previews cost data on cheap phones and bad connections.
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                )
                return True
            except Forbidden:
                logger.warning("chat %s blocked the bot; reply not delivered", chat_id)
                return False
            except BadRequest as error:
                if html and "parse" in str(error).lower():
                    logger.error("Telegram refused the HTML of a reply; sending it as plain text")
                    html = False
                    continue
                if reply_to:
                    reply_to = None
                    continue
                logger.error("Telegram refused a reply to chat %s: %s", chat_id, error)
                return False
            except RetryAfter as error:  # the rate limiter's own retries ran out
                retry_after = error.retry_after
                await self._pause(
                    retry_after.total_seconds()
                    if hasattr(retry_after, "total_seconds")
                    else float(retry_after)
                )
            except NetworkError as error:  # includes timeouts: at least once, never lost
                attempt += 1
                delay = min(MAX_BACKOFF, 0.5 * 2**attempt)
                logger.warning(
                    "sending to chat %s failed (%s); retrying in %.1fs", chat_id, type(error).__name__, delay
                )
                await self._pause(delay)
            except TelegramError as error:  # e.g. chat migrated, bad token: retrying cannot help
                logger.error("Telegram refused a reply to chat %s: %s", chat_id, type(error).__name__)
                return False

    async def _pause(self, seconds: float) -> None:
        if not self.is_running():
            raise Stopping()
        await asyncio.sleep(seconds)

    async def typing(self, chat_id: int) -> None:
        try:
            await self.bot.send_chat_action(chat_id=chat_id, action="typing")
        except TelegramError:
            pass  # only a courtesy
