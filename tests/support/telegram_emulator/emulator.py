"""A local Telegram Bot API for tests: a real HTTP server that python-telegram-bot can talk to.

The server (aiohttp) runs in a background thread with its own event loop; tests drive it
from their own thread through BotApiEmulator's methods (users writing and pressing
buttons, faults to inject) and read back what the bot did. All shared state sits behind
one lock, so both sides may use it at once.

Point a bot at it with
``ApplicationBuilder().token(emu.token).base_url(emu.base_url).base_file_url(emu.base_file_url)``.
"""

from __future__ import annotations

import asyncio
import copy
import html
import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Deque, Dict, Iterator, List, NoReturn, Optional, Tuple

import aiohttp
from aiohttp import web

JSON = Dict[str, Any]
Params = Dict[str, Any]

FIRST_UPDATE_ID = 1000
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
WEBHOOK_RETRY = 0.5  # seconds between attempts at an update the webhook refused
SHUTDOWN_GRACE = 1.0

# Parameters that are strings even when their value looks like JSON ("123", "[1]", "true").
TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "title",
        "address",
        "question",
        "description",
        "short_description",
        "name",
        "callback_query_id",
        "inline_message_id",
        "url",
        "secret_token",
        "parse_mode",
        "language_code",
        "action",
        "foursquare_id",
        "foursquare_type",
        "google_place_id",
        "google_place_type",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
    }
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "tg-spoiler",
        "span",
        "blockquote",
        "tg-emoji",
    }
)
HTML_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
HTML_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
HTML_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
BOT_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w@])")
COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
LANGUAGE_CODE = re.compile(r"^(?:[a-z]{2})?$")
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
ERROR_TEXTS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use "
    "deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)


class ApiError(Exception):
    """A Bot API error answer: {"ok": false, "error_code", "description", "parameters"?}."""

    def __init__(self, code: int, description: str, parameters: Optional[JSON] = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}")


@dataclass
class _Fault:
    drop: bool
    error: Optional[ApiError] = None


@dataclass
class _Pending:
    update: JSON
    resent: bool = False  # a re-delivery: survives confirmation until handed out once
    handed_out: bool = False

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])

    @property
    def kind(self) -> str:
        return next(key for key in self.update if key != "update_id")


@dataclass
class _Sent:
    """A bot message: what Telegram returns for it, and the markup the bot attached."""

    method: str
    message: JSON
    markup: Optional[JSON] = None

    def view(self) -> JSON:
        view = copy.deepcopy(self.message)
        view["method"] = self.method
        if self.markup is not None:
            view["reply_markup"] = copy.deepcopy(self.markup)
        return view


@dataclass
class _Query:
    chat_id: int
    answered: bool = False


@dataclass
class _State:
    users: Dict[int, JSON] = field(default_factory=dict)
    message_ids: Dict[int, Iterator[int]] = field(default_factory=dict)
    store: Dict[Tuple[int, int], JSON] = field(default_factory=dict)  # every message, by chat
    sent: Dict[Tuple[int, int], _Sent] = field(default_factory=dict)  # the bot's, by chat
    shown: Dict[int, List[int]] = field(default_factory=dict)  # recorded bot message ids
    calls: List[JSON] = field(default_factory=list)
    updates: Dict[int, JSON] = field(default_factory=dict)
    pending: List[_Pending] = field(default_factory=list)
    allowed: List[str] = field(default_factory=list)
    queries: Dict[str, _Query] = field(default_factory=dict)
    commands: Dict[Tuple[str, str], List[JSON]] = field(default_factory=dict)
    faults: Dict[str, Deque[_Fault]] = field(default_factory=dict)
    webhook: Optional[JSON] = None
    webhook_error: Optional[Tuple[int, str]] = None
    poller: int = 0
    closing: bool = False


# --- parameters -------------------------------------------------------------------------------


