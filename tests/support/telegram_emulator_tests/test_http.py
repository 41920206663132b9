"""The Bot API emulator behaves like Telegram where the bot can tell the difference."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any, Dict, Iterator, List, Tuple

import httpx
import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters, Update
from telegram.error import NetworkError, RetryAfter
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from tests.conftest import free_port
from tests.support.telegram_emulator import (
    BotApiEmulator,
    contact_content,
    document_content,
    location_content,
    photo_content,
    poll_content,
    sticker_content,
    voice_content,
)

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


# --- HTTP surface ------------------------------------------------------------------------------


def test_get_me_names_the_bot_and_methods_are_case_insensitive(emu: BotApiEmulator) -> None:
    me = ok(emu, "getMe")
    assert me == {
        "id": 123456,
        "is_bot": True,
        "first_name": "Senda",
        "username": "senda_test_bot",
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }
    assert httpx.get(f"{emu.base_url}{TOKEN}/GETME").json()["result"]["id"] == 123456


def test_wrong_token_is_401_and_unknown_method_404(emu: BotApiEmulator) -> None:
    wrong = httpx.get(f"{emu.base_url}999:WRONG/getMe")
    assert wrong.status_code == 401
    assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
    unknown = httpx.get(f"{emu.base_url}{TOKEN}/sendTelepathy")
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


def test_form_multipart_and_query_parameters_are_decoded(emu: BotApiEmulator) -> None:
    emu.user_sends_text(CHAT, "hola")
    url = f"{emu.base_url}{TOKEN}/sendMessage"
    form = httpx.post(
        url, data={"chat_id": str(CHAT), "text": "[1, 2]", "reply_markup": json.dumps(keyboard("a"))}
    ).json()["result"]
    multipart = httpx.post(
        url, data={"chat_id": str(CHAT), "text": "multi"}, files={"extra": ("x.txt", b"x")}
    ).json()["result"]
    query = httpx.get(url, params={"chat_id": CHAT, "text": "123"}).json()["result"]
    assert form["text"] == "[1, 2]" and form["reply_markup"] == keyboard("a")
    assert multipart["text"] == "multi" and query["text"] == "123"
    assert [c["params"]["chat_id"] for c in emu.calls("sendMessage")] == [CHAT] * 3
    # The user's message took id 1: the chat shares one counter.
    assert [m["message_id"] for m in emu.messages(CHAT)] == [2, 3, 4]


# --- sendMessage checks ------------------------------------------------------------------------

REFUSALS = [
    (
        "65-byte callback_data",
        {"text": "x", "reply_markup": keyboard("é" * 32 + "x")},
        "Bad Request: BUTTON_DATA_INVALID",
    ),
    ("empty callback_data", {"text": "x", "reply_markup": keyboard("")}, "Bad Request: BUTTON_DATA_INVALID"),
    ("5000 characters", {"text": "a" * 5000}, "Bad Request: message is too long"),
    (
        "4097 after entities",
        {"text": "<b>" + "&lt;" * 4097 + "</b>", "parse_mode": "HTML"},
        "Bad Request: message is too long",
    ),
    ("blank", {"text": "  \n "}, "Bad Request: message text is empty"),
    ("empty after tags", {"text": "<b> </b>", "parse_mode": "HTML"}, "Bad Request: message text is empty"),
    (
        "unbalanced HTML",
        {"text": "<b>hola <i>mundo</b></i>", "parse_mode": "HTML"},
        "Bad Request: can't parse entities: Unexpected end tag at byte offset 16",
    ),
    (
        "unclosed HTML",
        {"text": "<b>hola", "parse_mode": "HTML"},
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"",
    ),
    (
        "unsupported tag",
        {"text": "a<br>b", "parse_mode": "HTML"},
        'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 1',
    ),
    (
        "bare <",
        {"text": "1 < 2", "parse_mode": "HTML"},
        "Bad Request: can't parse entities: Unclosed start tag at byte offset 2",
    ),
    (
        "bare &",
        {"text": "tú & yo", "parse_mode": "HTML"},
        "Bad Request: can't parse entities: Character entity expected at byte offset 4",
    ),
]


@pytest.mark.parametrize("params,description", [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS])
def test_send_message_is_refused_like_telegram(
    emu: BotApiEmulator, params: Dict[str, Any], description: str
) -> None:
    emu.user_sends_text(CHAT, "hola")
    assert refused(emu, "sendMessage", chat_id=CHAT, **params) == (400, description)
    assert emu.messages(CHAT) == [] and emu.calls("sendMessage") == []


def test_what_telegram_accepts_is_recorded(emu: BotApiEmulator) -> None:
    assert refused(emu, "sendMessage", chat_id=CHAT, text="hola") == (400, "Bad Request: chat not found")
    first = emu.user_sends_text(CHAT, "hola")
    assert first == 1000 and emu.user_sends_text(CHAT, "otra") == 1001
    html_text = (
        '<b>Asilo</b> &amp; <a href="https://uscis.gov">refugio</a> '
        "<tg-spoiler>x</tg-spoiler> &#128512; " + "&lt;" * 4000
    )
    sent = ok(
        emu,
        "sendMessage",
        chat_id=CHAT,
        text=html_text,
        parse_mode="HTML",
        reply_markup=keyboard("é" * 32),
        reply_parameters={"message_id": 1},
    )
    assert sent["text"] == html_text and sent["reply_to_message_id"] == 1
    assert sent["from"]["is_bot"] is True and sent["chat"]["id"] == CHAT
    location = ok(
        emu,
        "sendLocation",
        chat_id=CHAT,
        latitude=14.9,
        longitude=-92.26,
        reply_markup={"remove_keyboard": True},
    )
    venue = ok(
        emu,
        "sendVenue",
        chat_id=CHAT,
        latitude=14.9,
        longitude=-92.26,
        title="Albergue Belén",
        address="Tapachula",
    )
    assert "reply_markup" not in location  # Telegram echoes inline keyboards only
    assert venue["venue"]["title"] == "Albergue Belén"
    assert ok(emu, "sendChatAction", chat_id=CHAT, action="typing") is True
    shown = emu.messages(CHAT)
    assert [m["method"] for m in shown] == ["sendMessage", "sendLocation", "sendVenue"]
    assert shown[1]["reply_markup"] == {"remove_keyboard": True}
    assert [m["message_id"] for m in shown] == [3, 4, 5]
    assert len(emu.calls(chat_id=CHAT)) == 4 and emu.calls("sendchataction")[0]["result"]
    emu.reset_records()
    assert emu.messages(CHAT) == [] and emu.calls() == []


# --- buttons -----------------------------------------------------------------------------------


def test_a_press_carries_the_message_and_its_current_keyboard(emu: BotApiEmulator) -> None:
    emu.user_sends_text(CHAT, "/menu")
    menu = ok(emu, "sendMessage", chat_id=CHAT, text="Menú", reply_markup=keyboard("a", "b"))
    locked = keyboard("senda:done")
    ok(emu, "editMessageReplyMarkup", chat_id=CHAT, message_id=menu["message_id"], reply_markup=locked)
    assert refused(
        emu, "editMessageReplyMarkup", chat_id=CHAT, message_id=menu["message_id"], reply_markup=locked
    )[1].startswith("Bad Request: message is not modified")
    assert refused(emu, "editMessageReplyMarkup", chat_id=CHAT, message_id=99, reply_markup=locked) == (
        400,
        "Bad Request: message to edit not found",
    )
    update_id = emu.user_presses(CHAT, menu["message_id"], "a")
    update = next(u for u in ok(emu, "getUpdates") if u["update_id"] == update_id)
    query = update["callback_query"]
    assert query["data"] == "a" and query["message"]["reply_markup"] == locked
    assert ok(emu, "answerCallbackQuery", callback_query_id=query["id"], text="✓") is True
    again = refused(emu, "answerCallbackQuery", callback_query_id=query["id"])
    assert again == (400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
    ok(emu, "editMessageText", chat_id=CHAT, message_id=menu["message_id"], text="Hecho")
    assert emu.messages(CHAT)[0]["text"] == "Hecho" and "reply_markup" not in emu.messages(CHAT)[0]


def test_commands_are_stored_per_scope_and_language(emu: BotApiEmulator) -> None:
    emu.user_sends_text(CHAT, "hola")
    menu = [{"command": "menu", "description": "Menú principal"}]
    ok(emu, "setMyCommands", commands=menu)
    ok(emu, "setMyCommands", commands=[{"command": "help", "description": "Help"}], language_code="en")
    ok(emu, "setMyCommands", commands=menu, scope={"type": "chat", "chat_id": CHAT})
    assert emu.commands() == menu and emu.commands(language_code="en")[0]["command"] == "help"
    assert emu.commands(scope={"type": "chat", "chat_id": CHAT}) == menu
    assert ok(emu, "getMyCommands", language_code="en") == [{"command": "help", "description": "Help"}]
    ok(emu, "deleteMyCommands", scope={"type": "chat", "chat_id": CHAT})
    assert emu.commands(scope={"type": "chat", "chat_id": CHAT}) == []
    assert refused(emu, "setMyCommands", commands=[{"command": "Menú", "description": "x"}]) == (
        400,
        "Bad Request: BOT_COMMAND_INVALID",
    )
    assert refused(emu, "setMyCommands", commands=[{"command": "menu", "description": ""}]) == (
        400,
        "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID",
    )


# --- python-telegram-bot against it --------------------------------------------------------------


def test_python_telegram_bot_sends_replies_and_confirms_updates(emu: BotApiEmulator) -> None:
    first = emu.user_sends_text(CHAT, "/start")
    emu.user_sends_text(CHAT, "hola")

    async def scenario() -> Tuple[List[Update], List[Update], List[Update]]:
        async with Bot(TOKEN, base_url=emu.base_url, base_file_url=emu.base_file_url) as bot:
            updates = await bot.get_updates(timeout=0)
            start = updates[0].message
            assert start.text == "/start" and start.entities[0].type == "bot_command"
            await bot.send_message(
                CHAT,
                "<b>¡Hola!</b>",
                parse_mode="HTML",
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Menú", callback_data="/menu")]]),
                reply_parameters=ReplyParameters(start.message_id),
            )
            again = await bot.get_updates(offset=updates[0].update_id + 1, timeout=0)
            after = await bot.get_updates(offset=again[-1].update_id + 1, timeout=0)
            return updates, again, after

    updates, again, after = asyncio.run(scenario())
    assert [u.update_id for u in updates] == [first, first + 1]
    assert [u.update_id for u in again] == [first + 1] and not after
    reply = emu.messages(CHAT)[0]
    assert reply["reply_to_message_id"] == 1 and reply["message_id"] == 3
    assert reply["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "/menu"
    assert emu.calls("getMe") and len(emu.calls("getUpdates")) == 3


def test_a_python_telegram_bot_application_polls_and_answers(emu: BotApiEmulator) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_chat.send_action("typing")
        await update.effective_message.reply_text(f"eco: {update.effective_message.text}", do_quote=True)

    async def scenario() -> None:
        application = (
            ApplicationBuilder().token(TOKEN).base_url(emu.base_url).base_file_url(emu.base_file_url).build()
        )
        application.add_handler(MessageHandler(filters.TEXT, echo))
        async with application:
            await application.start()
            await application.updater.start_polling(
                poll_interval=0, timeout=1, allowed_updates=[Update.MESSAGE]
            )
            emu.user_sends_text(CHAT, "hola")
            emu.user_sends(CHAT, location_content())  # not a text: no answer
            emu.user_sends_text(CHAT, "adiós")
            got = await asyncio.to_thread(emu.wait_messages, CHAT, 2, 10)
            await application.updater.stop()
            await application.stop()
        assert [m["text"] for m in got] == ["eco: hola", "eco: adiós"]
        assert [m["reply_to_message"]["text"] for m in got] == ["hola", "adiós"]

    asyncio.run(scenario())
    assert emu.calls("sendChatAction", chat_id=CHAT)
    assert ok(emu, "getUpdates") == []  # the application confirmed what it got


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


# --- what users send parses in python-telegram-bot ---------------------------------------------

CONTENT = {
    "voice": (voice_content(), lambda m: m.voice.duration),
    "photo": (photo_content(), lambda m: m.photo[-1].width == 800),
    "sticker": (sticker_content(), lambda m: m.sticker.emoji == "👍"),
    "document": (document_content(), lambda m: m.document.file_name),
    "contact": (contact_content(), lambda m: m.contact.phone_number),
    "poll": (poll_content(), lambda m: len(m.poll.options) == 2),
    "location": (location_content(14.9, -92.26), lambda m: m.location.latitude == 14.9),
}


@pytest.mark.parametrize("kind", list(CONTENT))
def test_each_kind_of_content_parses_as_a_ptb_update(emu: BotApiEmulator, kind: str) -> None:
    content, check = CONTENT[kind]
    emu.user_sends(CHAT, content, language_code="en")
    update = Update.de_json(ok(emu, "getUpdates")[0], None)
    assert update.message.from_user.language_code == "en" and check(update.message)
    assert update.message.chat.type == "private" and update.message.chat.id == CHAT


def test_edited_messages_and_button_presses_parse_as_ptb_updates(emu: BotApiEmulator) -> None:
    emu.user_sends(CHAT, {"text": "hola"}, edited=True)
    menu = ok(emu, "sendMessage", chat_id=CHAT, text="Menú", reply_markup=keyboard("/menu"))
    emu.user_presses(CHAT, menu["message_id"], "/menu")
    edited, pressed = (Update.de_json(u, None) for u in ok(emu, "getUpdates"))
    assert edited.edited_message.text == "hola" and edited.edited_message.edit_date is not None
    query = pressed.callback_query
    assert query.data == "/menu" and query.message.message_id == menu["message_id"]
    assert query.message.reply_markup.inline_keyboard[0][0].callback_data == "/menu"
    assert query.from_user.id == CHAT
