"""👍/👎 under an answer: which answers get them, and the payloads they send.

Pressing one sends `/rate_answer{"rating":"up","rated_topic":"asylum_us"}` to Rasa; the
user event Rasa stores is the only record of the rating (bot/analytics/kinds.py names
the intent and entities the metrics count).
"""

from __future__ import annotations

import json
from typing import Dict, List, Mapping, Optional, Tuple

from actions.content.answers import Topic
from actions.content.ids import FEEDBACK_INTENT, FEEDBACK_RATING, FEEDBACK_TOPIC, payload_parts

UP, DOWN = "up", "down"
RATINGS = (UP, DOWN)
# Symbols, the same in every language (like the ✓ of a pressed button), so not content.
MARKS: Dict[str, str] = {UP: "👍", DOWN: "👎"}
# Answers that give information; greetings, menus, settings, fallbacks and the bot's
# own messages have no topic of these themes.
RATED_THEMES = frozenset({"pathways", "smugglers", "children", "protection"})
# Someone in danger gets the emergency contacts and nothing else to tap; the answer
# that follows them (action_emergency_followup) is rated as usual.
NOT_RATED = frozenset({"emergency"})
PAYLOAD_PREFIX = f"/{FEEDBACK_INTENT}"


def is_rated(topic: str, topics: Mapping[str, Topic]) -> bool:
    """Whether an answer of this topic (metadata.topic: a rumour's is smuggler_myths) gets 👍/👎."""
    entry = topics.get(topic)
    return entry is not None and entry.theme in RATED_THEMES and topic not in NOT_RATED


def rating_payload(rating: str, topic: str) -> str:
    """The Rasa payload of one button, compact JSON so it stays short."""
    entities = {FEEDBACK_RATING: rating, FEEDBACK_TOPIC: topic}
    return PAYLOAD_PREFIX + json.dumps(entities, separators=(",", ":"), ensure_ascii=False)


def rating_buttons(topic: str) -> List[Dict[str, str]]:
    """👍 then 👎, in Rasa's button shape; the Telegram bot puts them on one row."""
    return [{"title": MARKS[rating], "payload": rating_payload(rating, topic)} for rating in RATINGS]


def parse_rating(payload: str) -> Optional[Tuple[str, str]]:
    """(rating, rated_topic) of a rating payload; None for any other payload."""
    parts = payload_parts(payload)
    if parts is None or parts[0] != PAYLOAD_PREFIX:
        return None
    entities = parts[1]
    rating, topic = entities.get(FEEDBACK_RATING), entities.get(FEEDBACK_TOPIC)
    if rating not in RATINGS or not isinstance(topic, str) or not topic:
        return None
    return rating, topic


def is_rating_payload(payload: str) -> bool:
    return parse_rating(payload) is not None
