"""Which questions went unanswered: read from the tracker store's `events` table.

An unanswered question is the text of a user event whose reply in that turn was a
fallback (kinds.FALLBACK_ANSWERS, from the bot event's metadata.utter_action).
Button payloads ("/set_language{...}") are not questions. The language and
country of a question are those of its conversation, as in events.py: a Rasa session
(from one `session_started` to the sender's next), whose values are the last its
slot events set. A question counts on its own (UTC) day.

Plain SQL that SQLite and PostgreSQL both run; JSON is read in Python, with a
LIKE on the raw text first so only candidate rows cross the wire.
"""
from __future__ import annotations

import bisect
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.analytics.kinds import FALLBACK_ANSWERS
from bot.analytics.model import Filters

SLOT_LANGUAGE = "language"
SLOT_COUNTRY = "country"
PAGE = 500                 # candidate replies read at a time, newest first
REPLY_WITHIN = 3600.0      # seconds: a reply comes this soon after its question


@dataclass(frozen=True)
class Question:
    """One unanswered question. `sender` only tells people apart inside the analytics
    (groups need enough different people); it is never shown."""

    event_id: int
    sender: str
    text: str
    timestamp: float


@dataclass(frozen=True)
class Found:
    questions: List[Question]   # newest first, at most `limit`
    capped: bool                # more questions matched than `limit`


def day_bounds(filters: Filters) -> Tuple[float, float]:
    """Unix seconds of since 00:00 UTC and of the day after `until` (both days included)."""
    start = datetime.combine(filters.since, time(0), tzinfo=timezone.utc)
    end = datetime.combine(filters.until + timedelta(days=1), time(0), tzinfo=timezone.utc)
    return start.timestamp(), end.timestamp()


