"""Webhook mode: Telegram posts updates to the bot, which refuses any without the secret."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import httpx
import pytest

from bot.processes import ChildProcess
from tests.conftest import free_port
from tests.e2e.conftest import new_chat, plain, settle
from tests.support.bot_process import bot_env, bot_process
from tests.support.telegram_emulator import BotApiEmulator

pytestmark = pytest.mark.stack

WEBHOOK_SECRET = "webhook-secret-123"


@pytest.fixture(scope="module")
def webhook_bot(
    stack, stack_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[BotApiEmulator, ChildProcess, str]]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    tmp = tmp_path_factory.mktemp("webhook")
    with BotApiEmulator() as emulator:
        bot = bot_process(
            settings_env={
                **bot_env(emulator, stack.settings, f"sqlite:///{tmp / 'inbox.db'}", stack_root),
                "TELEGRAM_WEBHOOK_URL": url,
                "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
                "TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
                "TELEGRAM_WEBHOOK_PORT": str(port),
            },
            log_path=tmp / "bot.log",
        ).start()
        try:
            if not emulator.wait_for(lambda: emulator.webhook_url == url, timeout=60):
                pytest.fail(f"the bot did not set its webhook:\n{bot.log()[-3000:]}")
            yield emulator, bot, url
        finally:
            bot.stop()


def test_updates_arrive_by_webhook_and_are_answered(webhook_bot, renderer) -> None:
    emulator, bot, _ = webhook_bot
    chat = new_chat()
    emulator.user_sends_text(chat, "gracias")
    assert plain(settle(emulator, chat, 1)[0]) == renderer.render("utter_thanks", "es", {}, {}).text
    assert not emulator.calls("getUpdates")  # no polling in webhook mode


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
def test_a_request_without_the_secret_is_refused(webhook_bot, secret) -> None:
    emulator, bot, url = webhook_bot
    chat = new_chat()
    forged = {
        "update_id": 990001 + (secret is None),
        "message": {
            "message_id": 1,
            "date": 0,
            "text": "hola",
            "chat": {"id": chat, "type": "private"},
            "from": {"id": chat, "is_bot": False, "first_name": "X"},
        },
    }
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    reply = httpx.post(url, json=forged, headers=headers, timeout=10)
    assert reply.status_code == 403
    emulator.wait_for(lambda: False, timeout=2)
    assert emulator.messages(chat) == []
    assert bot.alive()
