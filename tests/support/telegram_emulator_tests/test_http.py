"""The emulator answers HTTP like Telegram: its surface, sendMessage's checks, buttons, commands."""

from __future__ import annotations

import json
from typing import Any, Dict

import httpx
import pytest

from tests.support.telegram_emulator import BotApiEmulator
from tests.support.telegram_emulator_tests.conftest import CHAT, TOKEN, keyboard, ok, refused

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
