"""Tracker stores with known conversations, for the analytics tests and benchmarks.

`write_conversations` writes conversations through Rasa's own SQLTrackerStore, with
the events Rasa and our NLG produce (bot events rendered by actions/content/render.py, so
metadata.topic is exactly what production stores). `KNOWN_CONVERSATIONS` has numbers
chosen so every metric has a known answer (see the table below). `synthetic_events`
fills PostgreSQL (or SQLite) fast for the benchmarks; `scratch_database` (tests/support/postgres.py) gives a
PostgreSQL database of its own, dropped afterwards. Pytest fixtures, imported by the
test modules that use them:

    from tests.support.analytics_fixture import pg_url, sqlite_url, store_url  # noqa: F401

`sqlite_url` / `pg_url`: an empty store; `store_url`: both, one after the other;
`known_store_url` (module scope, both backends): KNOWN_CONVERSATIONS, read-only.
"""

from __future__ import annotations

import asyncio
import copy
import hashlib
import io
import json
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import pytest

from tests.support.postgres import pg_or_skip

UTC = timezone.utc


class Turn(NamedTuple):
    """One user message and what Senda answered; `rating` is the 👍/👎 pressed under
    the last answer (up|down), if any."""

    text: str
    intent: str
    answers: Tuple[str, ...]
    rating: Optional[str] = None


@dataclass(frozen=True)
class ConversationSpec:
    """One conversation (a Rasa session) of one sender.

    `language` and `country` are the slot values the conversation ends with; with
    `first_language` the language slot is first set to that, then changed (the metrics
    must take the last value)."""

    sender: str
    start: datetime  # UTC; the session_started event's time
    language: Optional[str]
    country: Optional[str]
    turns: Sequence[Tuple[Any, ...]]  # Turn or (text, intent, answers[, rating])
    first_language: Optional[str] = None
    turn_gap: timedelta = timedelta(minutes=1)

    def turn_list(self) -> List[Turn]:
        return [t if isinstance(t, Turn) else Turn(t[0], t[1], tuple(t[2]), *t[3:]) for t in self.turns]


def sender_id(name: str) -> str:
    """A sender id shaped like production's (hex HMAC of a Telegram id)."""
    return hashlib.sha256(f"senda-fixture-{name}".encode()).hexdigest()


# --------------------------------------------------------------------------- writing


def _ts(moment: datetime) -> float:
    if moment.tzinfo is None:
        raise ValueError("ConversationSpec.start must be timezone-aware (UTC)")
    return moment.timestamp()


