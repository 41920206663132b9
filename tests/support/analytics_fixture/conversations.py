"""A conversation as the analytics tests describe it: its sender, start, slots and turns.

The writer (writer.py) turns one into the events Rasa stores; the known conversations
(known.py) and the tests' own are written this way.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, List, NamedTuple, Optional, Sequence, Tuple

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


def utc_timestamp(moment: datetime) -> float:
    """Seconds since the epoch of a timezone-aware moment (events' timestamps)."""
    if moment.tzinfo is None:
        raise ValueError("ConversationSpec.start must be timezone-aware (UTC)")
    return moment.timestamp()
