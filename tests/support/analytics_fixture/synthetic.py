"""A realistic load for the benchmarks: a million events in PostgreSQL (or SQLite) in seconds.

Rows are written straight into Rasa's events table (COPY on PostgreSQL), shaped from
real Rasa events, with a mix of languages, countries, topics, fallbacks and ratings.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import random
import uuid
from datetime import datetime
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from tests.support.analytics_fixture.conversations import UTC, utc_timestamp

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
    end_ts = utc_timestamp(end)
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