class _Writer:
    """Builds the events of a conversation the way Rasa + our NLG record them."""

    def __init__(self) -> None:
        from actions.content.answers import load_content
        from actions.content.catalogs import load_catalogs
        from actions.content.directory import load_directory
        from actions.content.render import Renderer

        self.renderer = Renderer(load_content(), load_catalogs(), load_directory())

    def bot_message(self, answer: str, language: Optional[str], slots: Dict[str, Any]) -> Dict[str, Any]:
        # What CallbackNaturalLanguageGenerator gets from our /nlg, plus the utter_action
        # Rasa adds (rasa.core.actions.action.ActionBotResponse).
        message = self.renderer.render(answer, language, slots, {}).as_nlg(answer)
        message["utter_action"] = answer
        return message

    def events(self, spec: ConversationSpec) -> List[Any]:
        from rasa.core.actions.action import create_bot_utterance
        from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

        start = _ts(spec.start)
        events: List[Any] = [
            ActionExecuted("action_session_start", timestamp=start - 0.01),
            SessionStarted(timestamp=start),
        ]
        slots: Dict[str, Any] = {}
        clock = start
        opening_language = spec.first_language or spec.language
        # action_session_start carries the slots over from the previous session.
        for name, value in (("language", opening_language), ("country", spec.country)):
            if value is not None:
                clock += 0.01
                events.append(SlotSet(name, value, timestamp=clock))
                slots[name] = value
        events.append(ActionExecuted("action_listen", timestamp=clock + 0.01))
        for index, turn in enumerate(spec.turn_list()):
            clock = start + index * spec.turn_gap.total_seconds() + 5

            def tick() -> float:
                nonlocal clock
                clock += 1
                return clock

            events.append(
                UserUttered(
                    turn.text,
                    intent={"name": turn.intent, "confidence": 0.97},
                    entities=[],
                    input_channel="rest",
                    message_id=uuid.uuid4().hex,
                    timestamp=tick(),
                )
            )
            # action_detect_language runs on every message; it sets the slot when the
            # language changed (actions/custom/language.py).
            events.append(ActionExecuted("action_detect_language", timestamp=tick()))
            if spec.language is not None and slots.get("language") != spec.language:
                events.append(SlotSet("language", spec.language, timestamp=tick()))
                slots["language"] = spec.language
            topic = None
            for answer in turn.answers:
                events.append(ActionExecuted(answer, timestamp=tick()))
                message = self.bot_message(answer, slots.get("language"), slots)
                topic = message.get("topic")
                bot = create_bot_utterance(dict(message))
                bot.timestamp = tick()
                events.append(bot)
            events.append(ActionExecuted("action_listen", timestamp=tick()))
            if turn.rating:
                from actions.content.ids import FEEDBACK_INTENT, FEEDBACK_RATING, FEEDBACK_TOPIC

                entities = [
                    {"entity": FEEDBACK_RATING, "value": turn.rating},
                    {"entity": FEEDBACK_TOPIC, "value": topic},
                ]
                payload = json.dumps({FEEDBACK_RATING: turn.rating, FEEDBACK_TOPIC: topic})
                events.append(
                    UserUttered(
                        f"/{FEEDBACK_INTENT}{payload}",
                        intent={"name": FEEDBACK_INTENT, "confidence": 1.0},
                        entities=entities,
                        input_channel="rest",
                        message_id=uuid.uuid4().hex,
                        timestamp=tick(),
                    )
                )
                thanks = "utter_rate_thanks" + ("_down" if turn.rating == "down" else "")
                if thanks in self.renderer.content.responses:  # actions/custom/feedback.py
                    events.append(ActionExecuted("action_rate_thanks", timestamp=tick()))
                    bot = create_bot_utterance(dict(self.bot_message(thanks, slots.get("language"), slots)))
                    bot.timestamp = tick()
                    events.append(bot)
                events.append(ActionExecuted("action_listen", timestamp=tick()))
        return events


