"""Which answers people rated 👎, and what they wrote after: read from the `events` table.

A 👎 is a user event of the rating intent (ids.FEEDBACK_INTENT) whose rating entity
is "down"; its rated_topic entity names the topic of the answer rated. After a 👎 Senda
asks what was missing (utter_rate_thanks_down), so the person's next typed message in
the same conversation, within COMMENT_WITHIN seconds, is their comment. A button
payload ("/…") is not a comment. The language and country filters apply to the
conversation's last values, as for the unanswered questions (unanswered/query.py).

The `limit` most recent 👎 of the range are read (`capped` says there were more), so a
page costs the same on a large store. `senda eval`'s conversations are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from actions.content.feedback import DOWN
from actions.content.ids import FEEDBACK_INTENT, FEEDBACK_RATING, FEEDBACK_TOPIC
from bot.analytics.eval_senders import eval_sender_params, not_eval_sender
from bot.analytics.model import Filters
from bot.analytics.unanswered.query import (
    day_bounds,
    filtered_slots,
    load_data,
    slot_params,
    slots_match,
    typed_text,
)
from bot.tracker_store import EVENTS_TABLE

# Seconds after the 👎 within which the next message is its comment: Senda asks at once,
# and a message an hour later is a new conversation (Rasa's session ends after 60 min).
COMMENT_WITHIN = 1800.0
CHUNK = 500  # ids per IN list: PostgreSQL plans a long one as a scan


@dataclass(frozen=True)
class Dislike:
    """One 👎. `sender` only tells people apart inside the analytics; it is never shown."""

    event_id: int
    sender: str
    topic: str
    comment: Optional[str]  # the text typed after it, unscrubbed (scrub before showing)
    timestamp: float


@dataclass(frozen=True)
class Found:
    dislikes: List[Dislike]  # newest first, at most `limit`
    capped: bool  # there were more in the range than `limit`


def _entity(data: Dict[str, Any], name: str) -> Optional[str]:
    parse_data = data.get("parse_data")
    entities = parse_data.get("entities") if isinstance(parse_data, dict) else None
    for entity in entities if isinstance(entities, list) else []:
        if isinstance(entity, dict) and entity.get("entity") == name:
            value = entity.get("value")
            return value if isinstance(value, str) else None
    return None


def _ratings_sql(filtered: Sequence[str]) -> Any:
    """The range's newest 👎 whose conversation matches the filters (a LIKE on the JSON
    text narrows; Python checks the entity)."""
    return sa.text(
        "SELECT c.id, c.sender_id, c.ts, c.data FROM ("
        ' SELECT r.id, r.sender_id, r."timestamp" AS ts, r.data FROM events r'
        " WHERE r.type_name = 'user' AND r.intent_name = :intent"
        f" AND {not_eval_sender('r.sender_id')}"
        ' AND r."timestamp" >= :start AND r."timestamp" < :end AND r.data LIKE :down) c'
        f" WHERE {slots_match(filtered)} = 1"
        " ORDER BY c.ts DESC, c.id DESC LIMIT :limit"
    )


def _comments(db: Any, ratings: Sequence[Any]) -> Dict[int, Any]:
    """For each rating id: the sender's next user event within COMMENT_WITHIN seconds,
    unless a new session started before it (a row: id, ts, data)."""
    found: Dict[int, Any] = {}
    for offset in range(0, len(ratings), CHUNK):
        chunk = ratings[offset : offset + CHUNK]
        params: Dict[str, Any] = {f"r{i}": row.id for i, row in enumerate(chunk)}
        marks = ", ".join(f":{name}" for name in params)
        params["within"] = COMMENT_WITHIN
        # A join on the sender within a time window, not MIN(id) over ids above the
        # rating's: PostgreSQL walks the primary key for that, 30 times slower on 1M events.
        rows = db.execute(
            sa.text(
                "SELECT r.id AS rating_id, u.id AS id, u.type_name AS type_name,"
                ' u."timestamp" AS ts, u.data AS data'
                " FROM events r JOIN events u ON u.sender_id = r.sender_id AND u.id > r.id"
                ' AND u."timestamp" >= r."timestamp" AND u."timestamp" <= r."timestamp" + :within'
                " AND u.type_name IN ('user', 'session_started')"
                f" WHERE r.id IN ({marks})"
            ),
            params,
        ).fetchall()
        for row in sorted(rows, key=lambda row: row.id):
            found.setdefault(row.rating_id, row)
    return {rating: row for rating, row in found.items() if row.type_name == "user"}


def _comment_text(rating_ts: float, row: Any) -> Optional[str]:
    if row is None or row.ts is None or not 0 <= row.ts - rating_ts <= COMMENT_WITHIN:
        return None
    return typed_text(load_data(row.data))


def disliked_answers(engine: Engine, filters: Filters, limit: int) -> Found:
    """The `limit` most recent 👎 matching `filters`, each with its comment if one came."""
    if not sa.inspect(engine).has_table(EVENTS_TABLE):  # Rasa creates it on the first message
        return Found([], capped=False)
    start, end = day_bounds(filters)
    slots = filtered_slots(filters)
    params: Dict[str, Any] = {
        "intent": FEEDBACK_INTENT,
        "start": start,
        "end": end,
        "down": f'%"{DOWN}"%',
        "limit": limit + 1,
    }
    params.update(eval_sender_params())
    params.update(slot_params(slots))
    query = _ratings_sql(list(slots))
    with engine.connect() as db:
        rows = db.execute(query, params).fetchall()
        capped = len(rows) > limit
        rows = rows[:limit]
        rated = [(row, load_data(row.data)) for row in rows]
        ratings = [(row, data) for row, data in rated if _entity(data, FEEDBACK_RATING) == DOWN]
        comments = _comments(db, [row for row, _ in ratings])
    dislikes: List[Dislike] = []
    for row, data in ratings:
        topic = _entity(data, FEEDBACK_TOPIC)
        if topic:
            dislikes.append(
                Dislike(row.id, row.sender_id, topic, _comment_text(row.ts, comments.get(row.id)), row.ts)
            )
    return Found(dislikes, capped)
