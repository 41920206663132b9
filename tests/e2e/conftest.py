"""End to end against the running stack: a Rasa client and what conversations with it need;
for Telegram, the Bot API emulator and the bot process in front of the stack."""

from __future__ import annotations

import html
import os
import random
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterator, List

import pytest

from bot.identity import sender_id
from bot.processes import ChildProcess
from bot.rasa_client import RasaClient
from bot.settings import PROJECT_ROOT
from tests.support.bot_process import SECRET, bot_env, bot_process
from tests.support.telegram_emulator import BotApiEmulator

if TYPE_CHECKING:
    from actions.content.render import Renderer

# Shortened so the flood test runs in seconds; the production default is 20 a minute.
FLOOD_LIMIT = "6"
FLOOD_WINDOW = "10"


@pytest.fixture(scope="session")
def emulator() -> Iterator[BotApiEmulator]:
    with BotApiEmulator() as emu:
        yield emu


@pytest.fixture(scope="session")
def inbox_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('inbox') / 'inbox.db'}"


@pytest.fixture(scope="session")
def telegram_bot(
    stack,
    stack_root: Path,
    emulator: BotApiEmulator,
    inbox_url: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ChildProcess]:
    bot = bot_process(
        settings_env={
            **bot_env(emulator, stack.settings, inbox_url, stack_root),
            "SENDA_FLOOD_PER_MINUTE": FLOOD_LIMIT,
            "SENDA_FLOOD_WINDOW": FLOOD_WINDOW,
        },
        log_path=tmp_path_factory.mktemp("bot") / "bot.log",
    )
    bot.start()
    wait_polling(emulator, bot)
    try:
        yield bot
    finally:
        bot.stop()


def wait_polling(emulator: BotApiEmulator, bot: ChildProcess, timeout: float = 60.0) -> None:
    """The bot is up once it polls for updates."""
    before = len(emulator.calls("getUpdates"))
    if (
        not emulator.wait_for(lambda: len(emulator.calls("getUpdates")) > before or not bot.alive(), timeout)
        or not bot.alive()
    ):
        pytest.fail(f"the bot did not start polling:\n{bot.log()[-3000:]}")


def new_chat() -> int:
    return random.randint(10**8, 10**9)


def sender_of(chat_id: int) -> str:
    return sender_id(chat_id, SECRET)


def plain(message: Dict[str, Any]) -> str:
    """What the user reads: the sent HTML without tags."""
    return html.unescape(re.sub(r"<[^>]+>", "", message.get("text") or ""))


def buttons(message: Dict[str, Any]) -> List[Dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
    return [button for row in rows for button in row]


def wait_new(
    emulator: BotApiEmulator, chat_id: int, seen: int, count: int = 1, timeout: float = 60.0
) -> List[Dict[str, Any]]:
    """The bot's messages after the first `seen`, once there are at least `count` of them."""
    messages = emulator.wait_messages(chat_id, seen + count, timeout=timeout)
    assert len(messages) >= seen + count, f"expected {count} new messages, got {messages[seen:]}"
    return messages[seen:]


def settle(
    emulator: BotApiEmulator, chat_id: int, expect_at_least: int, quiet: float = 2.0, timeout: float = 90.0
) -> List[Dict[str, Any]]:
    """All the bot's messages in a chat once at least N came and nothing more came for `quiet` s."""
    import time

    emulator.wait_messages(chat_id, expect_at_least, timeout=timeout)
    count, since = -1, time.monotonic()
    while time.monotonic() - since < quiet:
        current = len(emulator.messages(chat_id))
        if current != count:
            count, since = current, time.monotonic()
        time.sleep(0.2)
    return emulator.messages(chat_id)


@pytest.fixture
def renderer(stack_root: Path, monkeypatch: pytest.MonkeyPatch) -> "Renderer":
    """What the answers say on the stack's copy of the content (tests compare replies to it)."""
    from actions.content.answers import load_content
    from actions.content.catalogs import load_catalogs
    from actions.content.render import Renderer

    monkeypatch.setenv("SENDA_ROOT", str(stack_root))
    return Renderer(load_content(), load_catalogs())


# --- conversations with Rasa, over its HTTP API ---------------------------------------------------


@pytest.fixture(scope="module")
def client(stack) -> RasaClient:
    return RasaClient(stack.settings.rasa_url, stack.settings.api_token)


def new_sender() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


def bot_events(client: RasaClient, sender: str) -> List[Dict[str, Any]]:
    """The bot events that answered the sender's last message."""
    events = client.tracker(sender)["events"]
    last_user = max(i for i, e in enumerate(events) if e["event"] == "user")
    return [e for e in events[last_user + 1 :] if e["event"] == "bot"]


def bot_topics(client: RasaClient, sender: str) -> List[str]:
    return [b["metadata"].get("utter_action") for b in bot_events(client, sender)]


def publish(stack_root: Path) -> subprocess.CompletedProcess:
    """`senda content publish` on the stack's copy of the content, as staff run it."""
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "publish"],
        cwd=PROJECT_ROOT,
        env={**os.environ, "SENDA_ROOT": str(stack_root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