def tracker_store(db_url: str) -> Any:
    """Rasa's SQLTrackerStore on `db_url`, as endpoints.yml configures it (type SQL, url)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    from actions.content.paths import PROJECT_ROOT

    domain = Domain.load(str(PROJECT_ROOT / "responses" / "domain.yml"))
    return SQLTrackerStore(domain=domain, host=db_url)


def write_conversations(db_url: str, specs: Iterable[ConversationSpec]) -> None:
    """Store the conversations with Rasa's SQLTrackerStore, one session after another
    (each sender's in time order), as the Rasa server would."""
    from rasa.shared.core.trackers import DialogueStateTracker

    ordered = sorted(specs, key=lambda s: _ts(s.start))
    writer = _Writer()
    store = tracker_store(db_url)

    async def write_all() -> None:
        for spec in ordered:
            # Rasa loads the latest session, appends, and saves what is new.
            tracker = await store.retrieve(spec.sender) or DialogueStateTracker(
                spec.sender, store.domain.slots
            )
            for event in writer.events(spec):
                tracker.update(event)
            await store.save(tracker)

    try:
        asyncio.run(write_all())
    finally:
        store.engine.dispose()


# --------------------------------------------------------------- known conversations


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


# ----------------------------------------------------------------- pytest fixtures


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite tracker store file (Rasa creates the table on first write)."""
    return f"sqlite:///{tmp_path / 'trackers.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, uniquely named PostgreSQL database on 127.0.0.1:5432, dropped afterwards."""
    with pg_or_skip() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> str:
    """An empty tracker store URL, once on SQLite and once on PostgreSQL."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def known_store_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """KNOWN_CONVERSATIONS written once per test module, on SQLite and on PostgreSQL.
    Shared by the module's tests: read it, never change it."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('known') / 'trackers.db'}"
        yield known_store(url)
        return
    with pg_or_skip() as url:
        yield known_store(url)


def known_store(url: str) -> str:
    """`url` with KNOWN_CONVERSATIONS written into it."""
    write_conversations(url, KNOWN_CONVERSATIONS)
    return url


# ------------------------------------------------------------------ synthetic load

# Rough shares seen in pilots; only the mix matters for the benchmark.
_LANGUAGES = (("es", 70), ("en", 12), ("quc", 18))
_COUNTRIES = (("GT", 35), ("MX", 25), ("HN", 20), ("SV", 12), ("US", 8))
_TOPICS = (
    ("asylum_us", 14),
    ("asylum_mexico", 9),
    ("pathways_overview", 8),
    ("tps", 4),
    ("work_visas", 6),
    ("regional_work_permits", 5),
    ("cam_program", 3),
    ("family_reunification", 4),
    ("visa_scams", 3),
    ("smuggler_dangers", 5),
    ("trafficking_signs", 2),
    ("report_crime", 2),
    ("verify_information", 2),
    ("unaccompanied_children", 2),
    ("child_protection", 2),
    ("family_tracing", 2),
    ("find_shelter", 8),
    ("legal_aid", 7),
    ("emergency", 2),
    ("gbv_support", 1),
    ("health_care", 4),
    ("returnee_support", 4),
    ("stay_safe_home", 2),
    ("greet", 10),
    ("main_menu", 6),
    ("thanks", 3),
)
_RUMOURS = ("border_open", "child_entry", "cbp_one", "paid_papers", "amnesty", "job_offer")
_BOT_TEXT = (
    "Respuesta de prueba con la extensión de una respuesta real: pasos, fuentes oficiales y teléfonos. "
) * 5
_COLUMNS = ("sender_id", "type_name", "timestamp", "intent_name", "action_name", "data")


def _templates() -> Dict[str, Dict[str, Any]]:
    """One real Rasa event of each kind, as the tracker store serialises it."""
    from rasa.core.actions.action import create_bot_utterance
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

    return {
        "action": ActionExecuted(
            "action_listen", policy="RulePolicy", confidence=1.0, timestamp=0.0
        ).as_dict(),
        "session_started": SessionStarted(timestamp=0.0).as_dict(),
        "slot": SlotSet("language", "es", timestamp=0.0).as_dict(),
        "user": UserUttered(
            "texto",
            intent={"name": "greet", "confidence": 0.9},
            entities=[],
            input_channel="rest",
            message_id="0",
            timestamp=0.0,
        ).as_dict(),
        "bot": create_bot_utterance(
            {
                "text": _BOT_TEXT,
                "buttons": [{"title": "Ver temas", "payload": "/main_menu"}],
                "language": "es",
                "translated": True,
                "draft": False,
                "topic": "greet",
                "utter_action": "utter_greet",
            }
        ).as_dict(),
    }


def _weighted(rng: random.Random, pairs: Sequence[Tuple[str, int]]) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _synthetic_rows(total: int, days: int, end: datetime, seed: int) -> Iterator[Tuple[Any, ...]]:
    """Rows of the events table, conversation after conversation in time order."""
    rng = random.Random(seed)
    templates = _templates()
    end_ts = _ts(end)
    start_ts = end_ts - days * 86400
    conversations = max(1, int(total / 20.6))  # the mix below: about 20.4 events each
    people = max(1, int(conversations / 1.5))  # some come back
    starts = sorted(
        start_ts + (end_ts - start_ts) * (rng.random() ** 0.8) for _ in range(conversations)
    )  # more traffic lately
    languages: Dict[int, Tuple[str, str]] = {}
    written = 0

    def row(
        sender: str,
        kind: str,
        ts: float,
        intent: Optional[str] = None,
        action: Optional[str] = None,
        **changes: Any,
    ) -> Tuple[Any, ...]:
        data = copy.copy(templates[kind])
        data["timestamp"] = ts
        data.update(changes)
        return (sender, kind, ts, intent, action, json.dumps(data))

    for start in starts:
        person = min(people - 1, int(people * rng.random() ** 1.3))
        sender = hashlib.sha256(f"synthetic-{seed}-{person}".encode()).hexdigest()
        if person not in languages:
            languages[person] = (_weighted(rng, _LANGUAGES), _weighted(rng, _COUNTRIES))
        language, country = languages[person]
        ts = start
        rows = [
            row(sender, "action", ts - 0.01, action="action_session_start", name="action_session_start"),
            row(sender, "session_started", ts),
            row(sender, "slot", ts + 0.01, action="language", name="language", value=language),
        ]
        if rng.random() < 0.9:
            rows.append(row(sender, "slot", ts + 0.02, action="country", name="country", value=country))
        rows.append(row(sender, "action", ts + 0.03, action="action_listen", name="action_listen"))
        for _ in range(rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6))):
            ts += rng.uniform(20, 240)
            draw = rng.random()
            if draw < 0.10:
                intent, answer, topic = "nlu_fallback", "utter_did_you_mean", "did_you_mean"
            elif draw < 0.13:
                intent, answer, topic = "out_of_scope", "utter_out_of_scope", "out_of_scope"
            elif draw < 0.17:
                intent, topic = "rumour", "smuggler_myths"
                answer = f"utter_rumour_{rng.choice(_RUMOURS)}"
            else:
                topic = _weighted(rng, _TOPICS)
                intent, answer = topic, f"utter_{topic}"
            user = copy.deepcopy(templates["user"]["parse_data"])
            user["intent"] = {"name": intent, "confidence": round(rng.random(), 3)}
            user["text"] = f"pregunta {rng.randrange(10**6)}"
            rows.append(
                row(
                    sender,
                    "user",
                    ts,
                    intent=intent,
                    text=user["text"],
                    parse_data=user,
                    message_id=uuid.uuid4().hex,
                )
            )
            rows.append(
                row(
                    sender, "action", ts + 0.1, action="action_detect_language", name="action_detect_language"
                )
            )
            if rng.random() < 0.03:  # the slot changes only when the language does
                language = rng.choice([code for code, _ in _LANGUAGES if code != language])
                rows.append(row(sender, "slot", ts + 0.2, action="language", name="language", value=language))
            rows.append(row(sender, "action", ts + 0.3, action=answer, name=answer))
            metadata = {
                "language": language,
                "translated": True,
                "draft": language == "quc",
                "topic": topic,
                "utter_action": answer,
            }
            rows.append(row(sender, "bot", ts + 0.4, metadata=metadata))
            rows.append(row(sender, "action", ts + 0.5, action="action_listen", name="action_listen"))
            if topic not in ("did_you_mean", "out_of_scope") and rng.random() < 0.08:
                rating = "up" if rng.random() < 0.75 else "down"
                user = copy.deepcopy(templates["user"]["parse_data"])
                user["intent"] = {"name": "rate_answer", "confidence": 1.0}
                user["entities"] = [
                    {"entity": "rating", "value": rating},
                    {"entity": "rated_topic", "value": topic},
                ]
                rows.append(
                    row(sender, "user", ts + 5, intent="rate_answer", text="/rate_answer", parse_data=user)
                )
                rows.append(row(sender, "action", ts + 5.1, action="action_listen", name="action_listen"))
        for item in rows:
            if written >= total:
                return
            written += 1
            yield item
    # Fewer conversations than planned made fewer events: top up with more of the same.
    if written < total:
        yield from _synthetic_rows(total - written, days, end, seed + 1)


