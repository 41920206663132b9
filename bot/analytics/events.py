"""Read-only access to Rasa's tracker store (table `events`) for the metrics.

One SQL statement reads the events of the conversations that started in the chosen
range and returns aggregates only: counts by UTC day or week, language, country, topic.
A conversation is a Rasa session: the events from one `session_started` to the sender's
next; its language and country are the last values its slot events set. Everything
counts on the day (or week) its conversation started. Nothing finer than a day and no
sender id leaves this module.

SQLite and PostgreSQL differ only in a few expressions (`_Dialect`). On PostgreSQL, the
bot and slot fields are cut out of Rasa's JSON text (json.dumps: `"topic": "asylum_us"`,
metadata first) by a string search, several times faster than parsing each event; a
row where the search finds nothing is parsed as JSON instead, so nothing is lost. The
scan runs in PostgreSQL's parallel workers; each event finds its conversation by a hash
join on the sender with the range's session starts (the small side).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Dict, List, Optional, Sequence, Tuple, Union

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine

from actions.content.ids import FEEDBACK_INTENT, FEEDBACK_RATING, FEEDBACK_TOPIC
from bot.analytics.model import Filters
from bot.analytics.vocabulary import UNKNOWN, Vocabulary
from bot.identity import EVAL_SENDER_PREFIX

EVENTS_TABLE = "events"
DAY = 86400
EPOCH = date(1970, 1, 1)
# A conversation may go on a little past the range's last day; its events are read up to
# this long after the range ends (Rasa ends a session after 60 minutes of silence).
TAIL_SECONDS = DAY
# A conversation with no event for this long has stopped (for "where conversations stop").
QUIET_SECONDS = 3600
# Packs an event id with a small code into one integer, so MAX() finds the code of the
# conversation's last event of a kind without a second pass (language 1..n, topic 1..n).
CODE_BASE = 1024
NO_END = 2 ** 31 - 1  # Rasa's events.id is an INTEGER


# `senda eval`'s conversations are not people: every analytics read leaves their senders
# out (a sender left out of the session starts has none of its events counted).
EVAL_SENDERS_PARAM = "eval_senders"
_LIKE_ESCAPE = "!"


def like_prefix(prefix: str) -> str:
    """A LIKE pattern for values starting with `prefix`, its % and _ taken literally."""
    for char in (_LIKE_ESCAPE, "%", "_"):
        prefix = prefix.replace(char, _LIKE_ESCAPE + char)
    return prefix + "%"


def not_eval_sender(column: str) -> str:
    """An SQL condition (SQLite and PostgreSQL): `column` is not a `senda eval` sender.
    Its bind parameter: eval_sender_params()."""
    return f"{column} NOT LIKE :{EVAL_SENDERS_PARAM} ESCAPE '{_LIKE_ESCAPE}'"


def eval_sender_params() -> Dict[str, str]:
    return {EVAL_SENDERS_PARAM: like_prefix(EVAL_SENDER_PREFIX)}


def analytics_engine(url: str, writable: bool = False) -> Engine:
    """An engine on the tracker store. Read-only unless `writable` (retention, indexes):
    PostgreSQL sessions are read-only transactions; SQLite is opened read-only, so a
    mistyped path is an error rather than a new empty database."""
    if url.startswith("sqlite"):
        if not writable and "mode=ro" not in url:
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and not path.startswith("file:"):
                url = f"sqlite:///file:{path}?mode=ro&uri=true"
        return create_engine(url)
    options = "-c jit=off"   # compiling the big statement costs more than it saves
    if not writable:
        options += " -c default_transaction_read_only=on"
    if url.startswith(("postgresql", "postgres")):
        return create_engine(url, connect_args={"options": options})
    return create_engine(url)


# Indexes analytics uses: the session starts (read by an index-only scan), time ranges,
# and slot events by sender (a conversation's last language and country in one probe,
# for the unanswered questions). On PostgreSQL built CONCURRENTLY: Rasa keeps writing.
_INDEXES = {
    "postgresql": (
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_sessions ON events '
        '(sender_id, id) INCLUDE ("timestamp") WHERE type_name = \'session_started\'',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_time ON events ("timestamp")',
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_slots ON events '
        '(sender_id, action_name, id) WHERE type_name = \'slot\'',
        # The unanswered-questions page walks bot replies back in time.
        'CREATE INDEX CONCURRENTLY IF NOT EXISTS senda_events_replies ON events '
        '("timestamp") WHERE type_name = \'bot\'',
    ),
    "sqlite": (
        'CREATE INDEX IF NOT EXISTS senda_events_sessions ON events (sender_id, id, "timestamp") '
        'WHERE type_name = \'session_started\'',
        'CREATE INDEX IF NOT EXISTS senda_events_time ON events ("timestamp")',
        'CREATE INDEX IF NOT EXISTS senda_events_slots ON events (sender_id, action_name, id) '
        'WHERE type_name = \'slot\'',
        'CREATE INDEX IF NOT EXISTS senda_events_replies ON events ("timestamp") '
        'WHERE type_name = \'bot\'',
    ),
}
INDEX_NAMES = ("senda_events_sessions", "senda_events_time", "senda_events_slots",
               "senda_events_replies")


def has_events(engine: Engine) -> bool:
    """Whether Rasa has created its events table yet (a new install has none)."""
    return inspect(engine).has_table(EVENTS_TABLE)


def ensure_indexes(engine: Engine) -> List[str]:
    """Create the senda_* indexes on Rasa's events table if missing (needs a writable
    engine); returns the names that were missing. Called by the CLI and the dashboard at
    start, never at import."""
    if not has_events(engine):
        return []
    existing = {index["name"] for index in inspect(engine).get_indexes(EVENTS_TABLE)}
    statements = _INDEXES.get(engine.dialect.name, _INDEXES["sqlite"])
    missing = [name for name in INDEX_NAMES if name not in existing]
    if missing:
        # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
            for statement in statements:
                db.execute(text(statement))
    return missing


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Tally:
    conversations: int
    users: int


@dataclass
class EventCounts:
    """Raw (unsuppressed) aggregates for one Filters range. Days and weeks are UTC; a
    week is keyed by its Monday. Keys of languages and countries are codes, or UNKNOWN."""

    total: Tally = Tally(0, 0)
    by_day: Dict[date, Tally] = field(default_factory=dict)
    by_week: Dict[date, Tally] = field(default_factory=dict)
    by_language: Dict[str, Tally] = field(default_factory=dict)
    by_country: Dict[str, Tally] = field(default_factory=dict)
    user_messages: int = 0
    ended_on_fallback: int = 0
    # (week, country, topic, fallback, rumour) -> bot replies. topic: metadata.topic when
    # it is a topic people ask about, else None; fallback: one of the fallback answers;
    # rumour: a rumour correction's answer name (utter_rumour_<id>), else None.
    answers: Dict[Tuple[date, str, Optional[str], bool, Optional[str]], int] = field(
        default_factory=dict)
    last_topics: Dict[str, int] = field(default_factory=dict)
    # (rated topic, rating) -> presses; None for a topic or rating no answer has
    feedback: Dict[Tuple[Optional[str], Optional[str]], int] = field(default_factory=dict)


# --------------------------------------------------------------------------- dialects


class _Dialect:
    def __init__(self, name: str) -> None:
        self.postgres = name == "postgresql"

    def day(self, column: str) -> str:
        if self.postgres:
            return f"CAST(FLOOR({column} / {DAY}.0) AS BIGINT)"
        return f"CAST({column} / {DAY} AS INTEGER)"   # timestamps are positive

    def field(self, marker: str, path: Sequence[str]) -> str:
        """A string field of e.data: bind parameter `marker` holds `"key": "`. On
        PostgreSQL the text between the marker's first place and the next quote
        (split_part works on bytes: faster than strpos/substr, which count characters)."""
        if self.postgres:
            quick = f"NULLIF(split_part(split_part(e.data, :{marker}, 2), :quote, 1), '')"
            return f"COALESCE({quick}, e.data::json #>> '{{{','.join(path)}}}')"
        return f"json_extract(e.data, '$.{'.'.join(path)}')"

    def fence(self) -> Tuple[str, str]:
        """(CTE keyword, clause) that make the database compute a subquery's columns where
        it reads the rows (in PostgreSQL's parallel workers), not after the join that
        follows: OFFSET 0 on PostgreSQL (no copy), a materialized CTE on SQLite."""
        return ("", "OFFSET 0") if self.postgres else ("MATERIALIZED", "")

    def entity(self, param: str) -> str:
        """The value of the entity named by bind parameter `param` in a user event."""
        if self.postgres:
            # A function, not a subquery: subqueries would keep the scan from running
            # in parallel.
            return ("(jsonb_path_query_first(e.data::jsonb, '$.parse_data.entities[*] ? "
                    "(@.entity == $name).value', jsonb_build_object('name', CAST(:" + param
                    + " AS TEXT))) #>> '{}')")
        return ("(SELECT json_extract(x.value, '$.value') FROM json_each(e.data, "
                "'$.parse_data.entities') AS x WHERE json_extract(x.value, '$.entity') = :"
                + param + " LIMIT 1)")


def _codes(prefix: str, values: Sequence[str]) -> Tuple[str, Dict[str, object]]:
    """A CASE giving 1..n for the values (0 otherwise), and its bind parameters."""
    params: Dict[str, object] = {f"{prefix}{index}": value for index, value in enumerate(values)}
    cases = " ".join(f"WHEN :{prefix}{index} THEN {index + 1}" for index in range(len(values)))
    return f"CASE {{column}} {cases} ELSE 0 END" if values else "0", params


# One row of the statement: (kind, k1, k2, k3, k4, k5, n, m), NULL where a kind has no
# such column. k1..k4 are codes, days or flags; n and m are COUNTs, or SUMs, which
# PostgreSQL returns as numeric (a Decimal) and which are NULL over no rows.
_Total = Union[int, Decimal, None]
_Row = Tuple[str, Optional[int], Optional[int], Optional[int], Optional[int], Optional[str],
             _Total, _Total]

# What each event of the range is, as a small number (`kind`): the rows joined and kept
# are numbers but for the sender id and an answer's name.
LANGUAGE, COUNTRY, MESSAGE, RATING, ANSWER = range(1, 6)
UP, DOWN = "up", "down"


def _statement(dialect: _Dialect, vocabulary: Vocabulary) -> Tuple[str, Dict[str, object]]:
    language_case, params = _codes("lang", vocabulary.languages)
    country_case, more = _codes("country", vocabulary.countries)
    params.update(more)
    topic_case, more = _codes("topic", vocabulary.answer_topics)
    params.update(more)
    fallbacks = ", ".join(f":fallback{i}" for i in range(len(vocabulary.fallback_answers)))
    params.update({f"fallback{i}": name for i, name in enumerate(vocabulary.fallback_answers)})
    slot_value = dialect.field("value_marker", ("value",))
    topic = dialect.field("topic_marker", ("metadata", "topic"))
    utter = dialect.field("utter_marker", ("metadata", "utter_action"))
    rated = dialect.entity("rated_entity")
    rating = dialect.entity("rating_entity")
    week = "(c.day - ((c.day + 3) % 7))"    # the Monday: 1970-01-01 was a Thursday
    fence_keyword, fence_clause = dialect.fence()
    is_rating = "e.type_name = 'user' AND e.intent_name = :feedback_intent"
    sql = f"""
WITH starts AS (
  SELECT sender_id, id AS start_id, "timestamp" AS start_ts,
         LEAD(id) OVER (PARTITION BY sender_id ORDER BY id) AS next_id,
         DENSE_RANK() OVER (ORDER BY sender_id) AS person   -- a number, not the sender id
  FROM events
  WHERE type_name = 'session_started' AND "timestamp" >= :lo AND "timestamp" < :tail
    AND {not_eval_sender('sender_id')}
), conv AS (
  SELECT person, start_id, next_id, {dialect.day('start_ts')} AS day
  FROM starts WHERE start_ts < :hi
), raw AS {fence_keyword} (
  -- the range's events as numbers: what each is and its code (language, country, topic;
  -- for an answer also whether it was a fallback, and a rumour's answer name)
  SELECT e.sender_id, e.id, e."timestamp" AS ts,
    CASE WHEN e.type_name = 'slot' AND e.action_name = 'language' THEN {LANGUAGE}
         WHEN e.type_name = 'slot' AND e.action_name = 'country' THEN {COUNTRY}
         WHEN {is_rating} THEN {RATING}
         WHEN e.type_name = 'user' THEN {MESSAGE}
         WHEN e.type_name = 'bot' THEN {ANSWER} END AS kind,
    CASE WHEN e.type_name = 'slot' AND e.action_name = 'language'
         THEN {language_case.format(column=slot_value)}
         WHEN e.type_name = 'slot' AND e.action_name = 'country'
         THEN {country_case.format(column=slot_value)}
         WHEN e.type_name = 'bot' THEN {topic_case.format(column=topic)}
         WHEN {is_rating} THEN {topic_case.format(column=rated)}
         ELSE 0 END AS code,
    CASE WHEN {is_rating} THEN (CASE {rating} WHEN :up THEN 1 WHEN :down THEN 2 ELSE 0 END)
         ELSE 0 END AS flag,
    CASE WHEN e.type_name = 'bot' THEN {utter} END AS answer
  FROM events e
  WHERE e."timestamp" >= :lo AND e."timestamp" < :tail
    AND (e.type_name IN ('user', 'bot')
         OR (e.type_name = 'slot' AND e.action_name IN ('language', 'country')))
  {fence_clause}
), ev AS MATERIALIZED (
  -- each event with its conversation: the session start before it and before the
  -- sender's next one (a hash join on the sender; the starts are the small side)
  SELECT b.start_id AS conv, r.id, r.ts, r.kind, r.code,
         CASE WHEN r.kind = {ANSWER} THEN (CASE WHEN r.answer IN ({fallbacks}) THEN 1 ELSE 0 END)
              ELSE r.flag END AS flag,
         CASE WHEN substr(r.answer, 1, :rumour_length) = :rumour_prefix THEN r.answer END
           AS rumour
  FROM raw r JOIN (
    SELECT sender_id, id AS start_id,
           COALESCE(LEAD(id) OVER (PARTITION BY sender_id ORDER BY id), {NO_END}) AS end_id
    FROM events
    WHERE type_name = 'session_started' AND "timestamp" >= :lo AND "timestamp" < :tail
      AND {not_eval_sender('sender_id')}
  ) AS b ON r.sender_id = b.sender_id AND r.id > b.start_id AND r.id < b.end_id
), attrs AS MATERIALIZED (
  SELECT conv,
    MAX(CASE WHEN kind = {LANGUAGE} THEN CAST(id AS BIGINT) * {CODE_BASE} + code END)
      AS language_key,
    MAX(CASE WHEN kind = {COUNTRY} THEN CAST(id AS BIGINT) * {CODE_BASE} + code END)
      AS country_key,
    SUM(CASE WHEN kind = {MESSAGE} THEN 1 ELSE 0 END) AS messages,
    MAX(CASE WHEN kind = {ANSWER} THEN CAST(id AS BIGINT) * 2 + flag END) AS last_bot_key,
    MAX(CASE WHEN kind = {ANSWER} AND code > 0 THEN CAST(id AS BIGINT) * {CODE_BASE} + code END)
      AS last_topic_key,
    MAX(ts) AS last_ts
  FROM ev GROUP BY conv
), picked AS MATERIALIZED (
  SELECT c.start_id AS conv, c.person, c.day, {week} AS week,
         COALESCE(a.language_key % {CODE_BASE}, 0) AS language,
         COALESCE(a.country_key % {CODE_BASE}, 0) AS country,
         COALESCE(a.messages, 0) AS messages,
         CASE WHEN c.next_id IS NOT NULL OR a.last_ts IS NULL OR a.last_ts < :quiet_before
              THEN 1 ELSE 0 END AS ended,
         COALESCE(a.last_bot_key % 2, 0) AS on_fallback,
         COALESCE(a.last_topic_key % {CODE_BASE}, 0) AS last_topic
  FROM conv c LEFT JOIN attrs a ON a.conv = c.start_id
)
SELECT 'day' AS kind, day AS k1, CAST(NULL AS BIGINT) AS k2, CAST(NULL AS BIGINT) AS k3,
       CAST(NULL AS BIGINT) AS k4, CAST(NULL AS TEXT) AS k5, COUNT(*) AS n,
       COUNT(DISTINCT person) AS m
  FROM picked WHERE {{filter}} GROUP BY day
UNION ALL SELECT 'week', week, NULL, NULL, NULL, NULL, COUNT(*), COUNT(DISTINCT person)
  FROM picked WHERE {{filter}} GROUP BY week
UNION ALL SELECT 'language', language, NULL, NULL, NULL, NULL, COUNT(*), COUNT(DISTINCT person)
  FROM picked WHERE {{filter}} GROUP BY language
UNION ALL SELECT 'country', country, NULL, NULL, NULL, NULL, COUNT(*), COUNT(DISTINCT person)
  FROM picked WHERE {{filter}} GROUP BY country
UNION ALL SELECT 'total', NULL, NULL, NULL, NULL, NULL, COUNT(*), COUNT(DISTINCT person)
  FROM picked WHERE {{filter}}
UNION ALL SELECT 'messages', NULL, NULL, NULL, NULL, NULL, SUM(messages), SUM(ended * on_fallback)
  FROM picked WHERE {{filter}}
UNION ALL SELECT 'last_topic', last_topic, NULL, NULL, NULL, NULL, COUNT(*), NULL
  FROM picked WHERE {{filter}} AND ended = 1 AND last_topic > 0 GROUP BY last_topic
UNION ALL SELECT 'answers', p.week, p.country, ev.code, ev.flag, ev.rumour, COUNT(*), NULL
  FROM ev JOIN picked p ON p.conv = ev.conv
  WHERE ev.kind = {ANSWER} AND {{filter_p}}
  GROUP BY p.week, p.country, ev.code, ev.flag, ev.rumour
UNION ALL SELECT 'feedback', NULL, NULL, ev.code, ev.flag, NULL, COUNT(*), NULL
  FROM ev JOIN picked p ON p.conv = ev.conv
  WHERE ev.kind = {RATING} AND {{filter_p}}
  GROUP BY ev.code, ev.flag
"""
    params.update({
        "value_marker": '"value": "', "topic_marker": '"topic": "',
        "utter_marker": '"utter_action": "', "quote": '"',
        "feedback_intent": FEEDBACK_INTENT, "rating_entity": FEEDBACK_RATING,
        "rated_entity": FEEDBACK_TOPIC, "up": UP, "down": DOWN,
        "rumour_prefix": vocabulary.rumour_prefix,
        "rumour_length": len(vocabulary.rumour_prefix),
    })
    params.update(eval_sender_params())
    if not dialect.postgres:
        for marker in ("value_marker", "topic_marker", "utter_marker", "quote"):
            params.pop(marker)
    return sql, params


def _filter(alias: str) -> str:
    prefix = f"{alias}." if alias else ""
    return (f"(:language_code IS NULL OR {prefix}language = :language_code) AND "
            f"(:country_code IS NULL OR {prefix}country = :country_code)")


def day_start(day: date) -> float:
    return datetime.combine(day, time(), tzinfo=timezone.utc).timestamp()


def _day(number: Optional[int]) -> date:
    return EPOCH + timedelta(days=int(number or 0))


def _code(values: Sequence[str], wanted: Optional[str]) -> Optional[int]:
    if wanted is None:
        return None
    return values.index(wanted) + 1 if wanted in values else -1   # -1: matches nothing


def _name(values: Sequence[str], code: Optional[int]) -> str:
    return values[int(code) - 1] if code and 0 < int(code) <= len(values) else UNKNOWN


def fetch_counts(engine: Engine, filters: Filters, vocabulary: Vocabulary,
                 now: datetime) -> EventCounts:
    """The aggregates of the conversations that started from `filters.since` to
    `filters.until` (UTC days, both included), in its language and country if set.
    `now` decides which conversations have stopped (no event for an hour)."""
    counts = EventCounts()
    if not has_events(engine):
        return counts
    dialect = _Dialect(engine.dialect.name)
    sql, params = _statement(dialect, vocabulary)
    sql = sql.replace("{filter_p}", _filter("p")).replace("{filter}", _filter(""))
    lo = day_start(filters.since)
    hi = day_start(filters.until + timedelta(days=1))
    params.update({
        "lo": lo, "hi": hi, "tail": hi + TAIL_SECONDS,
        "quiet_before": now.timestamp() - QUIET_SECONDS,
        "language_code": _code(vocabulary.languages, filters.language),
        "country_code": _code(vocabulary.countries, filters.country),
    })
    with engine.begin() as db:
        if dialect.postgres:
            # The planner cannot estimate the CTEs' sizes; a nested loop or a merge join
            # over them turns seconds into minutes. Hash joins are right at every size.
            db.execute(text("SET LOCAL enable_nestloop = off"))
            db.execute(text("SET LOCAL enable_mergejoin = off"))
            # The conversations' hash table and the kept events stay in memory.
            db.execute(text("SET LOCAL work_mem = '256MB'"))
        rows = db.execute(text(sql), params).fetchall()
    _collect(counts, rows, vocabulary)
    return counts


def _collect(counts: EventCounts, rows: Sequence[_Row], vocabulary: Vocabulary) -> None:
    languages, countries, topics = (vocabulary.languages, vocabulary.countries,
                                    vocabulary.answer_topics)
    ratings = {1: UP, 2: DOWN}
    for kind, k1, k2, k3, k4, k5, n, m in rows:
        n = int(n or 0)
        if kind == "day":
            counts.by_day[_day(k1)] = Tally(n, int(m or 0))
        elif kind == "week":
            counts.by_week[_day(k1)] = Tally(n, int(m or 0))
        elif kind == "language":
            counts.by_language[_name(languages, k1)] = Tally(n, int(m or 0))
        elif kind == "country":
            counts.by_country[_name(countries, k1)] = Tally(n, int(m or 0))
        elif kind == "total":
            counts.total = Tally(n, int(m or 0))
        elif kind == "messages":
            counts.user_messages, counts.ended_on_fallback = n, int(m or 0)
        elif kind == "last_topic":
            topic = _name(topics, k1)
            counts.last_topics[topic] = counts.last_topics.get(topic, 0) + n
        elif kind == "answers":
            rumour = str(k5) if k5 and str(k5).startswith(vocabulary.rumour_prefix) else None
            key = (_day(k1), _name(countries, k2), _topic(topics, k3), bool(k4), rumour)
            counts.answers[key] = counts.answers.get(key, 0) + n
        elif kind == "feedback":
            rated = (_topic(topics, k3), ratings.get(int(k4 or 0)))
            counts.feedback[rated] = counts.feedback.get(rated, 0) + n


def _topic(topics: Sequence[str], code: Optional[int]) -> Optional[str]:
    """An answer topic's name; None for any other topic (greetings, menus, the bot's own
    messages, anything typed into a rating)."""
    return topics[int(code) - 1] if code and 0 < int(code) <= len(topics) else None
