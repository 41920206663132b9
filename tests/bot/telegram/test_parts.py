"""The Telegram front end's parts, without the network: what a user would notice of each."""

from __future__ import annotations

import html
import json
import re

import pytest
import yaml
from telegram import Update

from bot.identity import MissingSecret, sender_id
from bot.settings import PROJECT_ROOT
from bot.telegram.answering import split_messages
from bot.telegram.flood import FloodGate
from bot.telegram.keyboards import MAX_CALLBACK_BYTES, callback_key, inline_keyboard, pressed
from bot.telegram.messages import MAX_MESSAGE, split_text, telegram_length, to_html
from bot.telegram.scrub import STORED_KIND, scrub_update
from bot.telegram.storage import OutMessage


def test_long_answer_splits_between_paragraphs_and_keeps_every_word() -> None:
    paragraphs = [f"Párrafo {n}: " + "palabra " * 120 for n in range(30)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    chunks = split_text(text)
    assert len(chunks) > 1
    assert all(telegram_length(chunk) <= MAX_MESSAGE for chunk in chunks)
    assert all(chunk.startswith("Párrafo") for chunk in chunks)  # cut at paragraph starts
    assert " ".join(" ".join(chunks).split()) == " ".join(text.split())


def test_a_single_huge_paragraph_is_still_cut_under_the_limit() -> None:
    text = "😀" * 5000  # outside the BMP: two UTF-16 units each, as Telegram counts
    chunks = split_text(text)
    assert all(telegram_length(chunk) <= MAX_MESSAGE for chunk in chunks)
    assert "".join(chunks) == text


def test_buttons_go_under_the_last_part_of_a_split_answer() -> None:
    message = OutMessage(
        text="\n\n".join(["x " * 1500] * 3), buttons=[{"title": "Menú", "payload": "/main_menu"}]
    )
    parts = split_messages([message])
    assert len(parts) >= 2
    assert [bool(p.buttons) for p in parts] == [False] * (len(parts) - 1) + [True]


def test_html_is_escaped_and_links_are_clickable() -> None:
    text = "Usa <b>esto</b> & mira https://www.uscis.gov/es/asilo. Llama al 911 <script>"
    rendered = to_html(text)
    assert "<b>" not in rendered and "&lt;b&gt;" in rendered and "&amp;" in rendered
    assert '<a href="https://www.uscis.gov/es/asilo">https://www.uscis.gov/es/asilo</a>.' in rendered
    # Stripping the tags gives back exactly what the user should read.
    assert html.unescape(re.sub(r"<[^>]+>", "", rendered)) == text


@pytest.mark.parametrize(
    "payload",
    [
        '/set_language{"language":"quc"}',
        '/near_me{"need":"returnee_support"}',
        "/" + "kʼicheʼ" * 20,  # K'iche' characters take several bytes each
    ],
)
def test_callback_data_fits_in_64_bytes(payload: str) -> None:
    markup = inline_keyboard([{"title": "x", "payload": payload}])
    data = markup.inline_keyboard[0][0].callback_data
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
    assert data == payload or data.startswith("k:")
    assert callback_key(payload) == data  # stable across restarts, so old buttons still work


def test_a_pressed_keyboard_keeps_only_the_choice_and_cannot_be_pressed_again() -> None:
    markup = inline_keyboard(
        [{"title": "Asilo", "payload": "/asylum_us"}, {"title": "Coyotes", "payload": "/smuggler_dangers"}]
    )
    after = pressed(markup, "/smuggler_dangers")
    buttons = [b for row in after.inline_keyboard for b in row]
    assert [b.text for b in buttons] == ["✓ Coyotes"]
    assert buttons[0].callback_data not in ("/asylum_us", "/smuggler_dangers")


def test_sender_ids_are_keyed_hashes() -> None:
    first = sender_id(123456789, "secret-a")
    assert first == sender_id(123456789, "secret-a")
    assert first != sender_id(123456789, "secret-b") != sender_id(123456780, "secret-a")
    assert "123456789" not in first
    with pytest.raises(MissingSecret):
        sender_id(1, "")


def test_stored_updates_keep_no_name_username_phone_or_location() -> None:
    update = {
        "update_id": 7,
        "message": {
            "message_id": 3,
            "date": 0,
            "text": "hola /menu",
            "chat": {"id": 42, "type": "private", "first_name": "Ana", "username": "ana_gt"},
            "from": {
                "id": 42,
                "is_bot": False,
                "first_name": "Ana",
                "last_name": "López",
                "username": "ana_gt",
                "language_code": "es",
            },
            "entities": [
                {"type": "bot_command", "offset": 5, "length": 5},
                {
                    "type": "text_mention",
                    "offset": 0,
                    "length": 4,
                    "user": {"id": 9, "is_bot": False, "first_name": "Coyote Juan"},
                },
            ],
            "forward_origin": {
                "type": "user",
                "date": 0,
                "sender_user": {"id": 9, "is_bot": False, "first_name": "Juan"},
            },
            "location": {"latitude": 14.9, "longitude": -92.26},
            "contact": {"phone_number": "+502 5555 0000", "first_name": "Ana"},
        },
    }
    stored = scrub_update(update)
    for private in ("Ana", "López", "ana_gt", "5555", "14.9", "-92.26", "Juan"):
        assert private not in str(stored)
    assert stored["message"][STORED_KIND] == "location"
    assert stored["message"]["entities"] == [{"type": "bot_command", "offset": 5, "length": 5}]
    assert update["message"]["from"]["first_name"] == "Ana"  # the live update is untouched
    # What is kept still makes an Update python-telegram-bot can handle after a restart.
    restored = Update.de_json(stored, None)
    assert restored.message.text == "hola /menu" and restored.effective_user.language_code == "es"


def test_flood_gate_slows_one_chat_only_and_warns_once() -> None:
    now = [0.0]
    gate = FloodGate(per_minute=20, clock=lambda: now[0])
    for _ in range(20):
        assert gate.wait_needed(1) == 0
        gate.record(1)
        now[0] += 0.5
    assert gate.wait_needed(1) > 0
    assert gate.wait_needed(2) == 0  # another user is not affected
    assert gate.first_warning(1) and not gate.first_warning(1)
    now[0] += 60
    assert gate.wait_needed(1) == 0


def _through_rest(channel, answer) -> list:
    """What the bot gets from Rasa's REST webhook when Rasa says `answer` (no network)."""
    import asyncio
    from types import SimpleNamespace

    async def rasa_says(message) -> None:
        await message.output_channel.send_response(
            message.sender_id, {"text": answer.text, "buttons": answer.buttons, "language": answer.language}
        )

    webhook = next(
        route.handler for route in channel.blueprint(rasa_says)._future_routes if route.uri == "/webhook"
    )
    request = SimpleNamespace(json={"sender": "s", "message": "/rate_answer"}, args={}, headers={})
    return json.loads(asyncio.run(webhook(request)).body)


def test_a_kiche_draft_without_buttons_reaches_telegram_as_one_message_in_order() -> None:
    from rasa.core.channels.rest import RestInput
    from rasa.shared.utils.common import class_from_module_path

    from actions.content.answers import load_content
    from actions.content.catalogs import load_catalogs
    from actions.content.render import DRAFT_NOTICE, Renderer
    from bot.telegram.own_messages import from_rasa

    renderer = Renderer(load_content(), load_catalogs(), directory=[])
    answer = renderer.render("utter_rate_thanks", "quc", {}, {})
    label = renderer.part(DRAFT_NOTICE, "quc")[0]
    assert answer.draft and not answer.buttons and answer.text.count("\n\n") >= 2
    # The channel Rasa is started with (credentials.yml) keeps the answer whole.
    channels = yaml.safe_load((PROJECT_ROOT / "credentials.yml").read_text(encoding="utf-8"))
    channel = class_from_module_path(next(iter(channels))).from_credentials(None)
    sent = split_messages(from_rasa(_through_rest(channel, answer)))
    assert [m.text for m in sent] == [answer.text]
    draft, spanish = answer.text.split(f"\n\n{label}\n\n")
    assert draft and spanish == renderer.render("utter_rate_thanks", "es", {}, {}).text
    # Rasa's own REST channel would have sent draft, label and Spanish as three messages.
    assert len(split_messages(from_rasa(_through_rest(RestInput(), answer)))) == 3
