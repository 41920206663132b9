"""KNOWN_CONVERSATIONS: conversations whose numbers give every metric a known answer.

The table at the end says what the metrics must find in them for March 2025; the
`senda eval` conversations beside them (eval_conversations) must count for nothing.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import List

from tests.support.analytics_fixture.conversations import UTC, ConversationSpec, Turn, sender_id


def _at(day: str, hour: int, minute: int = 0) -> datetime:
    y, m, d = (int(p) for p in day.split("-"))
    return datetime(y, m, d, hour, minute, tzinfo=UTC)


# Things people really type, some with personal data the metrics must never show.
BUS_QUESTIONS = (
    "¿Cuánto cuesta el boleto de autobús a Tapachula?",
    "me llamo Rosa Pérez, cuánto vale el bus para Tapachula",
    "precio del pasaje de camión a Tapachula? mi cel 5512345678",
    "cuanto sale el autobus hasta tapachula, escribeme a rosa.p@example.com",
    "¿Qué precio tiene el boleto de bus a Tapachula?",
)
WEATHER_QUESTIONS = (
    "what's the weather like in El Paso",
    "My name is John Smith, is it cold in El Paso now?",
    "weather forecast El Paso this week",
)
OUT_OF_SCOPE_QUESTIONS = (
    "Nu bʼiʼ Ixchel, jas ri futbol kamik",
    "jas ri pelota",
)

KNOWN_NOW = datetime(2025, 3, 20, tzinfo=UTC)  # "now" for retention: 90 days -> 2024-12-20
KNOWN_SINCE = date(2025, 3, 1)  # the March range of the expected figures
KNOWN_UNTIL = date(2025, 3, 31)


def _known() -> List[ConversationSpec]:
    specs: List[ConversationSpec] = []
    # Spanish, Guatemala: 7 conversations of 6 people (g1 twice; g6 first picked English).
    for name, start in (
        ("g1", _at("2025-03-03", 9)),
        ("g2", _at("2025-03-03", 10)),
        ("g3", _at("2025-03-03", 11)),
        ("g4", _at("2025-03-03", 12)),
        ("g5", _at("2025-03-03", 13)),
        ("g1", _at("2025-03-04", 10)),
        ("g6", _at("2025-03-04", 11)),
    ):
        specs.append(
            ConversationSpec(
                sender_id(name),
                start,
                "es",
                "GT",
                [
                    Turn("hola", "greet", ("utter_greet",)),
                    Turn("quiero pedir asilo en estados unidos", "asylum_us", ("utter_asylum_us",), "up"),
                    Turn("donde hay un albergue", "find_shelter", ("utter_find_shelter",)),
                ],
                first_language="en" if name == "g6" else None,
            )
        )
    # Spanish, Mexico: 5 people, one an hour apart, ending on a question Senda cannot answer.
    for index, text in enumerate(BUS_QUESTIONS):
        specs.append(
            ConversationSpec(
                sender_id(f"m{index + 1}"),
                _at("2025-03-10", 9 + index),
                "es",
                "MX",
                [
                    Turn("es peligroso ir con coyote", "smuggler_dangers", ("utter_smuggler_dangers",)),
                    Turn("dicen que la frontera está abierta", "rumour", ("utter_rumour_border_open",)),
                    Turn("necesito un abogado gratis", "legal_aid", ("utter_legal_aid",), "down"),
                    Turn(text, "nlu_fallback", ("utter_did_you_mean",)),
                ],
            )
        )
    # English, United States: 3 people.
    for index, text in enumerate(WEATHER_QUESTIONS):
        specs.append(
            ConversationSpec(
                sender_id(f"u{index + 1}"),
                _at("2025-03-11", 14 + index),
                "en",
                "US",
                [
                    Turn("how do I ask for asylum", "asylum_us", ("utter_asylum_us",), "down"),
                    Turn(text, "nlu_fallback", ("utter_did_you_mean",)),
                ],
            )
        )
    # K'iche', Guatemala: 2 people, an emergency.
    for index, (text, hour) in enumerate(zip(OUT_OF_SCOPE_QUESTIONS, (10, 15))):
        specs.append(
            ConversationSpec(
                sender_id(f"q{index + 1}"),
                _at("2025-03-12", hour),
                "quc",
                "GT",
                [
                    Turn("kinkamisax", "emergency", ("utter_emergency",)),
                    Turn(text, "out_of_scope", ("utter_out_of_scope",)),
                ],
            )
        )
    # Older than 90 days before KNOWN_NOW: 5 in Honduras, g2's first conversation.
    for index in range(5):
        specs.append(
            ConversationSpec(
                sender_id(f"h{index + 1}"),
                _at("2024-11-05", 9 + index),
                "es",
                "HN",
                [Turn("regresé deportado, qué hago", "returnee_support", ("utter_returnee_support",))],
            )
        )
    specs.append(
        ConversationSpec(
            sender_id("g2"),
            _at("2024-11-06", 9),
            "es",
            "GT",
            [Turn("asilo en méxico", "asylum_mexico", ("utter_asylum_mexico",))],
        )
    )
    # Around the retention cut-off (2024-12-20 00:00 UTC): s2 ends before it (deleted);
    # s1 starts before it and goes on past it (kept whole).
    specs.append(
        ConversationSpec(
            sender_id("s2"),
            _at("2024-12-19", 22),
            "es",
            "SV",
            [Turn("necesito un doctor", "health_care", ("utter_health_care",))],
        )
    )
    specs.append(
        ConversationSpec(
            sender_id("s1"),
            _at("2024-12-19", 23, 30),
            "es",
            "SV",
            [
                Turn("hola", "greet", ("utter_greet",)),
                Turn("necesito un doctor", "health_care", ("utter_health_care",)),
                Turn("donde dormir", "find_shelter", ("utter_find_shelter",)),
            ],
            turn_gap=timedelta(minutes=20),
        )
    )
    return specs


KNOWN_CONVERSATIONS: List[ConversationSpec] = _known()
# Which of them retention (90 days, KNOWN_NOW) deletes: Honduras, g2's first, s2.
KNOWN_OLD = [s for s in KNOWN_CONVERSATIONS if s.start < datetime(2024, 12, 19, 23, tzinfo=UTC)]

# `senda eval` runs (bot/cli/evaluate.py) against the same store: each row a fresh
# conversation of its own sender (EVAL_SENDER_PREFIX + a uuid), with the language and
# country payloads, a question, answers (fallbacks among them) and a rating. Analytics
# must count none of it; retention deletes it like any other conversation.
EVAL_QUESTIONS = (
    "PRUEBA eval: cuánto cuesta el bus a Tapachula",
    "EVAL check: weather in El Paso",
    "PRUEBA eval: jas ri pelota",
)


def eval_conversations() -> List[ConversationSpec]:
    from bot.identity import EVAL_SENDER_PREFIX

    specs: List[ConversationSpec] = []
    # Every day with known conversations, plus the unanswered tests' 2 April; the newest
    # fallbacks of each day are eval's, so a reader that kept them would show them first.
    for day in (
        "2025-03-03",
        "2025-03-10",
        "2025-03-11",
        "2025-03-12",
        "2025-03-25",
        "2025-04-02",
        "2024-11-05",
    ):
        for index, (language, country) in enumerate(
            (("es", "MX"), ("en", "US"), ("quc", "GT"), ("es", "HN"), ("es", "MX"), ("en", "SV"))
        ):
            specs.append(
                ConversationSpec(
                    EVAL_SENDER_PREFIX + uuid.UUID(int=len(specs) + 1).hex,
                    _at(day, 17 + index % 6, 5),
                    language,
                    country,
                    [
                        Turn('/set_language{"language":"%s"}' % language, "set_language", ()),
                        Turn('/set_country{"country":"%s"}' % country, "set_country", ()),
                        Turn("quiero pedir asilo", "asylum_us", ("utter_asylum_us",), "down"),
                        Turn("dicen que la frontera está abierta", "rumour", ("utter_rumour_border_open",)),
                        Turn(
                            EVAL_QUESTIONS[index % 3],
                            "nlu_fallback",
                            ("utter_did_you_mean", "utter_out_of_scope"),
                        ),
                    ],
                )
            )
    return specs


# What the metrics must find in KNOWN_CONVERSATIONS for March 2025 (KNOWN_SINCE..UNTIL),
# before the minimum group size 5 hides small numbers:
#   conversations 17, users 16; by day 03-03: 5/5, 03-04: 2/2, 03-10: 5/5, 03-11: 3/3,
#   03-12: 2/2; by week 03-03: 7 conversations / 6 users, 03-10: 10/10
#   language es 12/11, en 3/3, quc 2/2; country GT 9/8, MX 5/5, US 3/3
#   topics asylum_us 10, find_shelter 7, smuggler_dangers 5, smuggler_myths 5, legal_aid 5,
#   emergency 2 (greet, did_you_mean, out_of_scope are not topics asked)
#   user messages 51 (feedback presses are not messages), fallback replies 10,
#   conversations ending on a fallback 10 of 17
#   warnings smuggler_dangers 5, smuggler_myths 5; rumours border_open 5
#   referrals GT shelter 7, MX legal_aid 5, GT emergency 2; safeguarding emergency 2
#   feedback asylum_us 7 up 3 down, legal_aid 0 up 5 down
#   last topic find_shelter 7, legal_aid 5, asylum_us 3, emergency 2
#   unanswered: 5 bus-ticket questions (es), 3 weather (en), 2 out of scope (quc)
