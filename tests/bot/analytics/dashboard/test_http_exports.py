"""The dashboard's CSV exports over real HTTP (the process and store: conftest.py): each
the table as shown with the filters, every one as the report; no page or CSV shows a
sender id, personal data or a time of day; the audit command lists logins and exports."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date

import requests

from bot.analytics.dashboard.process import DashboardProcess
from bot.settings import PROJECT_ROOT
from tests.bot.analytics.dashboard.http_helpers import audit_rows, csv_rows
from tests.support.analytics_fixture import BUS_QUESTIONS, KNOWN_CONVERSATIONS
from tests.support.dashboard_harness import MARCH, STAFF, STAFF_PASSWORD

# Personal data typed in the known conversations: never on a page or in a CSV.
PERSONAL = ("Rosa Pérez", "Rosa", "5512345678", "rosa.p@example.com", "John Smith", "Ixchel")
# A time of day (09:30, 9:30 pm), an ISO timestamp or a Unix time: never shown.
TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b|T\d{2}:\d{2}|\b1[67]\d{8}\b")


def test_csv_is_the_table_as_shown_with_the_filters(
    dashboard: DashboardProcess, staff: requests.Session, store: str
) -> None:
    answer = staff.get(dashboard.url + "/export/by_language.csv", params=MARCH)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/csv")
    assert "senda-by_language-2025-03-01-2025-03-31.csv" in answer.headers["Content-Disposition"]
    rows = csv_rows(answer)
    assert rows[0] == ["language", "conversations", "users"]
    assert rows[1:] == [["es", "12", "11"], ["en", "<5", "<5"], ["quc", "<5", "<5"]]
    countries = csv_rows(
        staff.get(dashboard.url + "/export/by_country.csv", params={**MARCH, "language": "es"})
    )
    assert countries[1:] == [
        ["MX", "5", "5"],
        ["GT", "7", "6"],
        ["HN", "0", "0"],
        ["SV", "0", "0"],
        ["US", "0", "0"],
    ]
    mexico = staff.get(dashboard.url + "/export/topics_top.csv", params={**MARCH, "country": "MX"})
    assert "senda-topics_top-2025-03-01-2025-03-31-MX.csv" in mexico.headers["Content-Disposition"]
    assert dict(map(tuple, csv_rows(mexico)[1:])) == {
        "smuggler_dangers": "5",
        "smuggler_myths": "5",
        "legal_aid": "5",
    }
    exports = [row for row in audit_rows(store) if row["action"] == "export"]
    assert any(
        '"table": "by_country"' in row["details"]
        and '"language": "es"' in row["details"]
        and '"since": "2025-03-01"' in row["details"]
        for row in exports
    )
    assert staff.get(dashboard.url + "/export/no_such_table.csv").status_code == 404


def test_every_csv_matches_the_report(
    dashboard: DashboardProcess, staff: requests.Session, store: str
) -> None:
    from bot.analytics.metrics import build_report
    from bot.analytics.model import Filters, Rate
    from bot.database import open_engine

    report = build_report(open_engine(store), Filters(date(2025, 3, 1), date(2025, 3, 31)))
    page = staff.get(dashboard.url + "/", params=MARCH).text
    for table in report.tables:
        assert f"/export/{table.key}.csv?" in page, f"{table.key} has a CSV link"
        rows = csv_rows(staff.get(dashboard.url + f"/export/{table.key}.csv", params=MARCH))
        assert rows[0] == list(table.columns)
        # As shown ("<5", "41.2%"); a share that cannot be shown is an empty cell.
        expected = [
            ["" if isinstance(cell, Rate) and cell.value is None else str(cell) for cell in row]
            for row in table.rows
        ]
        assert rows[1:] == expected, table.key


def test_no_page_or_csv_shows_a_sender_id_personal_data_or_a_time_of_day(
    dashboard: DashboardProcess, staff: requests.Session
) -> None:
    senders = {spec.sender for spec in KNOWN_CONVERSATIONS}
    pages = [
        staff.get(dashboard.url + path, params=params).text
        for path, params in (
            ("/", MARCH),
            ("/", {**MARCH, "language": "es", "country": "MX"}),
            ("/", {"since": "2024-11-01", "until": "2025-03-31"}),
            ("/unanswered", MARCH),
            ("/disliked", MARCH),
            ("/", {**MARCH, "lang": "en"}),
        )
    ]
    for key in re.findall(r"/export/([a-z_]+)\.csv", pages[0]):
        pages.append(staff.get(dashboard.url + f"/export/{key}.csv", params=MARCH).text)
    for shown in pages:
        for sender in senders:
            assert sender not in shown and sender[:12] not in shown
        for personal in PERSONAL:
            assert personal not in shown
        assert BUS_QUESTIONS[1] not in shown and BUS_QUESTIONS[2] not in shown
        assert not TIME_OF_DAY.search(re.sub(r"<style.*?</style>", "", shown, flags=re.S))


def test_the_audit_command_prints_logins_and_exports(
    dashboard: DashboardProcess, staff: requests.Session, store: str
) -> None:
    staff.get(dashboard.url + "/export/by_language.csv", params=MARCH)
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "analytics", "audit"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SENDA_DB_URL": store},
    )
    assert result.returncode == 0, result.stderr
    assert re.search(rf"{STAFF}\s+login\b", result.stdout)
    assert re.search(rf"{STAFF}\s+export\s+.*table=by_language", result.stdout)
    assert STAFF_PASSWORD not in result.stdout
    future = subprocess.run(
        [sys.executable, "-m", "bot.cli", "analytics", "audit", "--since", "2999-01-01"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "SENDA_DB_URL": store},
    )
    assert future.returncode == 0 and "No dashboard logins or exports recorded" in future.stdout
