"""The Telegram load figure for `make bench`: N chats × M messages through the emulator.

Reply time is from the user's message reaching the emulator to the bot's reply
to it reaching the emulator (each question here has a one-message answer).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import List

from bot.settings import Settings
from tests.support.bot_process import bot_env, bot_process
from tests.support.telegram_emulator import BotApiEmulator

CHATS = 20
MESSAGES_PER_CHAT = 5
QUESTIONS = ["hola", "gracias", "qué es el TPS", "como pido asilo en estados unidos", "adiós"]


def _percentile(values: List[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def telegram_load(settings: Settings, tmp: Path) -> None:
    with BotApiEmulator() as emulator:
        bot = bot_process(
            settings_env=bot_env(emulator, settings, f"sqlite:///{tmp / 'inbox.db'}"),
            log_path=tmp / "bot.log",
        ).start()
        try:
            emulator.wait_for(lambda: bool(emulator.calls("getUpdates")), timeout=60)
            chats = [900_000_000 + n for n in range(CHATS)]
            sent_at = {chat: [] for chat in chats}
            began = time.monotonic()
            for index in range(MESSAGES_PER_CHAT):
                for chat in chats:
                    emulator.user_sends_text(chat, QUESTIONS[index % len(QUESTIONS)])
                    sent_at[chat].append(time.monotonic())
            total = CHATS * MESSAGES_PER_CHAT
            emulator.wait_for(lambda: sum(len(emulator.messages(c)) for c in chats) >= total, timeout=600)
            elapsed = time.monotonic() - began
            times: List[float] = []
            for chat in chats:
                replies = emulator.calls("sendMessage", chat_id=chat)
                for asked, reply in zip(sent_at[chat], replies):
                    times.append((reply["time"] - asked) * 1000)
            got = sum(len(emulator.messages(c)) for c in chats)
            print(
                f"telegram: {CHATS} chats × {MESSAGES_PER_CHAT} messages through the Bot API "
                f"emulator: {got / elapsed:.1f} replies/s, reply time median "
                f"{statistics.median(times):.0f} ms, p95 {_percentile(times, 0.95):.0f} ms, "
                f"lost {max(0, total - got)}"
            )
        finally:
            bot.stop()
