"""The analytics report against a tracker store with known conversations, on SQLite and
on PostgreSQL: every table's figures, small groups hidden, the filters, when a
conversation has stopped, the weeks. What never counts is in test_what_never_counts.py,
the terminal report in test_report_command.py."""

from __future__ import annotations

from datetime import date, datetime, timezone

from bot.analytics.model import Filters
from bot.analytics.table_keys import TABLE_KEYS
from tests.bot.analytics.report_helpers import report, shown
from tests.support.analytics_fixture import (  # noqa: F401  (pytest fixtures)
    KNOWN_SINCE,
    KNOWN_UNTIL,
    known_store_url,
)

# ------------------------------------------------------------------ every table


def test_every_table_has_the_known_figures(known_store_url: str) -> None:
    r = report(known_store_url)
    assert [t.key for t in r.tables] == list(TABLE_KEYS)
    assert shown(r, "summary") == [["conversations", "17"], ["users", "16"]]
    daily = shown(r, "conversations_daily")
    assert len(daily) == 31 and daily[0][0] == "2025-03-01" and daily[-1][0] == "2025-03-31"
    assert shown(r, "conversations_daily", skip_zero_rows=True) == [
        ["2025-03-03", "5", "5"],
        ["2025-03-04", "<5", "<5"],
        ["2025-03-10", "5", "5"],
        ["2025-03-11", "<5", "<5"],
        ["2025-03-12", "<5", "<5"],
    ]
    assert shown(r, "conversations_weekly") == [
        ["2025-02-24", "0", "0"],
        ["2025-03-03", "7", "6"],
        ["2025-03-10", "10", "10"],
        ["2025-03-17", "0", "0"],
        ["2025-03-24", "0", "0"],
        ["2025-03-31", "0", "0"],
    ]
    assert shown(r, "by_language") == [["es", "12", "11"], ["en", "<5", "<5"], ["quc", "<5", "<5"]]
    assert shown(r, "by_country") == [
        ["MX", "5", "5"],
        ["GT", "9", "8"],
        ["HN", "0", "0"],
        ["SV", "0", "0"],
        ["US", "<5", "<5"],
    ]
    # greet, did_you_mean and out_of_scope are answered but are not topics people ask.
    assert shown(r, "topics_top") == [
        ["asylum_us", "10"],
        ["find_shelter", "7"],
        ["legal_aid", "5"],
        ["smuggler_dangers", "5"],
        ["smuggler_myths", "5"],
        ["emergency", "<5"],
    ]
    trend = {(week, topic): n for week, topic, n in shown(r, "topics_trend")}
    assert len(trend) == 6 * 6
    assert trend[("2025-03-03", "asylum_us")] == "7"
    assert trend[("2025-03-10", "asylum_us")] == "<5"
    assert trend[("2025-03-10", "smuggler_myths")] == "5"
    assert trend[("2025-03-03", "legal_aid")] == "0"
    assert shown(r, "fallback") == [
        ["user_messages", "51"],
        ["fallback_replies", "10"],
        ["fallback_rate", "19.6%"],
        ["conversations", "17"],
        ["ended_on_fallback", "10"],
        ["ended_on_fallback_share", "58.8%"],
    ]
    assert shown(r, "warnings") == [
        ["smuggler_dangers", "5"],
        ["smuggler_myths", "5"],
        ["report_crime", "0"],
        ["trafficking_signs", "0"],
        ["verify_information", "0"],
        ["visa_scams", "0"],
    ]
    assert shown(r, "rumours") == [["border_open", "5"]]
    assert shown(r, "referrals") == [
        ["GT", "emergency", "<5"],
        ["GT", "shelter", "7"],
        ["MX", "legal_aid", "5"],
    ]
    assert shown(r, "safeguarding") == [
        ["child_protection", "0"],
        ["emergency", "<5"],
        ["gbv_support", "0"],
        ["trafficking_signs", "0"],
        ["unaccompanied_children", "0"],
    ]
    # 3 down under asylum_us: hidden, and no share computed from a hidden count.
    assert shown(r, "feedback") == [["asylum_us", "7", "<5", "–"], ["legal_aid", "0", "5", "0.0%"]]
    assert shown(r, "last_topic") == [
        ["find_shelter", "7"],
        ["legal_aid", "5"],
        ["asylum_us", "<5"],
        ["emergency", "<5"],
    ]


def test_true_values_show_when_the_minimum_allows(known_store_url: str) -> None:
    r = report(known_store_url, minimum=2)
    assert shown(r, "by_language") == [["es", "12", "11"], ["en", "3", "3"], ["quc", "2", "2"]]
    assert shown(r, "feedback")[0] == ["asylum_us", "7", "3", "70.0%"]
    assert shown(r, "last_topic")[-2:] == [["asylum_us", "3"], ["emergency", "2"]]