def decode_value(name: str, value: Any) -> Any:
    """Form fields carry JSON-encoded objects, arrays, numbers and booleans as strings."""
    if not isinstance(value, str) or name in TEXT_PARAMS:
        return value
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    return value if isinstance(decoded, str) or decoded is None else decoded


async def read_params(request: web.Request) -> Params:
    raw: Dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise bad_request("can't parse JSON object") from None
            if not isinstance(body, dict):
                raise bad_request("can't parse JSON object")
            raw.update(body)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for key, value in form.items():
                raw[key] = value if isinstance(value, str) else {"filename": value.filename}
    return {key: decode_value(key, value) for key, value in raw.items()}


def int_param(params: Params, name: str, default: Optional[int] = None) -> Optional[int]:
    value = params.get(name, default)
    if value is None or isinstance(value, int):
        return value
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def float_param(params: Params, name: str) -> float:
    try:
        return float(params[name])
    except KeyError:
        raise bad_request(f"{name} is empty") from None
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


# --- text -------------------------------------------------------------------------------------


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> List[JSON]:
    """The bot_command entities Telegram adds to a user's text (offsets in UTF-16 units)."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: match.start()]),
            "length": utf16_length(match.group()),
        }
        for match in BOT_COMMAND.finditer(text)
    ]


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _check_tag(name: str, attributes: str, offset: int) -> None:
    attrs = {
        m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
        for m in HTML_ATTR.finditer(attributes)
    }
    if name not in HTML_TAGS:
        raise bad_request(f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {offset}')
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise bad_request(
            f'can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset {offset}'
        )
    if name == "tg-emoji" and "emoji-id" not in attrs:
        raise bad_request(
            f'can\'t parse entities: Tag "tg-emoji" must have attribute "emoji-id" at byte offset {offset}'
        )


def html_plain_text(text: str) -> str:
    """The text the user reads from Telegram-flavoured HTML; ApiError where Telegram refuses it."""
    out: List[str] = []
    open_tags: List[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "<":
            match = HTML_TAG.match(text, index)
            offset = _byte_offset(text, index)
            if match is None:
                raise bad_request(f"can't parse entities: Unclosed start tag at byte offset {offset}")
            closing, name = match.group(1) == "/", match.group(2).lower()
            if closing:
                if not open_tags or open_tags[-1] != name:
                    raise bad_request(f"can't parse entities: Unexpected end tag at byte offset {offset}")
                open_tags.pop()
            else:
                _check_tag(name, match.group(3), offset)
                open_tags.append(name)
            index = match.end()
        elif char == "&":
            match = HTML_ENTITY.match(text, index)
            if match is None:
                raise bad_request(
                    f"can't parse entities: Character entity expected at byte "
                    f"offset {_byte_offset(text, index)}"
                )
            out.append(html.unescape(match.group()))
            index = match.end()
        else:
            out.append(char)
            index += 1
    if open_tags:
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{open_tags[-1]}\""
        )
    return "".join(out)


def checked_text(params: Params) -> str:
    """The message text as sent, after Telegram's checks on what the user would read."""
    text = params.get("text")
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    mode = str(params.get("parse_mode") or "").lower()
    plain = html_plain_text(text) if mode == "html" else text
    if not plain.strip():
        raise bad_request("message text is empty")
    if utf16_length(plain) > MAX_TEXT:
        raise bad_request("message is too long")
    return text


def checked_markup(params: Params) -> Optional[JSON]:
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
    for button in (button for row in rows for button in row):
        if not isinstance(button, dict) or not button.get("text"):
            raise bad_request(
                "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
            )
        data = button.get("callback_data")
        if data is not None and not 1 <= len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    return markup


