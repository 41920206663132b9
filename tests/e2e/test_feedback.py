"""👍/👎 end to end: emulator → `senda telegram` → Rasa → action server, and the tracker store.

The rating's only record is the rate_answer user event Rasa stores; it is read back
through Rasa's HTTP tracker endpoint.
"""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from actions.content.ids import FEEDBACK_INTENT, FEEDBACK_RATING, FEEDBACK_TOPIC
from bot.rasa_client import RasaClient
from bot.telegram.keyboards import DONE, KEY_PREFIX
from tests.e2e.conftest import buttons, new_chat, plain, sender_of, settle

pytestmark = pytest.mark.stack

THUMBS = ["👍", "👎"]


def expect(renderer, name: str, language: str) -> str:
    return renderer.render(name, language, {}, {}).text


def rows(message: Dict[str, Any]) -> List[List[Dict[str, Any]]]:
    return (message.get("reply_markup") or {}).get("inline_keyboard") or []


def titles(message: Dict[str, Any]) -> List[List[str]]:
    return [[b["text"] for b in row] for row in rows(message)]


def ratings(client: RasaClient, chat: int) -> List[Dict[str, str]]:
    """The rate_answer user events of a chat, as {entity: value}."""
    events = client.tracker(sender_of(chat))["events"]
    return [
        {e["entity"]: e["value"] for e in event["parse_data"]["entities"]}
        for event in events
        if event["event"] == "user"
        and (event.get("parse_data") or {}).get("intent", {}).get("name") == FEEDBACK_INTENT
    ]


def start_and_open(emulator, chat: int, language_code: str, topic: str) -> List[Dict[str, Any]]:
    """/start in the phone's language, then the menu button that leads to `topic`'s answer."""
    emulator.user_sends_text(chat, "/start", language_code=language_code)
    menu = settle(emulator, chat, 2)[1]
    button = next(b for b in buttons(menu) if b["callback_data"] == f"/{topic}")
    emulator.user_presses(chat, menu["message_id"], button["callback_data"])
    return settle(emulator, chat, 3)


def press_thumb(emulator, chat: int, answer: Dict[str, Any], thumb: str) -> int:
    button = next(b for b in rows(answer)[-1] if b["text"] == thumb)
    return emulator.user_presses(chat, answer["message_id"], button["callback_data"])


def message_now(emulator, chat: int, message_id: int) -> Dict[str, Any]:
    return next(m for m in emulator.messages(chat) if m["message_id"] == message_id)


def test_a_thumbs_up_is_stored_thanked_and_the_answers_buttons_still_work(
    emulator, telegram_bot, renderer, client
) -> None:
    chat = new_chat()
    answer = start_and_open(emulator, chat, "es", "pathways_overview")[2]
    assert plain(answer) == expect(renderer, "utter_pathways_overview", "es")
    own = [
        b["title"]
        for b in renderer.render("utter_pathways_overview", "es", {}, {}).buttons
        if b["title"] not in THUMBS
    ]
    assert titles(answer) == [[title] for title in own] + [THUMBS]  # one row, under the rest
    slots_before = client.tracker(sender_of(chat))["slots"]

    press_thumb(emulator, chat, answer, "👍")
    thanks = settle(emulator, chat, 4)[3]
    assert plain(thanks) == expect(renderer, "utter_rate_thanks", "es")
    assert ratings(client, chat) == [{FEEDBACK_RATING: "up", FEEDBACK_TOPIC: "pathways_overview"}]
    assert client.tracker(sender_of(chat))["slots"] == slots_before  # nothing else changed

    rated = message_now(emulator, chat, answer["message_id"])
    assert titles(rated) == [[title] for title in own] + [["✓ 👍"]]
    assert rows(rated)[-1][0]["callback_data"] == DONE
    # The answer's own buttons are untouched and still answer.
    assert rows(rated)[:-1] == rows(answer)[:-1]
    asylum = next(b for b in buttons(rated) if b["callback_data"] == "/asylum_us")
    emulator.user_presses(chat, answer["message_id"], asylum["callback_data"])
    reply = settle(emulator, chat, 5)[4]
    assert plain(reply) == expect(renderer, "utter_asylum_us", "es")
    assert titles(message_now(emulator, chat, answer["message_id"])) == [[f"✓ {asylum['text']}"], ["✓ 👍"]]
    # And the next question is answered as before.
    emulator.user_sends_text(chat, "busco un albergue para dormir")
    assert plain(settle(emulator, chat, 6)[5]).startswith(
        expect(renderer, "utter_find_shelter", "es").split("\n")[0]
    )
    assert len(ratings(client, chat)) == 1


def test_a_thumbs_down_in_english_asks_what_was_missing_and_a_long_topic_goes_by_key(
    emulator, telegram_bot, renderer, client
) -> None:
    chat = new_chat()
    answer = start_and_open(emulator, chat, "en", "unaccompanied_children")[2]
    assert plain(answer) == expect(renderer, "utter_unaccompanied_children", "en")
    thumbs = rows(answer)[-1]
    assert [b["text"] for b in thumbs] == THUMBS
    # /rate_answer{"rating":"down","rated_topic":"unaccompanied_children"} is 68 bytes.
    assert all(b["callback_data"].startswith(KEY_PREFIX) for b in thumbs)
    press_thumb(emulator, chat, answer, "👎")
    thanks = settle(emulator, chat, 4)[3]
    assert plain(thanks) == expect(renderer, "utter_rate_thanks_down", "en")
    assert ratings(client, chat) == [{FEEDBACK_RATING: "down", FEEDBACK_TOPIC: "unaccompanied_children"}]
    assert titles(message_now(emulator, chat, answer["message_id"]))[-1] == ["✓ 👎"]


def test_a_kiche_answer_is_rated_and_thanked_in_kiche(emulator, telegram_bot, renderer, client) -> None:
    chat = new_chat()
    emulator.user_sends_text(chat, "jas kinbʼano rech kintaʼ asilo pa estados unidos?")
    answer = settle(emulator, chat, 1)[-1]
    assert plain(answer) == expect(renderer, "utter_asylum_us", "quc")
    seen = len(emulator.messages(chat))
    press_thumb(emulator, chat, answer, "👍")
    # K'iche' is a draft: shown as the drafts setting says (draft, label, then the Spanish),
    # in one message although it has no buttons (actions/rest_channel.py).
    thanks = [plain(m) for m in settle(emulator, chat, seen + 1)[seen:]]
    assert thanks == [expect(renderer, "utter_rate_thanks", "quc")]
    assert ratings(client, chat) == [{FEEDBACK_RATING: "up", FEEDBACK_TOPIC: "asylum_us"}]
    assert client.tracker(sender_of(chat))["slots"]["language"] == "quc"


def test_a_double_tap_or_a_redelivered_press_records_one_rating(
    emulator, telegram_bot, renderer, client
) -> None:
    chat = new_chat()
    answer = start_and_open(emulator, chat, "es", "pathways_overview")[2]
    # Both taps leave the phone before the bot has replaced the row.
    first = press_thumb(emulator, chat, answer, "👍")
    press_thumb(emulator, chat, answer, "👍")
    messages = settle(emulator, chat, 4, quiet=4.0)
    assert [plain(m) for m in messages[3:]] == [expect(renderer, "utter_rate_thanks", "es")]
    emulator.redeliver(first)
    emulator.wait_for(lambda: len(emulator.messages(chat)) > 4, timeout=4)
    assert len(emulator.messages(chat)) == 4
    assert ratings(client, chat) == [{FEEDBACK_RATING: "up", FEEDBACK_TOPIC: "pathways_overview"}]
