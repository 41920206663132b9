"""The analytics report against a tracker store with known conversations, on SQLite and
on PostgreSQL: every table's figures, small groups hidden, filters, and what the
terminal report never prints (sender ids, messages, times finer than a day)."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date, datetime, timezone
from typing import Dict, List

import pytest
import sqlalchemy as sa

from bot.analytics.metrics import TABLE_KEYS, build_report
from bot.analytics.model import Filters, Report
from bot.cli.analytics import add_report_commands
from bot.database import open_engine
from bot.settings import AnalyticsSettings, SettingsError
from tests.support.analytics_fixture import (  # noqa: F401  (pytest fixtures)
    KNOWN_CONVERSATIONS,
    KNOWN_NOW,
    KNOWN_SINCE,
    KNOWN_UNTIL,
    ConversationSpec,
    Turn,
    eval_conversations,
    known_store_url,
    pg_url,
    sender_id,
    sqlite_url,
    store_url,
    write_conversations,
)

MARCH = Filters(KNOWN_SINCE, KNOWN_UNTIL)


def report(url: str, filters: Filters = MARCH, minimum: int = 5, now: datetime = KNOWN_NOW) -> Report:
    engine = open_engine(url)
    try:
        return build_report(engine, filters, minimum=minimum, now=now)
    finally:
        engine.dispose()


def shown(report: Report, key: str, skip_zero_rows: bool = False) -> List[List[str]]:
    """A table as people see it: every cell as text."""
    rows = [[str(cell) for cell in row] for row in report.table(key).rows]
    if skip_zero_rows:
        rows = [row for row in rows if any(cell not in ("0",) for cell in row[1:])]
    return rows


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


# ------------------------------------------------------------------ privacy


def test_a_typed_rated_topic_is_never_shown(sqlite_url: str) -> None:
    """rated_topic comes from a payload anyone can type; only known topics appear."""
    people = [
        ConversationSpec(
            sender_id(f"r{i}"),
            datetime(2025, 3, 3, 9 + i, tzinfo=timezone.utc),
            "es",
            "GT",
            [Turn("asilo", "asylum_us", ("utter_asylum_us",), "up")],
        )
        for i in range(6)
    ]
    write_conversations(sqlite_url, people)
    engine = sa.create_engine(sqlite_url)
    typed = {
        "event": "user",
        "timestamp": datetime(2025, 3, 3, 9, 5, tzinfo=timezone.utc).timestamp(),
        "text": "/rate_answer",
        "parse_data": {
            "intent": {"name": "rate_answer", "confidence": 1.0},
            "entities": [
                {"entity": "rating", "value": "up"},
                {"entity": "rated_topic", "value": "me llamo Ana 5512345678"},
            ],
        },
    }
    with engine.begin() as db:
        for _ in range(6):
            db.execute(
                sa.text(
                    "INSERT INTO events (sender_id, type_name, timestamp, intent_name, "
                    "data) VALUES (:s, 'user', :t, 'rate_answer', :d)"
                ),
                {"s": sender_id("r0"), "t": typed["timestamp"], "d": json.dumps(typed)},
            )
    engine.dispose()
    r = report(sqlite_url)
    assert shown(r, "feedback") == [["asylum_us", "6", "0", "100.0%"]]
    assert "Ana" not in json.dumps(r.as_json())


def run_cli(argv: List[str], capsys: pytest.CaptureFixture[str]) -> "tuple[int, str, str]":
    parser = argparse.ArgumentParser(prog="senda analytics")
    add_report_commands(parser.add_subparsers(dest="command", required=True))
    try:
        args = parser.parse_args(argv)
        code = args.func(args)
    except SystemExit as exit:
        code = int(exit.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli_env(known_store_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SENDA_DB_URL", known_store_url)
    for variable in ("SENDA_ANALYTICS_MIN_GROUP", "SENDA_RETENTION_DAYS", "SENDA_ANALYTICS_EXAMPLES"):
        monkeypatch.delenv(variable, raising=False)
    return known_store_url


def test_terminal_report_hides_small_groups_in_text_and_json(
    cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(["report", "--since", "2025-03-01", "--until", "2025-03-31"], capsys)
    assert code == 0, err
    assert out.startswith("since=2025-03-01 until=2025-03-31 language=all country=all minimum=5")
    languages = out.split("[by_language]")[1].split("\n\n")[0].splitlines()
    assert languages[1:] == [
        "language  conversations  users",
        "es        12             11",
        "en        <5             <5",
        "quc       <5             <5",
    ]
    code, out, err = run_cli(["report", "--since", "2025-03-01", "--until", "2025-03-31", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["tables"]["by_language"] == [
        {"language": "es", "conversations": 12, "users": 11},
        {"language": "en", "conversations": "<5", "users": "<5"},
        {"language": "quc", "conversations": "<5", "users": "<5"},
    ]

    def numbers(value: object) -> List[int]:
        if isinstance(value, dict):
            return [n for v in value.values() for n in numbers(v)]
        if isinstance(value, list):
            return [n for v in value for n in numbers(v)]
        return [value] if isinstance(value, int) and not isinstance(value, bool) else []

    assert not [n for n in numbers(data["tables"]) if 1 <= n <= 4]


def test_terminal_report_never_shows_a_sender_message_or_time(
    cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = []
    for extra in ([], ["--json"], ["--language", "en"], ["--country", "gt", "--json"]):
        code, out, err = run_cli(["report", "--since", "2024-11-01", "--until", "2025-03-31"] + extra, capsys)
        assert code == 0, err
        outputs.append(out)
    text = "\n".join(outputs)
    senders = {spec.sender for spec in KNOWN_CONVERSATIONS}
    assert not [s for s in senders if s[:12] in text]
    typed = {turn.text for spec in KNOWN_CONVERSATIONS for turn in spec.turn_list()}
    assert not [t for t in typed if t.lower() in text.lower()]
    for word in ("Rosa", "John", "Ixchel", "5512345678", "example.com", "Tapachula", "El Paso"):
        assert word.lower() not in text.lower()
    assert not re.search(r"\d{1,2}:\d{2}", text)  # no clock time at all
    assert not re.search(r"\d{4}-\d{2}-\d{2}T", text)  # no ISO timestamps


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["report", "--since", "2025-02-30"], "expected a date as YYYY-MM-DD, not '2025-02-30'"),
        (["report", "--since", "March"], "expected a date as YYYY-MM-DD, not 'March'"),
        (["report"], "--since"),
        (
            ["report", "--since", "2025-03-05", "--until", "2025-03-01"],
            "--until (2025-03-01) is before --since (2025-03-05)",
        ),
        (["report", "--since", "2025-03-01", "--language", "fr"], "invalid choice: 'fr'"),
        (["report", "--since", "2025-03-01", "--country", "CR"], "invalid choice: 'CR'"),
        (["report", "--since", "2025-03-01", "--top", "0"], "1 or more, not '0'"),
        (["retention", "--days", "soon"], "1 or more, not 'soon'"),
    ],
)
def test_bad_input_gets_a_message_and_exit_2(
    argv: List[str], expected: str, cli_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(argv, capsys)
    assert code == 2
    assert expected in err
    assert "Traceback" not in err + out and out == ""


def test_bad_settings_and_an_unreachable_store(
    cli_env: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SENDA_ANALYTICS_MIN_GROUP", "1")
    code, _, err = run_cli(["report", "--since", "2025-03-01"], capsys)
    assert code == 2 and "SENDA_ANALYTICS_MIN_GROUP must be 2 or more" in err
    monkeypatch.setenv("SENDA_ANALYTICS_MIN_GROUP", "3")
    code, out, err = run_cli(["report", "--since", "2025-03-01", "--until", "2025-03-31"], capsys)
    assert code == 0, err
    assert re.search(r"^en\s+3\s+3$", out, re.M) and re.search(r"^quc\s+<3\s+<3$", out, re.M)
    monkeypatch.setenv("SENDA_DB_URL", "postgresql://senda:secret@127.0.0.1:1/nowhere")
    code, out, err = run_cli(["report", "--since", "2025-03-01"], capsys)
    assert code == 1
    assert "cannot read the tracker store at postgresql://senda:***@127.0.0.1:1/nowhere" in err
    assert "secret" not in err and "Traceback" not in err


def test_a_store_rasa_has_not_written_yet(
    tmp_path: "object", capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = f"sqlite:///{tmp_path}/empty.db"
    sa.create_engine(empty).connect().close()  # the file exists, no events table yet
    monkeypatch.setenv("SENDA_DB_URL", empty)
    code, out, err = run_cli(["report", "--since", "2025-03-01", "--until", "2025-03-02"], capsys)
    assert code == 0, err
    assert "conversations  0" in out


# ------------------------------------------------------------------ settings


def test_settings_from_the_environment() -> None:
    settings = AnalyticsSettings.from_env({"SENDA_DB_URL": "sqlite:////tmp/x.db"})
    assert (settings.db_url, settings.min_group, settings.retention_days, settings.examples) == (
        "sqlite:////tmp/x.db",
        5,
        90,
        True,
    )
    settings = AnalyticsSettings.from_env(
        {
            "SENDA_DB_URL": "postgresql://db/senda",
            "SENDA_ANALYTICS_MIN_GROUP": "10",
            "SENDA_RETENTION_DAYS": "30",
            "SENDA_ANALYTICS_EXAMPLES": "OFF",
        }
    )
    assert (settings.min_group, settings.retention_days, settings.examples) == (10, 30, False)


def test_the_default_store_is_the_bots() -> None:
    from bot.settings import load_settings

    assert AnalyticsSettings.from_env({}).db_url == load_settings({}).db_url


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"SENDA_ANALYTICS_MIN_GROUP": "1"}, "SENDA_ANALYTICS_MIN_GROUP must be 2 or more"),
        ({"SENDA_ANALYTICS_MIN_GROUP": "five"}, "must be a whole number, not 'five'"),
        ({"SENDA_RETENTION_DAYS": "0"}, "SENDA_RETENTION_DAYS must be 1 or more days"),
        ({"SENDA_ANALYTICS_EXAMPLES": "maybe"}, "must be on or off, not 'maybe'"),
    ],
)
def test_settings_refuse_values_that_would_harm(env: Dict[str, str], expected: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(expected)):
        AnalyticsSettings.from_env(env)


def test_weeks_are_iso_weeks_starting_monday(known_store_url: str) -> None:
    r = report(known_store_url, Filters(date(2025, 3, 5), date(2025, 3, 12)), minimum=2)
    weeks = [row[0] for row in shown(r, "conversations_weekly")]
    assert weeks == ["2025-03-03", "2025-03-10"]
    assert all(date.fromisoformat(w).weekday() == 0 for w in weeks)


# ------------------------------------------------------------------ senda eval


def test_eval_conversations_never_count(store_url: str) -> None:
    choices = [
        MARCH,
        Filters(date(2024, 11, 1), date(2025, 4, 30)),
        Filters(KNOWN_SINCE, KNOWN_UNTIL, language="es"),
        Filters(KNOWN_SINCE, KNOWN_UNTIL, country="MX"),
        Filters(KNOWN_SINCE, KNOWN_UNTIL, "en", "US"),
    ]
    write_conversations(store_url, KNOWN_CONVERSATIONS)
    without = [report(store_url, filters, minimum=1) for filters in choices]
    write_conversations(store_url, eval_conversations())
    assert [report(store_url, filters, minimum=1) for filters in choices] == without
    assert shown(without[0], "summary") == [["conversations", "17"], ["users", "16"]]


def test_the_eval_prefix_is_matched_literally(sqlite_url: str) -> None:
    from bot.analytics.eval_senders import like_prefix

    assert like_prefix("eval-") == "eval-%"
    assert like_prefix("a_b%c!") == "a!_b!%c!!%"
    engine = sa.create_engine(sqlite_url)
    try:
        with engine.connect() as db:

            def starts(value: str, prefix: str) -> bool:
                return bool(
                    db.execute(
                        sa.text("SELECT :v LIKE :p ESCAPE '!'"), {"v": value, "p": like_prefix(prefix)}
                    ).scalar()
                )

            assert starts("a_b-1", "a_b") and not starts("axb-1", "a_b")
            assert starts("50%off", "50%") and not starts("50 off", "50%")
    finally:
        engine.dispose()


# ------------------------------------------------------------------ the events table


def test_indexes_are_made_once_and_reads_cannot_write(store_url: str) -> None:
    from bot.analytics.indexes import INDEX_NAMES, ensure_indexes

    write_conversations(store_url, KNOWN_CONVERSATIONS[:1])
    writable = open_engine(store_url, writable=True)
    try:
        assert ensure_indexes(writable) == list(INDEX_NAMES)
        assert ensure_indexes(writable) == []
        names = {index["name"] for index in sa.inspect(writable).get_indexes("events")}
        assert set(INDEX_NAMES) <= names
    finally:
        writable.dispose()
    reader = open_engine(store_url)
    try:
        with pytest.raises(sa.exc.DBAPIError):
            with reader.begin() as db:
                db.execute(sa.text("DELETE FROM events"))
    finally:
        reader.dispose()
    assert str(report(store_url).table("summary").rows[0][1]) == "<5"  # still there


def test_a_mistyped_sqlite_path_is_an_error_not_a_new_database(
    tmp_path: "object", monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    missing = Path(str(tmp_path)) / "senda-typo.db"
    monkeypatch.setenv("SENDA_DB_URL", f"sqlite:///{missing}")
    for argv in (["report", "--since", "2025-03-01"], ["retention", "--dry-run"]):
        code, out, err = run_cli(argv, capsys)
        assert code == 1 and "cannot read the tracker store at sqlite:///" in err
        assert "Traceback" not in err
    assert not missing.exists()
