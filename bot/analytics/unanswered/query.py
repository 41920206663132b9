"""Which questions went unanswered: read from the tracker store's `events` table.

An unanswered question is the text of a user event whose reply in that turn was a
fallback (kinds.FALLBACK_ANSWERS, from the bot event's metadata.utter_action).
Button payloads ("/set_language{...}") are not questions. The language and
country of a question are those of its conversation, as in counts/: a Rasa session
(from one `session_started` to the sender's next), whose values are the last its
slot events set. A question counts on its own (UTC) day.

Plain SQL that SQLite and PostgreSQL both run; JSON is read in Python. Replies are
read newest first, a page at a time, and reading stops once `limit` questions are
found (or READ_PER_QUESTION times as many replies were read: `capped`), so a page
costs the same on a large store as on a small one: (1) replies in
the range that may be fallbacks (a LIKE on the JSON text; the `timestamp` index
database.ensure_indexes creates lets the database walk back from the range's end),
each with its conversation's last language and country slot events, which a filter
is applied to; (2) for those, the question each answered (the sender's latest user
event before it), checked in Python. `senda eval`'s conversations are left out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Sequence, Set, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.analytics.eval_senders import eval_sender_params, not_eval_sender
from bot.analytics.kinds import FALLBACK_ANSWERS
from bot.analytics.model import Filters
from bot.tracker_store import EVENTS_TABLE

SLOT_LANGUAGE = "language"
SLOT_COUNTRY = "country"
PAGE = 500  # replies read at least at first, newest first; then twice as many
MAX_PAGE = 32_000
# Replies read at most for each question wanted: under a filter few conversations match,
# reading stops there (capped) rather than walking a long period to its start.
READ_PER_QUESTION = 20
NO_ID = 2**31 - 1  # above every id (Rasa's events.id is an INTEGER)
REPLY_WITHIN = 3600.0  # seconds: a reply comes this soon after its question


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
    questions: List[Question]  # newest first, at most `limit`
    capped: bool  # more may match: more than `limit`, or replies left unread


def day_bounds(filters: Filters) -> Tuple[float, float]:
    """Unix seconds of since 00:00 UTC and of the day after `until` (both days included)."""
    start = datetime.combine(filters.since, time(0), tzinfo=timezone.utc)
    end = datetime.combine(filters.until + timedelta(days=1), time(0), tzinfo=timezone.utc)
    return start.timestamp(), end.timestamp()


def load_data(data: Optional[str]) -> Dict[str, Any]:
    """An event's JSON `data` as a dict ({} when it is not one)."""
    try:
        loaded = json.loads(data or "{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def typed_text(data: Dict[str, Any]) -> Optional[str]:
    """The text a person typed in a user event's data; None for a button payload ("/…")
    or an empty message."""
    text = data.get("text")
    if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
        return None
    return text


def _is_fallback(bot_data: Dict[str, Any]) -> bool:
    metadata = bot_data.get("metadata")
    return isinstance(metadata, dict) and metadata.get("utter_action") in FALLBACK_ANSWERS


class _Candidate(NamedTuple):
    """A reply that may be a fallback."""

    reply_id: int
    timestamp: float
    matches: bool  # its conversation has the filtered language and country


def _conversation_bound(direction: str) -> str:
    """The id of the session start before ("<") or after (">") reply c."""
    function = "MAX" if direction == "<" else "MIN"
    return (
        f"(SELECT {function}(n.id) FROM events n WHERE n.sender_id = c.sender_id"
        f" AND n.type_name = 'session_started' AND n.id {direction} c.id)"
    )


def _last_slot(slot: str) -> str:
    """The JSON of the last slot event of reply c's conversation for one slot. (`s.id + 0`:
    PostgreSQL would otherwise AND the sender's few rows with a wide id range of the
    primary key, 70 times slower on 1M events.)"""
    return (
        "(SELECT s.data FROM events s WHERE s.sender_id = c.sender_id"
        f" AND s.type_name = 'slot' AND s.action_name = :slot_{slot}"
        f" AND s.id + 0 > COALESCE({_conversation_bound('<')}, 0)"
        f" AND s.id + 0 < COALESCE({_conversation_bound('>')}, {NO_ID})"
        " ORDER BY s.id DESC LIMIT 1)"
    )


def slots_match(filtered: Sequence[str]) -> str:
    """1 when the conversation of event c (columns c.id, c.sender_id) ends with the
    filtered values, else 0 (bind parameters: slot_params()). A slot event's
    JSON holds no other string but "slot" and the slot's name, so the quoted value found
    in it is the value. Nested CASEs: the second slot is read only if the first matched."""
    test = "1"
    for slot in reversed(filtered):
        test = f"CASE WHEN {_last_slot(slot)} LIKE :value_{slot} THEN {test} ELSE 0 END"
    return test


def filtered_slots(filters: Filters) -> Dict[str, str]:
    """The slots a filter asks for, with their values: {"language": "es"}."""
    return {
        slot: value
        for slot, value in ((SLOT_LANGUAGE, filters.language), (SLOT_COUNTRY, filters.country))
        if value
    }


def slot_params(slots: Dict[str, str]) -> Dict[str, str]:
    """The bind parameters of slots_match for these filtered slots."""
    params: Dict[str, str] = {}
    for slot, value in slots.items():
        params[f"slot_{slot}"] = slot
        params[f"value_{slot}"] = f'%"{value}"%'
    return params


def _candidates_sql(filtered: Sequence[str]) -> Any:
    """A page of replies that may be fallbacks, newest first: chosen first (the LIMIT
    inside makes the database walk back in time and stop), then the conversation's
    slots are read for those rows only, and only when a filter needs them."""
    likes = " OR ".join(f"b.data LIKE :fallback{i}" for i in range(len(FALLBACK_ANSWERS)))
    return sa.text(
        f"SELECT c.id, c.ts, {slots_match(filtered)} AS matches FROM ("
        ' SELECT b.id, b.sender_id, b."timestamp" AS ts FROM events b'
        " WHERE b.type_name = 'bot'"
        f" AND {not_eval_sender('b.sender_id')}"  # senda eval's questions are not people's
        ' AND b."timestamp" >= :start AND b."timestamp" < :reply_end'
        ' AND (b."timestamp" < :before_ts OR (b."timestamp" = :before_ts AND b.id < :before_id))'
        f" AND ({likes})"
        ' ORDER BY b."timestamp" DESC, b.id DESC LIMIT :page) c'
        " ORDER BY c.ts DESC, c.id DESC"
    )


class _Page(NamedTuple):
    matching: List[_Candidate]
    more: bool  # replies remain unread in the range


def _candidate_pages(
    db: Any, start: float, end: float, slots: Dict[str, str], first: int, budget: int
) -> Iterator[_Page]:
    """Replies in the range that mention a fallback answer and whose conversation matches
    the slot filters, newest first, a page at a time (`first` replies, then twice as many
    each time), reading `budget` replies at most."""
    params: Dict[str, Any] = {
        "start": start,
        "reply_end": end + REPLY_WITHIN,
        "page": min(first, budget),
        "before_ts": end + REPLY_WITHIN,
        "before_id": NO_ID,
    }
    params.update(eval_sender_params())
    for index, answer in enumerate(sorted(FALLBACK_ANSWERS)):
        params[f"fallback{index}"] = f"%{answer}%"
    params.update(slot_params(slots))
    query = _candidates_sql([slot for slot in (SLOT_LANGUAGE, SLOT_COUNTRY) if slot in slots])
    read = 0
    while True:
        rows = db.execute(query, params).fetchall()
        page = [_Candidate(row.id, row.ts, bool(row.matches)) for row in rows]
        read += len(page)
        more = len(rows) == params["page"]
        yield _Page([c for c in page if c.matches], more)
        if not more or read >= budget:
            return
        params["before_ts"], params["before_id"] = page[-1].timestamp, page[-1].reply_id
        # Pages double: a filter few conversations match walks the range in a few
        # queries, not one per 500 replies.
        params["page"] = min(params["page"] * 2, MAX_PAGE, budget - read)


def _in_list(prefix: str, values: Sequence[Any]) -> Tuple[str, Dict[str, Any]]:
    params = {f"{prefix}{i}": value for i, value in enumerate(values)}
    return ", ".join(f":{name}" for name in params), params


def _questions(
    db: Any, candidates: Sequence[_Candidate], start: float, end: float, seen: Set[int]
) -> List[Question]:
    """The questions the candidate replies answered, if they are fallbacks to a typed
    question asked in the range and not in `seen` (two fallbacks in one turn are one
    question); newest first."""
    marks, params = _in_list("r", [c.reply_id for c in candidates])
    rows = db.execute(
        sa.text(
            "SELECT b.id AS reply_id, b.sender_id AS sender_id, b.data AS reply_data,"
            ' u.id AS user_id, u."timestamp" AS user_ts, u.data AS user_data'
            " FROM events b LEFT JOIN events u ON u.id = ("
            "  SELECT MAX(p.id) FROM events p WHERE p.sender_id = b.sender_id"
            "  AND p.id < b.id AND p.type_name = 'user')"
            f" WHERE b.id IN ({marks})"
        ),
        params,
    ).fetchall()
    order = {c.reply_id: index for index, c in enumerate(candidates)}
    found: List[Question] = []
    for row in sorted(rows, key=lambda r: order[r.reply_id]):
        if row.user_id is None or row.user_ts is None or row.user_id in seen:
            continue
        if not start <= row.user_ts < end or not _is_fallback(load_data(row.reply_data)):
            continue
        text = typed_text(load_data(row.user_data))
        if text is None:
            continue
        seen.add(row.user_id)
        found.append(Question(row.user_id, row.sender_id, text, row.user_ts))
    return found


def unanswered_questions(engine: Engine, filters: Filters, limit: int) -> Found:
    """The `limit` most recent unanswered questions matching `filters`."""
    slots = filtered_slots(filters)
    kept: List[Question] = []
    seen: Set[int] = set()
    if not sa.inspect(engine).has_table(EVENTS_TABLE):  # Rasa creates it on the first message
        return Found(kept, capped=False)
    start, end = day_bounds(filters)
    with engine.connect() as db:
        # One more than the limit tells whether there were more.
        first = min(MAX_PAGE, max(PAGE, limit + 1))
        more = False
        for page in _candidate_pages(db, start, end, slots, first, READ_PER_QUESTION * limit):
            # A few hundred ids at a time: PostgreSQL plans a long IN list as a scan.
            for offset in range(0, len(page.matching), PAGE):
                chunk = page.matching[offset : offset + PAGE]
                kept.extend(_questions(db, chunk, start, end, seen))
                if len(kept) > limit:
                    return Found(kept[:limit], capped=True)
            more = page.more
    # Replies left unread (a filter few conversations match, over a long period): what
    # was found is the most recent part only.
    return Found(kept, capped=more)
