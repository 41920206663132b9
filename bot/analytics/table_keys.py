"""The report's table keys: the contract with the dashboard, CSV and JSON.

Stable identifiers, never shown as they are: the dashboard's catalogs and the terminal
report translate them. Apart from metrics.py (which assembles the report) and
shaping.py (which shapes each table) so that both name them without importing each
other.
"""

from __future__ import annotations

SUMMARY = "summary"
DAILY = "conversations_daily"
WEEKLY = "conversations_weekly"
BY_LANGUAGE = "by_language"
BY_COUNTRY = "by_country"
TOPICS_TOP = "topics_top"
TOPICS_TREND = "topics_trend"
FALLBACK = "fallback"
WARNINGS = "warnings"
RUMOURS = "rumours"
REFERRALS = "referrals"
SAFEGUARDING = "safeguarding"
FEEDBACK = "feedback"
LAST_TOPIC = "last_topic"
TABLE_KEYS = (
    SUMMARY,
    DAILY,
    WEEKLY,
    BY_LANGUAGE,
    BY_COUNTRY,
    TOPICS_TOP,
    TOPICS_TREND,
    FALLBACK,
    WARNINGS,
    RUMOURS,
    REFERRALS,
    SAFEGUARDING,
    FEEDBACK,
    LAST_TOPIC,
)
