"""The one SQL statement behind the counts (query.py runs it), for SQLite and PostgreSQL.

It reads the events of the conversations that started in the chosen range and returns
aggregates only, as rows of a few kinds (day, week, language, country, total, messages,
last_topic, answers, feedback). A conversation is a Rasa session: the events from one
`session_started` to the sender's next; its language and country are the last values its
slot events set. The expressions the two databases write differently are in dialect.py.

The scan runs in PostgreSQL's parallel workers; each event finds its conversation by a
hash join on the sender with the range's session starts (the small side).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Dict, Optional, Tuple, Union

from actions.content.feedback import DOWN, UP
from actions.content.ids import FEEDBACK_INTENT, FEEDBACK_RATING, FEEDBACK_TOPIC
from bot.analytics.counts.dialect import Dialect, codes
from bot.analytics.eval_senders import eval_sender_params, not_eval_sender
from bot.analytics.vocabulary import Vocabulary

# Packs an event id with a small code into one integer, so MAX() finds the code of the
# conversation's last event of a kind without a second pass (language 1..n, topic 1..n).
CODE_BASE = 1024
NO_END = 2**31 - 1  # Rasa's events.id is an INTEGER

# One row of the statement: (kind, k1, k2, k3, k4, k5, n, m), NULL where a kind has no
# such column. k1..k4 are codes, days or flags; n and m are COUNTs, or SUMs, which
# PostgreSQL returns as numeric (a Decimal) and which are NULL over no rows.
_Total = Union[int, Decimal, None]
Row = Tuple[str, Optional[int], Optional[int], Optional[int], Optional[int], Optional[str], _Total, _Total]

# What each event of the range is, as a small number (`kind`): the rows joined and kept
# are numbers but for the sender id and an answer's name.
LANGUAGE, COUNTRY, MESSAGE, RATING, ANSWER = range(1, 6)


def build_statement(dialect: Dialect, vocabulary: Vocabulary) -> Tuple[str, Dict[str, object]]:
    """The statement and its bind parameters but the range's and the filter's (fetch_counts
    adds them); its `{filter}` and `{filter_p}` are replaced by row_filter()'s conditions."""
    language_case, params = codes("lang", vocabulary.languages)
    country_case, more = codes("country", vocabulary.countries)
    params.update(more)
    topic_case, more = codes("topic", vocabulary.answer_topics)
    params.update(more)
    fallbacks = ", ".join(f":fallback{i}" for i in range(len(vocabulary.fallback_answers)))
    params.update({f"fallback{i}": name for i, name in enumerate(vocabulary.fallback_answers)})
    slot_value = dialect.field("value_marker", ("value",))
    topic = dialect.field("topic_marker", ("metadata", "topic"))
    utter = dialect.field("utter_marker", ("metadata", "utter_action"))
    rated = dialect.entity("rated_entity")
    rating = dialect.entity("rating_entity")
    week = "(c.day - ((c.day + 3) % 7))"  # the Monday: 1970-01-01 was a Thursday
    fence_keyword, fence_clause = dialect.fence()
    is_rating = "e.type_name = 'user' AND e.intent_name = :feedback_intent"
    sql = f"""
WITH starts AS (
  SELECT sender_id, id AS start_id, "timestamp" AS start_ts,
         LEAD(id) OVER (PARTITION BY sender_id ORDER BY id) AS next_id,
         DENSE_RANK() OVER (ORDER BY sender_id) AS person   -- a number, not the sender id
  FROM events
  WHERE type_name = 'session_started' AND "timestamp" >= :lo AND "timestamp" < :tail
    AND {not_eval_sender("sender_id")}
), conv AS (
  SELECT person, start_id, next_id, {dialect.day("start_ts")} AS day
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
      AND {not_eval_sender("sender_id")}
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
    params.update(
        {
            "value_marker": '"value": "',
            "topic_marker": '"topic": "',
            "utter_marker": '"utter_action": "',
            "quote": '"',
            "feedback_intent": FEEDBACK_INTENT,
            "rating_entity": FEEDBACK_RATING,
            "rated_entity": FEEDBACK_TOPIC,
            "up": UP,
            "down": DOWN,
            "rumour_prefix": vocabulary.rumour_prefix,
            "rumour_length": len(vocabulary.rumour_prefix),
        }
    )
    params.update(eval_sender_params())
    if not dialect.postgres:
        for marker in ("value_marker", "topic_marker", "utter_marker", "quote"):
            params.pop(marker)
    return sql, params


def row_filter(alias: str) -> str:
    """The language and country filter on `picked` (alias: its name in the query, or "")."""
    prefix = f"{alias}." if alias else ""
    return (
        f"(:language_code IS NULL OR {prefix}language = :language_code) AND "
        f"(:country_code IS NULL OR {prefix}country = :country_code)"
    )