def synthetic_events(
    db_url: str,
    total: int = 1_000_000,
    days: int = 180,
    end: Optional[datetime] = None,
    seed: int = 2025,
    batch: int = 50_000,
) -> int:
    """Append `total` realistic events over the `days` before `end` (default: now) to the
    tracker store at `db_url` (PostgreSQL by COPY, SQLite by executemany). Creates Rasa's
    events table if needed. Returns the number of events written."""
    import csv

    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore

    end = end or datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    engine = sa.create_engine(db_url)
    SQLTrackerStore.Base.metadata.create_all(engine)  # Rasa's own schema
    rows = _synthetic_rows(total, days, end, seed)
    written = 0
    try:
        if engine.dialect.name == "postgresql":
            raw = engine.raw_connection()
            try:
                cursor = raw.cursor()
                while True:
                    buffer = io.StringIO()
                    out = csv.writer(buffer)
                    count = 0
                    for item in rows:
                        out.writerow(item)
                        count += 1
                        if count == batch:
                            break
                    if not count:
                        break
                    buffer.seek(0)
                    cursor.copy_expert(
                        f"COPY events ({', '.join(_COLUMNS)}) FROM STDIN WITH (FORMAT csv)", buffer
                    )
                    written += count
                raw.commit()
                cursor.execute("ANALYZE events")
                raw.commit()
            finally:
                raw.close()
        else:
            insert = sa.text(
                f"INSERT INTO events ({', '.join(_COLUMNS)}) VALUES ({', '.join(':' + c for c in _COLUMNS)})"
            )
            with engine.begin() as db:
                chunk: List[Dict[str, Any]] = []
                for item in rows:
                    chunk.append(dict(zip(_COLUMNS, item)))
                    if len(chunk) == batch:
                        db.execute(insert, chunk)
                        written += len(chunk)
                        chunk = []
                if chunk:
                    db.execute(insert, chunk)
                    written += len(chunk)
    finally:
        engine.dispose()
    return written
