"""What the unanswered questions' tests read besides the known conversations (March
2025): April 2nd's, made to test grouping (six people asking about the shelter's wifi,
one person asking one thing six times, one message answered by two fallbacks, a button
answered by a fallback)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import List

from bot.analytics.model import Filters
from tests.support.analytics_fixture import KNOWN_SINCE, KNOWN_UNTIL, ConversationSpec, Turn, sender_id

MARCH = Filters(KNOWN_SINCE, KNOWN_UNTIL)
APRIL_2 = date(2025, 4, 2)
FALLBACK = ("utter_did_you_mean",)

# Six people in Guatemala ask about wifi at the shelter (a need Senda has no answer for).
WIFI_QUESTIONS = (
    "hay wifi en el albergue?",
    "¿tienen wifi gratis en el albergue?",
    "el albergue tiene wifi? soy Marco, mi número 4455-6677",
    "como me conecto al wifi del albergue",
    "cual es la clave del wifi del albergue",
    "hay wifi en el albergue de Tapachula",
)


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2025, 4, 2, hour, minute, tzinfo=timezone.utc)


def april_conversations() -> List[ConversationSpec]:
    specs = [
        ConversationSpec(
            sender_id(f"w{i}"),
            _at(8 + i),
            "es",
            "GT",
            [Turn("hola", "greet", ("utter_greet",)), Turn(text, "nlu_fallback", FALLBACK)],
        )
        for i, text in enumerate(WIFI_QUESTIONS)
    ]
    # One person asks the same thing six times: one person is never a group.
    specs.append(
        ConversationSpec(
            sender_id("r1"),
            _at(15),
            "en",
            "US",
            [
                Turn(text, "nlu_fallback", FALLBACK)
                for text in (
                    "is there a bus to Houston",
                    "is there a bus to Houston?",
                    "bus to Houston",
                    "Is there a bus to Houston from here",
                    "bus to houston please",
                    "a bus to Houston?",
                )
            ],
        )
    )
    # Two fallback replies to one message are one question.
    specs.append(
        ConversationSpec(
            sender_id("d1"),
            _at(15, 30),
            "es",
            "GT",
            [
                Turn(
                    "a que hora pasa el tren de carga",
                    "nlu_fallback",
                    ("utter_did_you_mean", "utter_out_of_scope"),
                )
            ],
        )
    )
    # A button pressed and answered with a fallback is no question.
    specs.append(
        ConversationSpec(
            sender_id("b1"),
            _at(16),
            "es",
            "MX",
            [Turn('/set_country{"country":"MX"}', "set_country", FALLBACK)],
        )
    )
    return specs
