"""Updates reach the bot like Telegram's: long polling, confirmation, re-delivery, the webhook."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any, Dict, List, Tuple

import httpx
from aiohttp import web

from tests.conftest import free_port
from tests.support.telegram_emulator import BotApiEmulator
from tests.support.telegram_emulator_tests.conftest import CHAT, TOKEN, api, ok

# --- updates -----------------------------------------------------------------------------------


def test_long_polling_returns_as_soon_as_an_update_arrives(emu: BotApiEmulator) -> None:
    emu.user_sends_text(CHAT, "hola")
    ok(emu, "getUpdates", offset=1001)  # confirm the first one
    timer = threading.Timer(0.3, emu.user_sends_text, args=(CHAT, "¿sigues?"))
    began = time.monotonic()
    timer.start()
    updates = ok(emu, "getUpdates", offset=1001, timeout=10)
    elapsed = time.monotonic() - began
    timer.join()
    assert [u["message"]["text"] for u in updates] == ["¿sigues?"] and 0.25 < elapsed < 3
    began = time.monotonic()
    assert ok(emu, "getUpdates", offset=1002, timeout=1) == []
    assert time.monotonic() - began >= 0.9


def test_confirmed_updates_are_gone_but_a_redelivery_comes_back_once(emu: BotApiEmulator) -> None:
    first = emu.user_sends_text(CHAT, "gracias")
    second = emu.user_sends_text(CHAT, "adiós")
    assert [u["update_id"] for u in ok(emu, "getUpdates")] == [first, second]
    assert ok(emu, "getUpdates", offset=second + 1) == []
    emu.redeliver(first)
    assert [u["update_id"] for u in ok(emu, "getUpdates", offset=second + 1)] == [first]
    assert ok(emu, "getUpdates", offset=second + 1) == []
    third = emu.user_sends_text(CHAT, "hola", language_code="en")
    emu.redeliver(third)  # still queued: Telegram sends it twice
    twice = ok(emu, "getUpdates", offset=second + 1, limit=5)
    assert [u["update_id"] for u in twice] == [third, third]
    assert twice[0]["message"]["from"]["language_code"] == "en"


def test_a_second_poller_ends_the_first_with_a_conflict(emu: BotApiEmulator) -> None:
    results: List[Tuple[int, Dict[str, Any]]] = []
    first = threading.Thread(target=lambda: results.append(api(emu, "getUpdates", timeout=5)))
    first.start()
    assert emu.wait_for(lambda: len(emu.calls("getUpdates")) == 1, timeout=5)
    assert ok(emu, "getUpdates", timeout=0) == []
    first.join(timeout=5)
    assert results[0][0] == 409 and "terminated by other getUpdates" in results[0][1]["description"]
    assert len(emu.calls("getUpdates")) == 1  # only the successful one stays recorded


def test_webhook_gets_each_update_with_the_secret_and_retries_until_2xx(emu: BotApiEmulator) -> None:
    received: List[Tuple[str, Dict[str, Any]]] = []

    async def receive(request: web.Request) -> web.Response:
        received.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token", ""), await request.json()))
        return web.Response(status=500 if len(received) == 1 else 200)  # refuse the first try

    async def scenario() -> Dict[str, Any]:
        app = web.Application()
        app.router.add_post("/hook", receive)
        runner = web.AppRunner(app)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        try:
            async with httpx.AsyncClient(base_url=f"{emu.base_url}{TOKEN}/") as client:
                await client.post(
                    "setWebhook", json={"url": f"http://127.0.0.1:{port}/hook", "secret_token": "s3cr3t"}
                )
                conflict = (await client.post("getUpdates")).json()
                emu.user_sends_text(CHAT, "uno")
                emu.user_sends_text(CHAT, "dos")
                for _ in range(100):
                    if len(received) >= 3:
                        break
                    await asyncio.sleep(0.05)
                info = (await client.post("getWebhookInfo")).json()["result"]
                await client.post("deleteWebhook")
                return {"conflict": conflict, "info": info}
        finally:
            await runner.cleanup()

    result = asyncio.run(scenario())
    assert result["conflict"]["error_code"] == 409
    assert result["conflict"]["description"].startswith("Conflict: can't use getUpdates")
    assert [secret for secret, _ in received] == ["s3cr3t"] * 3
    assert [u["message"]["text"] for _, u in received] == ["uno", "uno", "dos"]
    assert result["info"]["pending_update_count"] == 0
    assert emu.webhook_url is None and ok(emu, "getUpdates") == []
