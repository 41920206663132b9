"""👍/👎 under answers, without servers: which answers get them, what they send, how the
keyboard looks before and after a press, and the thanks Rasa's action picks."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content.feedback import is_rated, parse_rating, rating_payload
from actions.content.ids import FEEDBACK_INTENT, FEEDBACK_RATING, FEEDBACK_TOPIC
from actions.content.languages import language_config
from actions.content.render import Renderer
from actions.custom.feedback import ActionRateThanks
from bot.telegram.keyboards import (
    DONE,
    KEY_PREFIX,
    MAX_CALLBACK_BYTES,
    callback_key,
    inline_keyboard,
    pressed,
    rated,
)
from bot.telegram.ratings import RatedMessages
from bot.telegram.storage import Inbox

CONTENT = load_content()
RENDERER = Renderer(CONTENT, load_catalogs(), directory=[])
LANGUAGES = language_config().codes
RATING_TITLES = ["👍", "👎"]

INFORMATION = [
    "utter_asylum_us",
    "utter_tps",
    "utter_visa_scams",
    "utter_smuggler_dangers",
    "utter_smuggler_myths",
    "utter_trafficking_signs",
    "utter_unaccompanied_children",
    "utter_family_tracing",
    "utter_find_shelter",
    "utter_legal_aid",
    "utter_returnee_support",
    "utter_asylum_other_countries",
]
RUMOURS = sorted(name for name in CONTENT.responses if name.startswith("utter_rumour_"))
NOT_RATED = [
    "utter_greet",
    "utter_goodbye",
    "utter_thanks",
    "utter_main_menu",
    "utter_choose_language",
    "utter_language_set",
    "utter_ask_country",
    "utter_country_set",
    "utter_did_you_mean",
    "utter_out_of_scope",
    "utter_privacy",
    "utter_feedback",
    "utter_emergency",
    "utter_telegram_busy",
    "utter_telegram_start",
    "utter_telegram_nearby",
    "utter_service_error",
    "utter_rate_thanks",
    "utter_rate_thanks_down",
]


def rating_buttons_of(
    name: str, language: str = "es", slots: Optional[Dict[str, Any]] = None
) -> List[Dict[str, str]]:
    buttons = RENDERER.render(name, language, slots or {}, {}).buttons
    return [b for b in buttons if parse_rating(b["payload"])]


def entities_of(payload: str) -> Dict[str, str]:
    intent, _, rest = payload.partition("{")
    assert intent == f"/{FEEDBACK_INTENT}"
    return json.loads("{" + rest)


# --- which answers -----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", INFORMATION)
def test_an_answer_that_informs_ends_with_thumbs_up_and_down_for_its_topic(name: str, language: str) -> None:
    buttons = RENDERER.render(name, language, {"country": "GT"}, {}).buttons
    assert [b["title"] for b in buttons[-2:]] == RATING_TITLES
    topic = name[len("utter_") :]
    assert [entities_of(b["payload"]) for b in buttons[-2:]] == [
        {FEEDBACK_RATING: "up", FEEDBACK_TOPIC: topic},
        {FEEDBACK_RATING: "down", FEEDBACK_TOPIC: topic},
    ]
    own = CONTENT.variation(name).get("buttons") or []
    assert [b["payload"] for b in buttons[:-2]][-len(own) :] == [b["payload"] for b in own]


@pytest.mark.parametrize("name", RUMOURS)
def test_a_rumour_correction_is_rated_as_smuggler_myths(name: str) -> None:
    assert [entities_of(b["payload"])[FEEDBACK_TOPIC] for b in rating_buttons_of(name)] == [
        "smuggler_myths",
        "smuggler_myths",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", NOT_RATED)
def test_greetings_menus_settings_fallbacks_emergency_and_the_thanks_get_no_rating(
    name: str, language: str
) -> None:
    assert rating_buttons_of(name, language) == []


def test_every_rated_topic_is_an_information_theme() -> None:
    rated_topics = {t for t in CONTENT.topics if is_rated(t, CONTENT.topics)}
    themes = {CONTENT.topics[t].theme for t in rated_topics}
    assert themes == {"pathways", "smugglers", "children", "protection"}
    assert "emergency" not in rated_topics and len(rated_topics) == 25


def test_an_answer_asking_the_country_first_keeps_the_rating_last() -> None:
    buttons = RENDERER.render("utter_find_shelter", "es", {}, {}).buttons
    payloads = [b["payload"] for b in buttons]
    assert any(p.startswith("/set_country") for p in payloads[:-2])
    assert [b["title"] for b in buttons[-2:]] == RATING_TITLES


def test_the_nlg_reply_carries_the_rating_buttons_into_rasas_event() -> None:
    nlg = RENDERER.render("utter_tps", "en", {}, {}).as_nlg("utter_tps")
    assert nlg["topic"] == "tps"
    assert nlg["buttons"][-1]["payload"] == '/rate_answer{"rating":"down","rated_topic":"tps"}'


# --- what a press sends ------------------------------------------------------------------


def test_the_payload_names_the_contracts_intent_and_entities() -> None:
    payload = rating_payload("up", "asylum_us")
    assert payload == '/rate_answer{"rating":"up","rated_topic":"asylum_us"}'
    assert parse_rating(payload) == ("up", "asylum_us")


@pytest.mark.parametrize(
    "payload",
    [
        "/asylum_us",
        '/set_language{"language":"en"}',
        "/rate_answer",
        '/rate_answer{"rating":"sideways","rated_topic":"tps"}',
        '/rate_answer{"rating":"up"}',
        '/rate_answer{"rating":"up","rated_topic":""}',
        "/rate_answer{not json",
        "/rate_answer[1]",
        '/rate_answerx{"rating":"up","rated_topic":"tps"}',
        "👍",
    ],
)
def test_anything_else_is_not_a_rating(payload: str) -> None:
    assert parse_rating(payload) is None


def test_every_rating_fits_telegrams_64_bytes_and_the_longest_through_a_stored_key(tmp_path) -> None:
    inbox = Inbox(f"sqlite:///{tmp_path / 'inbox.db'}")
    inbox.create()
    try:
        rated_topics = [t for t in CONTENT.topics if is_rated(t, CONTENT.topics)]
        longest = max(rated_topics, key=len)
        print(
            f"longest rated topic id: {longest} ({len(longest)} characters); payload "
            f"{len(rating_payload('down', longest).encode())} bytes"
        )
        keyed = 0
        for topic in rated_topics:
            for rating in ("up", "down"):
                payload = rating_payload(rating, topic)
                data = callback_key(payload)
                assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
                if data != payload:
                    keyed += 1
                    assert data.startswith(KEY_PREFIX)
                    inbox.remember_payload(data, payload)  # as Delivery.send does
                    assert parse_rating(inbox.payload(data)) == (rating, topic)
        assert keyed > 0  # e.g. asylum_other_countries: its payloads exceed 64 bytes
    finally:
        inbox.close()


# --- the keyboard --------------------------------------------------------------------------


def keyboard_of(name: str):
    return inline_keyboard(RENDERER.render(name, "es", {"country": "MX"}, {}).buttons)


def texts(markup) -> List[List[str]]:
    return [[b.text for b in row] for row in markup.inline_keyboard]


def test_thumbs_share_one_row_under_the_answers_own_buttons() -> None:
    rows = texts(keyboard_of("utter_asylum_us"))
    own = [b["title"] for b in CONTENT.variation("utter_asylum_us")["buttons"]]
    assert rows == [[title] for title in own] + [RATING_TITLES]


def test_a_rating_press_replaces_only_the_rating_row() -> None:
    markup = keyboard_of("utter_asylum_other_countries")
    down = markup.inline_keyboard[-1][1].callback_data
    assert down.startswith(KEY_PREFIX)  # a long payload: the keyboard holds its key
    after = rated(markup, down)
    assert after.inline_keyboard[:-1] == markup.inline_keyboard[:-1]  # still usable
    assert texts(after)[-1] == ["✓ 👎"]
    assert after.inline_keyboard[-1][0].callback_data == DONE


def test_pressing_another_button_keeps_the_rating_row_as_it_was() -> None:
    markup = keyboard_of("utter_asylum_us")
    first = markup.inline_keyboard[0][0]
    assert texts(pressed(markup, first.callback_data)) == [[f"✓ {first.text}"], RATING_TITLES]
    thumbs_up = markup.inline_keyboard[-1][0].callback_data
    after_rating = rated(markup, thumbs_up)
    assert texts(pressed(after_rating, first.callback_data)) == [[f"✓ {first.text}"], ["✓ 👍"]]


# --- one rating a message --------------------------------------------------------------------


def test_a_message_is_rated_once_until_the_chat_is_deleted() -> None:
    rated_messages = RatedMessages(size=3)
    assert rated_messages.first(1, 10) and not rated_messages.first(1, 10)
    assert rated_messages.first(1, 11) and rated_messages.first(2, 10)
    rated_messages.forget(1)
    assert rated_messages.first(1, 10)  # /borrar: nothing of the chat is kept
    assert not rated_messages.first(2, 10)


def test_the_memory_of_rated_messages_is_bounded() -> None:
    rated_messages = RatedMessages(size=2)
    for message_id in range(3):
        rated_messages.first(1, message_id)
    assert rated_messages.first(1, 0)  # the oldest was let go
    assert not rated_messages.first(1, 2)


# --- Rasa's answer -------------------------------------------------------------------------


def run_thanks(entities: List[Dict[str, Any]]) -> List[Optional[str]]:
    state = Tracker(
        sender_id="t",
        slots={"language": "en"},
        latest_message={"text": "/rate_answer", "intent": {"name": FEEDBACK_INTENT}, "entities": entities},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )
    dispatcher = CollectingDispatcher()
    assert ActionRateThanks().run(dispatcher, state, {}) == []  # no slot changes
    return [m.get("response") for m in dispatcher.messages]


def test_a_thumbs_up_is_thanked_and_a_thumbs_down_also_asks_what_was_missing() -> None:
    up = [{"entity": FEEDBACK_RATING, "value": "up"}, {"entity": FEEDBACK_TOPIC, "value": "tps"}]
    down = [{"entity": FEEDBACK_RATING, "value": "down"}, {"entity": FEEDBACK_TOPIC, "value": "tps"}]
    assert run_thanks(up) == ["utter_rate_thanks"]
    assert run_thanks(down) == ["utter_rate_thanks_down"]
    assert run_thanks([]) == ["utter_rate_thanks"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_thanks_exist_in_every_language_and_the_down_one_asks_for_no_personal_data(language: str) -> None:
    up = RENDERER.render("utter_rate_thanks", language, {}, {})
    down = RENDERER.render("utter_rate_thanks_down", language, {}, {})
    assert up.translated and down.translated
    assert up.text != down.text and "🙏" in up.text and "🙏" in down.text
    assert len(down.text.splitlines()) > len(up.text.splitlines())
