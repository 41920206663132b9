"""Injected faults reach the bot as Telegram's would: python-telegram-bot's errors, 429's body."""

from __future__ import annotations

import asyncio
from typing import List

from telegram import Bot
from telegram.error import NetworkError, RetryAfter

from tests.support.telegram_emulator import BotApiEmulator
from tests.support.telegram_emulator_tests.conftest import CHAT, TOKEN, api, ok, refused, seconds


def test_injected_faults_surface_as_python_telegram_bot_errors(emu: BotApiEmulator) -> None:
    emu.user_sends_text(CHAT, "hola")
    emu.fail_next("sendMessage", error_code=429, retry_after=3)
    emu.fail_next("sendMessage", error_code=500, retry_after=None)
    emu.drop_next("sendMessage")

    async def scenario() -> List[Exception]:
        errors: List[Exception] = []
        async with Bot(TOKEN, base_url=emu.base_url) as bot:
            for _ in range(3):
                try:
                    await bot.send_message(CHAT, "hola")
                except (RetryAfter, NetworkError) as error:
                    errors.append(error)
            await bot.send_message(CHAT, "por fin")
        return errors

    retry, server_error, dropped = asyncio.run(scenario())
    assert isinstance(retry, RetryAfter) and seconds(retry.retry_after) == 3
    assert isinstance(server_error, NetworkError) and "Internal Server Error" in str(server_error)
    assert type(dropped) is NetworkError
    assert [m["text"] for m in emu.messages(CHAT)] == ["por fin"]
    assert len(emu.calls("sendMessage")) == 1
    emu.fail_next("getMe", error_code=502, retry_after=None)
    assert refused(emu, "getMe") == (502, "Bad Gateway")


def test_429_body_matches_telegram(emu: BotApiEmulator) -> None:
    emu.fail_next("getMe", times=2, retry_after=7)
    for _ in range(2):
        status, body = api(emu, "getMe")
        assert status == 429 and body == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        }
    assert ok(emu, "getMe")["id"] == 123456
