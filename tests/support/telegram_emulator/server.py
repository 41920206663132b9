"""The emulator's HTTP server: aiohttp in a thread of its own, routing each call to its method.

Tests call start/stop (or use it as a context manager) from their thread; the server's
event loop runs in a daemon thread. A call is answered as Telegram would: the token
checked, an injected fault first, then the method, whose success is recorded.
"""

from __future__ import annotations

import asyncio
import copy
import socket
import threading
import time
from typing import Any, NoReturn, Optional, TypeVar

from aiohttp import web

from tests.support.telegram_emulator.core import EmulatorCore
from tests.support.telegram_emulator.wire import JSON, ApiError, Params, read_params

SHUTDOWN_GRACE = 1.0

# start() and `with` give back the emulator itself, typed as what it is (BotApiEmulator).
ServerT = TypeVar("ServerT", bound="Server")


class Server(EmulatorCore):
    """Starting and stopping the server, and answering its HTTP requests."""

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self: ServerT) -> ServerT:
        """Bind a free port on 127.0.0.1; returns once it serves."""
        if self._thread is not None:
            return self
        with self._lock:
            self._state.closing = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run_loop, name="bot-api-emulator", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=30)
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        with self._lock:
            self._state.closing = True
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop, self._thread = None, None

    def __enter__(self: ServerT) -> ServerT:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if not self._port:
            raise RuntimeError("the emulator is not started")
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def webhook_url(self) -> Optional[str]:
        with self._lock:
            return self._state.webhook["url"] if self._state.webhook else None

    def _run_loop(self) -> None:
        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _serve(self) -> None:
        self._arrived = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock, shutdown_timeout=SHUTDOWN_GRACE).start()
        self._delivery = asyncio.create_task(self._deliver_webhook())

    async def _shutdown(self) -> None:
        self._poke()
        if self._delivery is not None:
            self._delivery.cancel()
            await asyncio.gather(self._delivery, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()

    # --- HTTP ---------------------------------------------------------------------------------

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        return web.json_response(ApiError(404, "Not Found").body(), status=404)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        found = self._handlers.get(request.match_info["method"].lower())
        if found is None:
            return web.json_response(ApiError(404, "Not Found").body(), status=404)
        name, handler = found
        try:
            params = await read_params(request)
            with self._lock:
                queue = self._state.faults.get(name)
                fault = queue.popleft() if queue else None
            if fault is not None and fault.drop:
                return self._hang_up(request)
            if fault is not None and fault.error is not None:
                raise fault.error
            started = time.monotonic()
            result = await handler(params)
        except ApiError as error:
            return web.json_response(error.body(), status=error.code)
        if name != "getUpdates":
            self._record(name, params, started, result)
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _hang_up(request: web.Request) -> NoReturn:
        """Close the connection without answering: the client sees a network error."""
        if request.transport is not None:
            request.transport.abort()
        # aiohttp drops a cancelled handler quietly, without writing a response.
        raise asyncio.CancelledError

    def _record(self, name: str, params: Params, started: float, result: Any) -> JSON:
        call = {
            "method": name,
            "params": copy.deepcopy(params),
            "time": started,
            "result": copy.deepcopy(result),
        }
        with self._lock:
            self._state.calls.append(call)
            self._changed_locked()
        return call