def checked_commands(params: Params) -> List[JSON]:
    commands = params.get("commands")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request(
            "BOT_COMMANDS_TOO_MUCH" if isinstance(commands, list) else "can't parse commands JSON object"
        )
    for command in commands:
        if not isinstance(command, dict) or not COMMAND_NAME.match(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description") or "")) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    return [{"command": c["command"], "description": c["description"]} for c in commands]


def scope_key(scope: Optional[JSON]) -> str:
    return json.dumps(scope or {"type": "default"}, sort_keys=True)


# --- what users send: content a Message can carry -------------------------------------------


def voice_content(duration: int = 3) -> JSON:
    return {
        "voice": {
            "file_id": "AwACAgEAAxkBAAIBVoice",
            "file_unique_id": "AgADVoice",
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 8123,
        }
    }


def photo_content() -> JSON:
    sizes = [(90, 67, 1350), (320, 240, 18000), (800, 600, 64000)]
    return {
        "photo": [
            {
                "file_id": f"AgACAgEAAxkBAAIBPhoto{w}",
                "file_unique_id": f"AQADPhoto{w}",
                "width": w,
                "height": h,
                "file_size": size,
            }
            for w, h, size in sizes
        ]
    }


def sticker_content() -> JSON:
    return {
        "sticker": {
            "file_id": "CAACAgIAAxkBAAIBSticker",
            "file_unique_id": "AgADSticker",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
            "emoji": "👍",
            "set_name": "HotCherry",
            "file_size": 20000,
        }
    }


def document_content() -> JSON:
    return {
        "document": {
            "file_id": "BQACAgEAAxkBAAIBDocument",
            "file_unique_id": "AgADDocument",
            "file_name": "pasaporte.pdf",
            "mime_type": "application/pdf",
            "file_size": 102400,
        }
    }


def contact_content() -> JSON:
    return {"contact": {"phone_number": "+50255551234", "first_name": "Rosa", "last_name": "Tzul"}}


def poll_content() -> JSON:
    options = [
        {"text": text, "voter_count": 0, "persistent_id": str(n)} for n, text in enumerate(("Sí", "No"))
    ]
    return {
        "poll": {
            "id": "5123456789012345678",
            "question": "¿Viajas sola?",
            "options": options,
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
            "allows_revoting": False,
            "members_only": False,
        }
    }


def location_content(latitude: float = 14.6349, longitude: float = -90.5069) -> JSON:
    return {"location": {"latitude": latitude, "longitude": longitude}}


# --- the emulator -----------------------------------------------------------------------------

Handler = Callable[[Params], Awaitable[Any]]


class BotApiEmulator:
    """A Telegram Bot API on 127.0.0.1 with users a test can play, and a record of the bot."""

    def __init__(self, token: str = "123456:TEST-TOKEN", bot_username: str = "senda_test_bot") -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_user: JSON = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": "Senda",
            "username": bot_username,
        }
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._version = 0
        self._state = _State()
        self._update_ids = itertools.count(FIRST_UPDATE_ID)
        self._query_ids = itertools.count(4_000_000_000_000_000)
        self._port = 0
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._runner: Optional[web.AppRunner] = None
        self._delivery: Optional[asyncio.Task] = None
        self._arrived: Optional[asyncio.Event] = None
        self._handlers: Dict[str, Tuple[str, Handler]] = {
            name.lower(): (name, handler) for name, handler in self._methods().items()
        }

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> "BotApiEmulator":
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

    def __enter__(self) -> "BotApiEmulator":
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

    # --- change notification ------------------------------------------------------------------

    def _changed_locked(self) -> None:
        """Call with the lock held: wakes test threads, and the server's waiters."""
        self._version += 1
        self._changed.notify_all()
        loop = self._loop
        if loop is not None and loop.is_running():
            loop.call_soon_threadsafe(self._poke)

    def _poke(self) -> None:
        """In the loop: wake long polls and webhook delivery (each waits on the current Event)."""
        if self._arrived is not None:
            self._arrived.set()
            self._arrived = asyncio.Event()

    async def _wait_change(self, event: asyncio.Event, timeout: Optional[float]) -> None:
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except asyncio.TimeoutError:
            pass

    # --- users --------------------------------------------------------------------------------

    def user_sends_text(
        self, chat_id: int, text: str, language_code: str = "es", first_name: str = "Ana"
    ) -> int:
        """The user writes `text`; returns the update id."""
        with self._lock:
            self._user_locked(chat_id, language_code, first_name)
        return self.user_sends(chat_id, {"text": text}, language_code=language_code)

    def user_sends(self, chat_id: int, content: JSON, language_code: str = "es", edited: bool = False) -> int:
        """The user sends a message with `content` merged in (or an edit); returns the update id."""
        now = int(time.time())
        with self._lock:
            user = self._user_locked(chat_id, language_code)
            message: JSON = {
                "message_id": self._next_message_id(chat_id),
                "from": user,
                "chat": self._chat(chat_id),
                "date": now - 5 if edited else now,
            }
            message.update(copy.deepcopy(content))
            text = message.get("text")
            if isinstance(text, str) and "entities" not in message and command_entities(text):
                message["entities"] = command_entities(text)
            if edited:
                message["edit_date"] = now
            self._state.store[(chat_id, message["message_id"])] = message
            return self._add_update_locked("edited_message" if edited else "message", message)

    def user_presses(self, chat_id: int, message_id: int, callback_data: str) -> int:
        """The user presses a button with `callback_data` under bot message `message_id`."""
        with self._lock:
            sent = self._state.sent.get((chat_id, message_id))
            if sent is None:
                raise KeyError(f"no bot message {message_id} in chat {chat_id}")
            query_id = str(next(self._query_ids))
            self._state.queries[query_id] = _Query(chat_id)
            query = {
                "id": query_id,
                "from": self._user_locked(chat_id),
                "message": copy.deepcopy(sent.message),
                "chat_instance": str(-7_000_000_000_000 - chat_id),
                "data": callback_data,
            }
            return self._add_update_locked("callback_query", query)

    def redeliver(self, update_id: int) -> None:
        """Telegram sends an update already created (and maybe already delivered) again."""
        with self._lock:
            update = self._state.updates[update_id]
            self._state.pending.append(_Pending(copy.deepcopy(update), resent=True))
            self._state.pending.sort(key=lambda entry: entry.update_id)
            self._changed_locked()

    def _user_locked(
        self, chat_id: int, language_code: Optional[str] = None, first_name: Optional[str] = None
    ) -> JSON:
        user = self._state.users.setdefault(
            chat_id, {"id": chat_id, "is_bot": False, "first_name": first_name or "Ana"}
        )
        if first_name:
            user["first_name"] = first_name
        if language_code:
            user["language_code"] = language_code
        return dict(user)

    def _chat(self, chat_id: int) -> JSON:
        return {"id": chat_id, "first_name": self._state.users[chat_id]["first_name"], "type": "private"}

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._state.message_ids.setdefault(chat_id, itertools.count(1)))

    def _add_update_locked(self, kind: str, payload: JSON) -> int:
        update_id = next(self._update_ids)
        update = {"update_id": update_id, kind: payload}
        self._state.updates[update_id] = update
        self._state.pending.append(_Pending(copy.deepcopy(update)))
        self._changed_locked()
        return update_id

    # --- what the bot did ---------------------------------------------------------------------

    def calls(self, method: Optional[str] = None, chat_id: Optional[int] = None) -> List[JSON]:
        """Successful API calls in order: {"method", "params", "time", "result"}.

        getUpdates is recorded when it starts (result None until it returns).
        """
        wanted = self._canonical(method) if method else None
        with self._lock:
            return [
                copy.deepcopy(call)
                for call in self._state.calls
                if (wanted is None or call["method"] == wanted)
                and (chat_id is None or call["params"].get("chat_id") == chat_id)
            ]

    def messages(self, chat_id: int) -> List[JSON]:
        """The bot's messages in the chat, as they are now (edits applied), each with "method"."""
        with self._lock:
            return [
                self._state.sent[(chat_id, message_id)].view()
                for message_id in self._state.shown.get(chat_id, [])
            ]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30.0) -> bool:
        """Poll `predicate` until true or `timeout`; returns its last value."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                seen = self._version
            if predicate():
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            with self._lock:
                if self._version == seen:
                    # Bounded: the predicate may depend on things outside the emulator.
                    self._changed.wait(min(remaining, 0.1))

    def wait_messages(self, chat_id: int, count: int, timeout: float = 30.0) -> List[JSON]:
        self.wait_for(lambda: len(self.messages(chat_id)) >= count, timeout)
        return self.messages(chat_id)

    def reset_records(self) -> None:
        """Forget recorded calls and messages; chats, buttons and pending updates stay."""
        with self._lock:
            self._state.calls.clear()
            self._state.shown.clear()
            self._changed_locked()

    def commands(self, scope: Optional[JSON] = None, language_code: str = "") -> List[JSON]:
        with self._lock:
            return copy.deepcopy(self._state.commands.get((scope_key(scope), language_code), []))

    # --- fault injection ----------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        times: int = 1,
        error_code: int = 429,
        retry_after: Optional[int] = 1,
        description: Optional[str] = None,
    ) -> None:
        """The next `times` calls of `method` get this error instead of taking effect."""
        if description is None:
            description = (
                f"Too Many Requests: retry after {retry_after}"
                if error_code == 429 and retry_after is not None
                else ERROR_TEXTS.get(error_code) or HTTPStatus(error_code).phrase
            )
        parameters = {"retry_after": retry_after} if error_code == 429 and retry_after is not None else None
        self._add_faults(method, times, _Fault(False, ApiError(error_code, description, parameters)))

    def drop_next(self, method: str, times: int = 1) -> None:
        """The next `times` calls of `method` get the connection closed, with no effect."""
        self._add_faults(method, times, _Fault(True))

    def _add_faults(self, method: str, times: int, fault: _Fault) -> None:
        name = self._canonical(method)
        with self._lock:
            self._state.faults.setdefault(name, deque()).extend([fault] * times)

    def _canonical(self, method: str) -> str:
        try:
            return self._handlers[method.lower()][0]
        except KeyError:
            raise ValueError(f"the emulator has no method {method!r}") from None

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

    def _methods(self) -> Dict[str, Handler]:
        return {
            "getMe": self._get_me,
            "logOut": self._true,
            "close": self._true,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "sendLocation": self._send_location,
            "sendVenue": self._send_venue,
            "sendChatAction": self._send_chat_action,
            "answerCallbackQuery": self._answer_callback_query,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
        }

    # --- methods: bot and updates -------------------------------------------------------------

    async def _true(self, params: Params) -> bool:
        return True

    async def _get_me(self, params: Params) -> JSON:
        return dict(
            self.bot_user,
            can_join_groups=False,
            can_read_all_group_messages=False,
            supports_inline_queries=False,
        )

    async def _get_updates(self, params: Params) -> List[JSON]:
        offset = int_param(params, "offset")
        limit = min(100, max(1, int_param(params, "limit", 100) or 100))
        timeout = max(0, int_param(params, "timeout", 0) or 0)
        allowed = params.get("allowed_updates")
        with self._lock:
            if self._state.webhook is not None:
                raise ApiError(409, WEBHOOK_CONFLICT)
            self._confirm_locked(offset)
            if isinstance(allowed, list):
                self._state.allowed = [str(kind) for kind in allowed]
            self._state.poller += 1
            me = self._state.poller
            call = {
                "method": "getUpdates",
                "params": copy.deepcopy(params),
                "time": time.monotonic(),
                "result": None,
            }
            self._state.calls.append(call)
            self._changed_locked()
        try:
            batch = await self._long_poll(me, offset, limit, timeout)
        except ApiError:
            with self._lock:
                self._state.calls.remove(call)
            raise
        with self._lock:
            call["result"] = copy.deepcopy(batch)
            self._changed_locked()
        return batch

    async def _long_poll(self, me: int, offset: Optional[int], limit: int, timeout: int) -> List[JSON]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            event = self._arrived
            assert event is not None
            with self._lock:
                if self._state.poller != me:
                    raise ApiError(409, POLL_CONFLICT)
                if self._state.webhook is not None:
                    raise ApiError(409, WEBHOOK_CONFLICT)
                batch = self._hand_out_locked(offset, limit)
                closing = self._state.closing
            remaining = deadline - loop.time()
            if batch or closing or remaining <= 0:
                return batch
            await self._wait_change(event, remaining)

    def _confirm_locked(self, offset: Optional[int]) -> None:
        """Updates below `offset` are forgotten for good (re-sends only once handed out)."""
        pending = self._state.pending
        if offset is None or offset == 0:
            return
        if offset < 0:
            del pending[: max(0, len(pending) + offset)]
            return
        pending[:] = [
            entry for entry in pending if entry.update_id >= offset or (entry.resent and not entry.handed_out)
        ]

    def _deliverable_locked(self) -> List[_Pending]:
        """Pending updates, dropping the kinds the bot did not ask for (as Telegram does)."""
        allowed = self._state.allowed
        if allowed:
            self._state.pending[:] = [e for e in self._state.pending if e.kind in allowed]
        return self._state.pending

    def _hand_out_locked(self, offset: Optional[int], limit: int) -> List[JSON]:
        batch = [
            entry
            for entry in self._deliverable_locked()
            if offset is None
            or offset <= 0
            or entry.update_id >= offset
            or (entry.resent and not entry.handed_out)
        ][:limit]
        for entry in batch:
            entry.handed_out = True
        return [copy.deepcopy(entry.update) for entry in batch]

    async def _set_webhook(self, params: Params) -> bool:
        url = str(params.get("url") or "")
        secret = params.get("secret_token")
        if secret is not None and not SECRET_TOKEN.match(str(secret)):
            raise bad_request("secret token contains unallowed characters")
        if url and not re.match(r"^https?://", url):
            raise bad_request("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
        with self._lock:
            if params.get("drop_pending_updates"):
                self._state.pending.clear()
            allowed = params.get("allowed_updates")
            if isinstance(allowed, list):
                self._state.allowed = [str(kind) for kind in allowed]
            self._state.webhook = {"url": url, "secret_token": secret and str(secret)} if url else None
            self._state.webhook_error = None
            self._changed_locked()
        return True

    async def _delete_webhook(self, params: Params) -> bool:
        with self._lock:
            if params.get("drop_pending_updates"):
                self._state.pending.clear()
            self._state.webhook = None
            self._changed_locked()
        return True

    async def _get_webhook_info(self, params: Params) -> JSON:
        with self._lock:
            state = self._state
            info: JSON = {
                "url": state.webhook["url"] if state.webhook else "",
                "has_custom_certificate": False,
                "pending_update_count": len(state.pending),
            }
            if state.webhook and state.allowed:
                info["allowed_updates"] = list(state.allowed)
            if state.webhook and state.webhook_error:
                info["last_error_date"], info["last_error_message"] = state.webhook_error
        return info

    async def _deliver_webhook(self) -> None:
        """POST pending updates to the webhook, one at a time, in order, until each gets a 2xx."""
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while True:
                event = self._arrived
                assert event is not None
                with self._lock:
                    webhook = self._state.webhook
                    pending = self._deliverable_locked() if webhook else []
                    entry = pending[0] if pending else None
                if entry is None or webhook is None:
                    await event.wait()
                    continue
                error = await self._post_update(session, webhook, entry.update)
                with self._lock:
                    if error is None:
                        if entry in self._state.pending:
                            self._state.pending.remove(entry)
                        self._state.webhook_error = None
                    else:
                        self._state.webhook_error = (int(time.time()), error)
                    self._changed_locked()
                if error is not None:
                    await asyncio.sleep(WEBHOOK_RETRY)

    @staticmethod
    async def _post_update(session: aiohttp.ClientSession, webhook: JSON, update: JSON) -> Optional[str]:
        """None once the webhook accepted the update, else why not."""
        headers = (
            {"X-Telegram-Bot-Api-Secret-Token": webhook["secret_token"]}
            if webhook.get("secret_token")
            else {}
        )
        try:
            async with session.post(webhook["url"], json=update, headers=headers) as response:
                await response.read()
                if 200 <= response.status < 300:
                    return None
                return f"Wrong response from the webhook: {response.status} {response.reason}"
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            return f"Connection failed: {type(error).__name__}"

    # --- methods: messages --------------------------------------------------------------------

    def _known_chat_locked(self, params: Params) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        if not isinstance(chat_id, int) or chat_id not in self._state.users:
            raise bad_request("chat not found")
        return chat_id

    def _new_bot_message_locked(self, chat_id: int, params: Params) -> JSON:
        message: JSON = {
            "message_id": 0,
            "from": dict(self.bot_user),
            "chat": self._chat(chat_id),
            "date": int(time.time()),
        }
        reply = params.get("reply_parameters")
        reply_to = reply.get("message_id") if isinstance(reply, dict) else None
        reply_to = reply_to if reply_to is not None else params.get("reply_to_message_id")
        if reply_to is not None:
            target = self._state.store.get((chat_id, int(reply_to)))
            if target is not None:
                message["reply_to_message_id"] = int(reply_to)
                message["reply_to_message"] = copy.deepcopy(target)
            elif not (
                isinstance(reply, dict)
                and reply.get("allow_sending_without_reply")
                or params.get("allow_sending_without_reply")
            ):
                raise bad_request("message to be replied not found")
        return message

    def _save_sent_locked(self, method: str, chat_id: int, message: JSON, markup: Optional[JSON]) -> JSON:
        message["message_id"] = self._next_message_id(chat_id)
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = copy.deepcopy(markup)  # Telegram echoes inline ones only
        key = (chat_id, message["message_id"])
        self._state.store[key] = message
        self._state.sent[key] = _Sent(method, message, copy.deepcopy(markup))
        self._state.shown.setdefault(chat_id, []).append(message["message_id"])
        return copy.deepcopy(message)

    async def _send_message(self, params: Params) -> JSON:
        text = checked_text(params)
        markup = checked_markup(params)
        with self._lock:
            chat_id = self._known_chat_locked(params)
            message = self._new_bot_message_locked(chat_id, params)
            message["text"] = text
            return self._save_sent_locked("sendMessage", chat_id, message, markup)

    @staticmethod
    def _location(params: Params) -> JSON:
        latitude, longitude = float_param(params, "latitude"), float_param(params, "longitude")
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise bad_request("wrong latitude or longitude specified")
        return {"latitude": latitude, "longitude": longitude}

    async def _send_location(self, params: Params) -> JSON:
        location = self._location(params)
        markup = checked_markup(params)
        with self._lock:
            chat_id = self._known_chat_locked(params)
            message = self._new_bot_message_locked(chat_id, params)
            message["location"] = location
            return self._save_sent_locked("sendLocation", chat_id, message, markup)

    async def _send_venue(self, params: Params) -> JSON:
        location = self._location(params)
        title, address = str(params.get("title") or ""), str(params.get("address") or "")
        if not title or not address:
            raise bad_request("venue title and address must be non-empty")
        markup = checked_markup(params)
        with self._lock:
            chat_id = self._known_chat_locked(params)
            message = self._new_bot_message_locked(chat_id, params)
            message["location"] = location
            message["venue"] = {"location": dict(location), "title": title, "address": address}
            return self._save_sent_locked("sendVenue", chat_id, message, markup)

    async def _send_chat_action(self, params: Params) -> bool:
        with self._lock:
            self._known_chat_locked(params)
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    async def _answer_callback_query(self, params: Params) -> bool:
        with self._lock:
            query = self._state.queries.get(str(params.get("callback_query_id") or ""))
            if query is None or query.answered:
                raise bad_request(QUERY_INVALID[len("Bad Request: ") :])
            query.answered = True
        return True

    def _editable_locked(self, params: Params) -> _Sent:
        if params.get("inline_message_id"):
            raise bad_request("message to edit not found")
        chat_id = self._known_chat_locked(params)
        message_id = int_param(params, "message_id")
        sent = self._state.sent.get((chat_id, message_id or 0))
        if sent is None:
            if (chat_id, message_id or 0) in self._state.store:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return sent

    def _edited_locked(self, sent: _Sent, text: str, markup: Optional[JSON]) -> JSON:
        if sent.message.get("text") == text and sent.markup == markup:
            raise ApiError(400, NOT_MODIFIED)
        sent.message["text"] = text
        sent.message["edit_date"] = int(time.time())
        sent.markup = copy.deepcopy(markup)
        sent.message.pop("reply_markup", None)
        if markup is not None and "inline_keyboard" in markup:
            sent.message["reply_markup"] = copy.deepcopy(markup)
        self._changed_locked()
        return copy.deepcopy(sent.message)

    async def _edit_message_text(self, params: Params) -> JSON:
        text = checked_text(params)
        markup = checked_markup(params)
        with self._lock:
            sent = self._editable_locked(params)
            if "text" not in sent.message:
                raise bad_request("there is no text in the message to edit")
            return self._edited_locked(sent, text, markup)

    async def _edit_message_reply_markup(self, params: Params) -> JSON:
        markup = checked_markup(params)
        if markup is not None and "inline_keyboard" not in markup:
            raise bad_request("inline keyboard expected")
        with self._lock:
            sent = self._editable_locked(params)
            return self._edited_locked(sent, sent.message.get("text"), markup)

    async def _delete_message(self, params: Params) -> bool:
        with self._lock:
            chat_id = self._known_chat_locked(params)
            message_id = int_param(params, "message_id") or 0
            if self._state.store.pop((chat_id, message_id), None) is None:
                raise bad_request("message to delete not found")
            self._state.sent.pop((chat_id, message_id), None)
            shown = self._state.shown.get(chat_id, [])
            if message_id in shown:
                shown.remove(message_id)
            self._changed_locked()
        return True

    # --- methods: commands --------------------------------------------------------------------

    def _commands_key_locked(self, params: Params) -> Tuple[str, str]:
        scope = params.get("scope")
        if scope is not None and not isinstance(scope, dict):
            raise bad_request("can't parse BotCommandScope JSON object")
        if scope and "chat_id" in scope:
            self._known_chat_locked({"chat_id": decode_value("chat_id", scope["chat_id"])})
            scope = dict(scope, chat_id=decode_value("chat_id", scope["chat_id"]))
        language = str(params.get("language_code") or "")
        if not LANGUAGE_CODE.match(language):
            raise bad_request("invalid language code specified")
        return scope_key(scope), language

    async def _set_my_commands(self, params: Params) -> bool:
        commands = checked_commands(params)
        with self._lock:
            key = self._commands_key_locked(params)
            if commands:
                self._state.commands[key] = commands
            else:
                self._state.commands.pop(key, None)
            self._changed_locked()
        return True

    async def _get_my_commands(self, params: Params) -> List[JSON]:
        with self._lock:
            return copy.deepcopy(self._state.commands.get(self._commands_key_locked(params), []))

    async def _delete_my_commands(self, params: Params) -> bool:
        with self._lock:
            self._state.commands.pop(self._commands_key_locked(params), None)
            self._changed_locked()
        return True
