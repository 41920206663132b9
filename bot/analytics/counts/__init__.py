"""The overview's counts: one SQL statement over the tracker store's `events` table that
returns aggregates only (conversations and people by UTC day or week, language, country,
topic; answers; ratings), never a sender id or a time finer than a day.

query.py runs the statement and gathers its rows into EventCounts; statement.py is the
statement itself; dialect.py holds the few expressions SQLite and PostgreSQL write
differently. metrics.py and shaping.py (one folder up) turn the counts into the report's
tables.
"""