def test_older_conversations_count_in_a_wider_range(known_store_url: str) -> None:
    r = report(known_store_url, Filters(date(2024, 11, 1), date(2025, 3, 31)))
    assert shown(r, "summary") == [["conversations", "25"], ["users", "23"]]
    countries = {row[0]: row[1:] for row in shown(r, "by_country")}
    assert countries["HN"] == ["5", "5"] and countries["SV"] == ["<5", "<5"]
    referrals = {(c, t): n for c, t, n in shown(r, "referrals")}
    assert referrals[("HN", "returnee_reception")] == "5"
    assert referrals[("SV", "health")] == "<5"


def test_a_conversation_counts_on_the_day_it_started(known_store_url: str) -> None:
    # s1 starts 2024-12-19 23:30 and goes on past midnight.
    r = report(known_store_url, Filters(date(2024, 12, 19), date(2024, 12, 19)), minimum=2)
    assert shown(r, "summary") == [["conversations", "2"], ["users", "2"]]
    r = report(known_store_url, Filters(date(2024, 12, 20), date(2024, 12, 20)), minimum=2)
    assert shown(r, "summary") == [["conversations", "0"], ["users", "0"]]


# ------------------------------------------------------------------ filters


def test_language_filter(known_store_url: str) -> None:
    r = report(known_store_url, Filters(KNOWN_SINCE, KNOWN_UNTIL, language="es"))
    assert shown(r, "summary") == [["conversations", "12"], ["users", "11"]]
    assert shown(r, "by_language") == [["es", "12", "11"]]
    countries = {row[0]: row[1:] for row in shown(r, "by_country")}
    assert countries["GT"] == ["7", "6"] and countries["MX"] == ["5", "5"]
    assert countries["US"] == ["0", "0"]
    assert shown(r, "topics_top") == [
        ["asylum_us", "7"],
        ["find_shelter", "7"],
        ["legal_aid", "5"],
        ["smuggler_dangers", "5"],
        ["smuggler_myths", "5"],
    ]
    assert shown(r, "fallback")[:2] == [["user_messages", "41"], ["fallback_replies", "5"]]
    # g6 first chose English, then wrote in Spanish: the last value counts.
    assert "en" not in {row[0] for row in shown(r, "by_language")}


def test_country_filter(known_store_url: str) -> None:
    r = report(known_store_url, Filters(KNOWN_SINCE, KNOWN_UNTIL, country="GT"), minimum=2)
    assert shown(r, "summary") == [["conversations", "9"], ["users", "8"]]
    assert shown(r, "by_language") == [["es", "7", "6"], ["en", "0", "0"], ["quc", "2", "2"]]
    assert shown(r, "by_country") == [["GT", "9", "8"]]
    assert shown(r, "topics_top") == [["asylum_us", "7"], ["find_shelter", "7"], ["emergency", "2"]]
    assert shown(r, "safeguarding")[1] == ["emergency", "2"]
    assert shown(r, "rumours") == []


def test_both_filters_and_an_empty_choice(known_store_url: str) -> None:
    r = report(known_store_url, Filters(KNOWN_SINCE, KNOWN_UNTIL, language="en", country="US"), minimum=2)
    assert shown(r, "summary") == [["conversations", "3"], ["users", "3"]]
    r = report(known_store_url, Filters(KNOWN_SINCE, KNOWN_UNTIL, language="quc", country="MX"))
    assert shown(r, "summary") == [["conversations", "0"], ["users", "0"]]
    assert shown(r, "topics_top") == []


# ------------------------------------------------------------------ stopping


def test_where_conversations_stop_waits_for_an_hour_of_silence(known_store_url: str) -> None:
    # The Mexico conversations start 09:00..13:00 on 2025-03-10; at 13:30 the last one is
    # still going, so only four have stopped (after legal_aid).
    day = Filters(date(2025, 3, 10), date(2025, 3, 10))
    during = report(known_store_url, day, minimum=2, now=datetime(2025, 3, 10, 13, 30, tzinfo=timezone.utc))
    assert shown(during, "last_topic") == [["legal_aid", "4"]]
    assert shown(during, "fallback")[4] == ["ended_on_fallback", "4"]
    after = report(known_store_url, day, minimum=2, now=datetime(2025, 3, 10, 15, 0, tzinfo=timezone.utc))
    assert shown(after, "last_topic") == [["legal_aid", "5"]]


# ------------------------------------------------------------------ weeks


def test_weeks_are_iso_weeks_starting_monday(known_store_url: str) -> None:
    r = report(known_store_url, Filters(date(2025, 3, 5), date(2025, 3, 12)), minimum=2)
    weeks = [row[0] for row in shown(r, "conversations_weekly")]
    assert weeks == ["2025-03-03", "2025-03-10"]
    assert all(date.fromisoformat(w).weekday() == 0 for w in weeks)
