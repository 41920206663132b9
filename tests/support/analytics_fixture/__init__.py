"""Tracker stores with known conversations, for the analytics tests and benchmarks.

`write_conversations` (writer.py) writes conversations (conversations.py) through Rasa's
own SQLTrackerStore, with the events Rasa and our NLG produce (bot events rendered by
actions/content/render.py, so metadata.topic is exactly what production stores).
`KNOWN_CONVERSATIONS` (known.py) has numbers chosen so every metric has a known answer
(see the table there). `synthetic_events` (synthetic.py) fills PostgreSQL (or SQLite)
fast for the benchmarks; `scratch_database` (tests/support/postgres.py) gives a
PostgreSQL database of its own, dropped afterwards. Pytest fixtures (fixtures.py),
imported by the test modules that use them:

    from tests.support.analytics_fixture import pg_url, sqlite_url, store_url  # noqa: F401

`sqlite_url` / `pg_url`: an empty store; `store_url`: both, one after the other;
`known_store_url` (module scope, both backends): KNOWN_CONVERSATIONS, read-only.
"""

from tests.support.analytics_fixture.conversations import ConversationSpec, Turn, sender_id
from tests.support.analytics_fixture.fixtures import (
    known_store,
    known_store_url,
    pg_url,
    sqlite_url,
    store_url,
)
from tests.support.analytics_fixture.known import (
    BUS_QUESTIONS,
    EVAL_QUESTIONS,
    KNOWN_CONVERSATIONS,
    KNOWN_NOW,
    KNOWN_OLD,
    KNOWN_SINCE,
    KNOWN_UNTIL,
    OUT_OF_SCOPE_QUESTIONS,
    WEATHER_QUESTIONS,
    eval_conversations,
)
from tests.support.analytics_fixture.synthetic import synthetic_events
from tests.support.analytics_fixture.writer import tracker_store, write_conversations

__all__ = [
    "BUS_QUESTIONS",
    "EVAL_QUESTIONS",
    "KNOWN_CONVERSATIONS",
    "KNOWN_NOW",
    "KNOWN_OLD",
    "KNOWN_SINCE",
    "KNOWN_UNTIL",
    "OUT_OF_SCOPE_QUESTIONS",
    "WEATHER_QUESTIONS",
    "ConversationSpec",
    "Turn",
    "eval_conversations",
    "known_store",
    "known_store_url",
    "pg_url",
    "sender_id",
    "sqlite_url",
    "store_url",
    "synthetic_events",
    "tracker_store",
    "write_conversations",
]
