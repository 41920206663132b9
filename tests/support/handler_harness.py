"""The Telegram bot in-process for the handler tests: seconds, no model, no network.

`Harness` builds the application as production does (bot/telegram/app.py:
build_application) with two fakes in place of the network: Rasa (fake_rasa.py, an httpx
transport) and the Bot API (fake_bot_api.py, a python-telegram-bot BaseRequest). It runs
the application's own start-up and shut-down (post_init: the inbox, the command menu),
and hands each user update, made with `Update.de_json`, to the update queue, where the
Updater would put it: the durable queue stores it in the inbox, the chat order runs
`application.process_update`, and the update is marked answered. `settle` waits until
the queue is drained (`update_queue.join()`: every update handled and marked), so a
test reads the answers after it, never after a sleep.

The inbox and the tracker store are SQLite files under the test's tmp_path.
"""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any, Awaitable, Callable, Dict, Optional, Type

from telegram import Update

from bot.identity import sender_id
from bot.settings import Settings, TelegramSettings
from bot.telegram.answering import Answering
from bot.telegram.app import build_application
from bot.telegram.context import SendaApplication
from bot.telegram.storage import Inbox
from tests.support.fake_bot_api import FakeBotApi
from tests.support.fake_rasa import FakeRasa
from tests.support.telegram_emulator import command_entities

JSON = Dict[str, Any]

TOKEN = "123456:handler-tests"
SECRET = "handler-tests-secret"
SETTLE_TIMEOUT = 10.0  # a handler still busy after this is a failure, not a wait


def settings_for(tmp_path: Path, **telegram: Any) -> Settings:
    """Settings on temporary files; `telegram` overrides TelegramSettings' fields."""
    return Settings(
        rasa_port=5005,
        actions_port=5055,
        api_token="handler-tests",
        db_url=f"sqlite:///{tmp_path / 'trackers.db'}",
        telegram_token=TOKEN,
        telegram=replace(
            TelegramSettings(),
            sender_secret=SECRET,
            inbox_url=f"sqlite:///{tmp_path / 'inbox.db'}",
            chat_interval=0.0,  # no per-chat pacing: the tests send many messages at once
            **telegram,
        ),
    )


def user(chat_id: int, language_code: Optional[str] = "es") -> JSON:
    """A private chat's user: Telegram gives a private chat the user's id."""
    found: JSON = {"id": chat_id, "is_bot": False, "first_name": "Ana"}
    if language_code:
        found["language_code"] = language_code
    return found


class Harness:
    def __init__(self, tmp_path: Path, rasa: Optional[FakeRasa] = None, **telegram: Any) -> None:
        self.rasa = rasa or FakeRasa()
        self.api = FakeBotApi()
        self.settings = settings_for(tmp_path, **telegram)
        self.application: SendaApplication = build_application(
            self.settings, rasa_transport=self.rasa.transport, bot_request=self.api
        )
        self._update_ids = itertools.count(1)

    @property
    def answering(self) -> Answering:
        return self.application.bot_data.answering

    @property
    def inbox(self) -> Inbox:
        return self.answering.inbox

    def sender(self, chat_id: int) -> str:
        return sender_id(chat_id, SECRET)

    # --- the application's life, as run_polling leads it -------------------------------------
    async def __aenter__(self) -> "Harness":
        application = self.application
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        await application.start()
        return self

    async def __aexit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        trace: Optional[TracebackType],
    ) -> None:
        application = self.application
        if application.running:
            await application.stop()
        await application.shutdown()
        assert application.post_shutdown is not None
        await application.post_shutdown(application)

    # --- what users do -----------------------------------------------------------------------
    async def receive(self, update: JSON) -> Update:
        """An update arrives (as the Updater puts it in the queue); not waited for."""
        update = {"update_id": next(self._update_ids), **update}
        parsed = Update.de_json(update, self.application.bot)
        await self.application.update_queue.put(parsed)
        return parsed

    async def settle(self, timeout: float = SETTLE_TIMEOUT) -> None:
        """Every update received so far is handled and its answer sent."""
        try:
            await asyncio.wait_for(self.application.update_queue.join(), timeout)
        except asyncio.TimeoutError:
            raise AssertionError(
                f"updates still being handled after {timeout}s; the bot's calls: {self.api.calls}"
            ) from None

    def message(self, chat_id: int, language_code: Optional[str] = "es", **content: Any) -> JSON:
        """A user's message in a private chat (Telegram's shape), not yet sent."""
        if isinstance(content.get("text"), str) and command_entities(content["text"]):
            content["entities"] = command_entities(content["text"])
        return self.api.message(chat_id, user(chat_id, language_code), **content)

    async def send(self, chat_id: int, language_code: Optional[str] = "es", **content: Any) -> Update:
        """The user sends a message (text=…, voice=…, sticker=…) and the bot answers it."""
        update = await self.receive({"message": self.message(chat_id, language_code, **content)})
        await self.settle()
        return update

    async def edit(self, sent: Update, text: str) -> Update:
        """The user edits a message they sent, and the bot answers the edit."""
        assert sent.message is not None
        message = sent.message.to_dict()
        edited = {**message, "text": text, "edit_date": int(message["date"]) + 1}
        update = await self.receive({"edited_message": edited})
        await self.settle()
        return update

    async def press(self, chat_id: int, message: JSON, data: str, language_code: Optional[str] = "es") -> str:
        """The user presses the button with callback data `data` under one of the bot's
        messages; returns the callback query's id."""
        query_id = f"query-{next(self._update_ids)}"
        await self.receive(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user(chat_id, language_code),
                    "chat_instance": f"instance-{chat_id}",
                    "message": message,
                    "data": data,
                }
            }
        )
        await self.settle()
        return query_id


def run(
    scenario: Callable[[Harness], Awaitable[None]],
    tmp_path: Path,
    rasa: Optional[FakeRasa] = None,
    **telegram: Any,
) -> None:
    """Run one conversation from a synchronous test: start the bot, play it, stop the bot."""

    async def play() -> None:
        async with Harness(tmp_path, rasa, **telegram) as harness:
            await scenario(harness)

    asyncio.run(play())
