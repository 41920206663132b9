"""Which questions went unanswered: read from the tracker store's `events` table.

An unanswered question is the text of a user event whose reply in that turn was a
fallback (kinds.FALLBACK_ANSWERS, from the bot event's metadata.utter_action).
Button payloads ("/set_language{...}") are not questions. The language and
country of a question are those of its conversation, as in events.py: a Rasa session
(from one `session_started` to the sender's next), whose values are the last its
slot events set. A question counts on its own (UTC) day.

Plain SQL that SQLite and PostgreSQL both run; JSON is read in Python. The work is
in steps so the costly parts run on few rows: (1) the ids of the replies that may be
fallbacks (a LIKE on the JSON text), newest first; (2) with a language or country
filter, only senders who ever had that value, then each conversation's last values,
a page of candidates at a time; (3) the reply and its question for the candidates
kept, until `limit` questions are found.
"""
from __future__ import annotations

import bisect
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from typing import Any, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.analytics.kinds import FALLBACK_ANSWERS
from bot.analytics.model import Filters

SLOT_LANGUAGE = "language"
SLOT_COUNTRY = "country"
PAGE = 500                 # candidates looked at a time, newest first
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


class _Candidate(NamedTuple):
    """A reply that may be a fallback."""

    reply_id: int
    sender: str


def _fallback_likes(params: Dict[str, Any]) -> str:
    for index, answer in enumerate(sorted(FALLBACK_ANSWERS)):
        params[f"fallback{index}"] = f"%{answer}%"
    return " OR ".join(f"data LIKE :fallback{i}" for i in range(len(FALLBACK_ANSWERS)))


def _candidates(db: Any, start: float, end: float) -> List[_Candidate]:
    """Replies in the range that mention a fallback answer, newest first."""
    params: Dict[str, Any] = {"start": start, "reply_end": end + REPLY_WITHIN}
    likes = _fallback_likes(params)
    rows = db.execute(sa.text(
        "SELECT id, sender_id FROM events WHERE type_name = 'bot'"
        f' AND "timestamp" >= :start AND "timestamp" < :reply_end AND ({likes})'
        " ORDER BY id DESC"), params).fetchall()
    return [_Candidate(row.id, row.sender_id) for row in rows]


def _senders_who_had(db: Any, slot: str, value: str) -> Set[str]:
    """Senders with a slot event setting `value` (the JSON string, not a key holding it)."""
    rows = db.execute(sa.text(
        "SELECT DISTINCT sender_id FROM events WHERE type_name = 'slot'"
        " AND action_name = :slot AND data LIKE :value"),
        {"slot": slot, "value": f'%"{value}"%'}).fetchall()
    return {row.sender_id for row in rows}


def _in_list(prefix: str, values: Sequence[Any]) -> Tuple[str, Dict[str, Any]]:
    params = {f"{prefix}{i}": value for i, value in enumerate(values)}
    return ", ".join(f":{name}" for name in params), params


def _conversation_slots(db: Any, candidates: Sequence[_Candidate]
                        ) -> Dict[int, Dict[str, Optional[str]]]:
    """Each candidate's conversation language and country: the last values its slot
    events set, by reply id."""
    senders = sorted({c.sender for c in candidates})
    sessions: Dict[str, List[int]] = defaultdict(list)
    slot_ids: Dict[Tuple[str, str], List[int]] = defaultdict(list)
    slot_values: Dict[Tuple[str, str], List[Optional[str]]] = defaultdict(list)
    marks, params = _in_list("s", senders)
    rows = db.execute(sa.text(
        "SELECT sender_id, id, type_name, action_name, data FROM events"
        f" WHERE sender_id IN ({marks}) AND (type_name = 'session_started'"
        " OR (type_name = 'slot' AND action_name IN (:language, :country)))"
        " ORDER BY id"),
        {**params, "language": SLOT_LANGUAGE, "country": SLOT_COUNTRY}).fetchall()
    for row in rows:
        if row.type_name == "session_started":
            sessions[row.sender_id].append(row.id)
        else:
            value = _load(row.data).get("value")
            slot_ids[(row.sender_id, row.action_name)].append(row.id)
            slot_values[(row.sender_id, row.action_name)].append(
                value if isinstance(value, str) else None)
    found: Dict[int, Dict[str, Optional[str]]] = {}
    for candidate in candidates:
        starts = sessions.get(candidate.sender, [])
        later = bisect.bisect_right(starts, candidate.reply_id)
        conversation_start = starts[later - 1] if later else -1
        conversation_end = starts[later] if later < len(starts) else 2 ** 62
        values: Dict[str, Optional[str]] = {}
        for slot in (SLOT_LANGUAGE, SLOT_COUNTRY):
            key = (candidate.sender, slot)
            position = bisect.bisect_left(slot_ids.get(key, []), conversation_end)
            last_in_conversation = position and slot_ids[key][position - 1] > conversation_start
            values[slot] = slot_values[key][position - 1] if last_in_conversation else None
        found[candidate.reply_id] = values
    return found


def _questions(db: Any, candidates: Sequence[_Candidate], start: float, end: float
               ) -> List[Question]:
    """The questions the candidate replies answered, if they are fallbacks to a typed
    question asked in the range; newest first."""
    marks, params = _in_list("r", [c.reply_id for c in candidates])
    rows = db.execute(sa.text(
        "SELECT b.id AS reply_id, b.sender_id AS sender_id, b.data AS reply_data,"
        " u.id AS user_id, u.\"timestamp\" AS user_ts, u.data AS user_data"
        " FROM events b LEFT JOIN events u ON u.id = ("
        "  SELECT MAX(p.id) FROM events p WHERE p.sender_id = b.sender_id"
        "  AND p.id < b.id AND p.type_name = 'user')"
        f" WHERE b.id IN ({marks}) ORDER BY b.id DESC"), params).fetchall()
    found: List[Question] = []
    seen: Set[int] = set()
    for row in rows:
        if row.user_id is None or row.user_ts is None or row.user_id in seen:
            continue
        if not start <= row.user_ts < end or not _is_fallback(_load(row.reply_data)):
            continue
        text = _load(row.user_data).get("text")
        if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
            continue
        seen.add(row.user_id)
        found.append(Question(row.user_id, row.sender_id, text, row.user_ts))
    return found


def unanswered_questions(engine: Engine, filters: Filters, limit: int) -> Found:
    """The `limit` most recent unanswered questions matching `filters`."""
    slots = {slot: value for slot, value in ((SLOT_LANGUAGE, filters.language),
                                             (SLOT_COUNTRY, filters.country)) if value}
    kept: List[Question] = []
    if not sa.inspect(engine).has_table("events"):   # Rasa creates it on the first message
        return Found(kept, capped=False)
    start, end = day_bounds(filters)
    with engine.connect() as db:
        candidates = _candidates(db, start, end)
        for slot, value in slots.items():
            senders = _senders_who_had(db, slot, value)
            candidates = [c for c in candidates if c.sender in senders]
        for offset in range(0, len(candidates), PAGE):
            page = candidates[offset:offset + PAGE]
            if slots:
                values = _conversation_slots(db, page)
                page = [c for c in page if all(values[c.reply_id][slot] == value
                                               for slot, value in slots.items())]
            if page:
                kept.extend(_questions(db, page, start, end))
            if len(kept) > limit:
                return Found(kept[:limit], capped=True)
    return Found(kept, capped=False)
