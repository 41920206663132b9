"""The terminal report (`senda analytics report`) on a store with the known
conversations: small groups hidden in text and JSON, never a sender id, a message or a
time; bad input, bad settings and an unreachable or missing store get a message and an
exit code, never a traceback."""

from __future__ import annotations

import argparse
import json
import re
from typing import List

import pytest
import sqlalchemy as sa

from bot.cli.analytics import add_report_commands
from tests.support.analytics_fixture import (  # noqa: F401  (pytest fixtures)
    KNOWN_CONVERSATIONS,
    known_store_url,
)


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