def _load(data: Optional[str]) -> Dict[str, Any]:
    try:
        loaded = json.loads(data or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _is_fallback(bot_data: Dict[str, Any]) -> bool:
    metadata = bot_data.get("metadata")
    return isinstance(metadata, dict) and metadata.get("utter_action") in FALLBACK_ANSWERS


def _candidates_sql(with_slot_filter: Sequence[str]) -> "sa.sql.elements.TextClause":
    likes = " OR ".join(f"b.data LIKE :fallback{i}" for i in range(len(FALLBACK_ANSWERS)))
    # A question's conversation must have had the filtered slot value at some point;
    # the exact value at the end of the conversation is checked in Python.
    senders = "".join(
        f" AND b.sender_id IN (SELECT s.sender_id FROM events s WHERE s.type_name = 'slot'"
        f" AND s.action_name = :slot_{slot} AND s.data LIKE :value_{slot})"
        for slot in with_slot_filter)
    # The page of replies is chosen first, so the question of each is looked up for
    # those few rows only (the sender's latest user event before the reply).
    return sa.text(
        "SELECT b.id AS bot_id, b.sender_id AS sender_id, b.data AS bot_data,"
        " u.id AS user_id, u.timestamp AS user_ts, u.data AS user_data"
        " FROM (SELECT b.id, b.sender_id, b.data FROM events b"
        "  WHERE b.type_name = 'bot' AND b.timestamp >= :start AND b.timestamp < :reply_end"
        f"  AND b.id < :before AND ({likes}){senders}"
        "  ORDER BY b.id DESC LIMIT :page) b"
        " LEFT JOIN events u ON u.id = ("
        "  SELECT MAX(p.id) FROM events p WHERE p.sender_id = b.sender_id"
        "  AND p.id < b.id AND p.type_name = 'user')"
        " ORDER BY b.id DESC")


def _candidate_pages(db: Any, filters: Filters, slots: Dict[str, str]
                     ) -> Iterator[List[Question]]:
    """Unanswered questions in the date range, newest first, a page at a time."""
    start, end = day_bounds(filters)
    params: Dict[str, Any] = {"start": start, "reply_end": end + REPLY_WITHIN, "page": PAGE}
    for index, answer in enumerate(sorted(FALLBACK_ANSWERS)):
        params[f"fallback{index}"] = f"%{answer}%"
    for slot, value in slots.items():
        params[f"slot_{slot}"] = slot
        params[f"value_{slot}"] = f'%"{value}"%'  # the JSON string, not a key containing it
    query = _candidates_sql(sorted(slots))
    before: Optional[int] = None
    seen: set = set()
    while True:
        params["before"] = before if before is not None else 2 ** 62
        rows = db.execute(query, params).fetchall()
        if not rows:
            return
        before = rows[-1].bot_id
        page: List[Question] = []
        for row in rows:
            if row.user_id is None or row.user_ts is None or row.user_id in seen:
                continue
            if not start <= row.user_ts < end:
                continue
            if not _is_fallback(_load(row.bot_data)):
                continue
            text = _load(row.user_data).get("text")
            if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
                continue
            seen.add(row.user_id)
            page.append(Question(row.user_id, row.sender_id, text, row.user_ts))
        yield page
        if len(rows) < PAGE:
            return


def _conversation_slots(db: Any, questions: Sequence[Question]
                        ) -> Dict[int, Dict[str, Optional[str]]]:
    """Each question's conversation language and country (values at its end)."""
    senders = sorted({q.sender for q in questions})
    sessions: Dict[str, List[int]] = defaultdict(list)
    slot_ids: Dict[Tuple[str, str], List[int]] = defaultdict(list)
    slot_values: Dict[Tuple[str, str], List[Optional[str]]] = defaultdict(list)
    for offset in range(0, len(senders), PAGE):
        chunk = senders[offset:offset + PAGE]
        marks = ", ".join(f":s{i}" for i in range(len(chunk)))
        rows = db.execute(sa.text(
            "SELECT sender_id, id, type_name, action_name, data FROM events"
            f" WHERE sender_id IN ({marks}) AND (type_name = 'session_started'"
            " OR (type_name = 'slot' AND action_name IN (:language, :country)))"
            " ORDER BY id"),
            {**{f"s{i}": s for i, s in enumerate(chunk)},
             "language": SLOT_LANGUAGE, "country": SLOT_COUNTRY}).fetchall()
        for row in rows:
            if row.type_name == "session_started":
                sessions[row.sender_id].append(row.id)
            else:
                value = _load(row.data).get("value")
                slot_ids[(row.sender_id, row.action_name)].append(row.id)
                slot_values[(row.sender_id, row.action_name)].append(
                    value if isinstance(value, str) else None)
    found: Dict[int, Dict[str, Optional[str]]] = {}
    for question in questions:
        starts = sessions.get(question.sender, [])
        later = bisect.bisect_right(starts, question.event_id)
        conversation_start = starts[later - 1] if later else -1
        conversation_end = starts[later] if later < len(starts) else 2 ** 62
        values: Dict[str, Optional[str]] = {}
        for slot in (SLOT_LANGUAGE, SLOT_COUNTRY):
            key = (question.sender, slot)
            position = bisect.bisect_left(slot_ids.get(key, []), conversation_end)
            last_in_conversation = position and slot_ids[key][position - 1] > conversation_start
            values[slot] = slot_values[key][position - 1] if last_in_conversation else None
        found[question.event_id] = values
    return found


def unanswered_questions(engine: Engine, filters: Filters, limit: int) -> Found:
    """The `limit` most recent unanswered questions matching `filters`."""
    slots = {slot: value for slot, value in ((SLOT_LANGUAGE, filters.language),
                                             (SLOT_COUNTRY, filters.country)) if value}
    kept: List[Question] = []
    if not sa.inspect(engine).has_table("events"):   # Rasa creates it on the first message
        return Found(kept, capped=False)
    with engine.connect() as db:
        for page in _candidate_pages(db, filters, slots):
            if slots and page:
                values = _conversation_slots(db, page)
                page = [q for q in page
                        if all(values[q.event_id][slot] == value for slot, value in slots.items())]
            kept.extend(page)
            if len(kept) > limit:
                return Found(kept[:limit], capped=True)
    return Found(kept, capped=False)
