"""The emulator's own tests: a fresh emulator each, and plain HTTP calls to it."""

from __future__ import annotations

from typing import Any, Dict, Iterator, Tuple

import httpx
import pytest

from tests.support.telegram_emulator import BotApiEmulator

TOKEN = "123456:TEST-TOKEN"
CHAT = 424242


@pytest.fixture
def emu() -> Iterator[BotApiEmulator]:
    with BotApiEmulator(token=TOKEN) as emulator:
        yield emulator


def api(emu: BotApiEmulator, method: str, **params: Any) -> Tuple[int, Dict[str, Any]]:
    """A JSON call, as a plain HTTP client would make it."""
    reply = httpx.post(f"{emu.base_url}{emu.token}/{method}", json=params, timeout=30)
    return reply.status_code, reply.json()


def ok(emu: BotApiEmulator, method: str, **params: Any) -> Any:
    status, body = api(emu, method, **params)
    assert status == 200 and body["ok"] is True, body
    return body["result"]


def refused(emu: BotApiEmulator, method: str, **params: Any) -> Tuple[int, str]:
    status, body = api(emu, method, **params)
    assert body["ok"] is False and body["error_code"] == status, body
    return status, body["description"]


def keyboard(*data: str) -> Dict[str, Any]:
    return {"inline_keyboard": [[{"text": f"b{n}", "callback_data": d}] for n, d in enumerate(data)]}


def seconds(value: Any) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)
