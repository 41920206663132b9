"""The dashboard over real HTTP: a real dashboard process on a SQLite tracker store
holding the known conversations (tests/support/analytics_fixture.py)."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import requests
from sqlalchemy import create_engine, text

from bot.analytics.dashboard.process import DashboardProcess
from bot.settings import PROJECT_ROOT
from tests.support.analytics_fixture import (
    BUS_QUESTIONS,
    KNOWN_CONVERSATIONS,
    OUT_OF_SCOPE_QUESTIONS,
    WEATHER_QUESTIONS,
    write_conversations,
)
from tests.support.dashboard_harness import (
    MARCH,
    STAFF,
    STAFF_PASSWORD,
    logged_in,
    login_form_token,
    running_dashboard,
)

# Personal data typed in the known conversations: never on a page or in a CSV.
PERSONAL = ("Rosa Pérez", "Rosa", "5512345678", "rosa.p@example.com", "John Smith", "Ixchel")
# A time of day (09:30, 9:30 pm), an ISO timestamp or a Unix time: never shown.
TIME_OF_DAY = re.compile(r"\b\d{1,2}:\d{2}\b|T\d{2}:\d{2}|\b1[67]\d{8}\b")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'trackers.db'}"
    write_conversations(url, KNOWN_CONVERSATIONS)
    return url


@pytest.fixture(scope="module")
def dashboard(store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashboardProcess]:
    with running_dashboard(store, tmp_path_factory.mktemp("dashboard")) as process:
        yield process


@pytest.fixture(scope="module")
def staff(dashboard: DashboardProcess) -> requests.Session:
    return logged_in(dashboard.url)


def audit_rows(store: str) -> List[Dict[str, str]]:
    engine = create_engine(store)
    try:
        with engine.connect() as db:
            return [
                dict(row._mapping)
                for row in db.execute(text("SELECT user_name, action, details FROM senda_audit ORDER BY id"))
            ]
    finally:
        engine.dispose()


def csv_rows(answer: requests.Response) -> List[List[str]]:
    return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))


def test_pages_need_a_login_and_csv_answers_401(dashboard: DashboardProcess) -> None:
    anonymous = requests.Session()
    for path in ("/", "/unanswered", "/disliked", "/?since=2025-03-01&language=es"):
        answer = anonymous.get(dashboard.url + path, allow_redirects=False)
        assert answer.status_code == 302
        assert answer.headers["Location"].startswith("/login?next=")
    answer = anonymous.get(dashboard.url + "/export/by_country.csv?" + "since=2025-03-01")
    assert answer.status_code == 401
    assert "country" not in answer.text and "GT" not in answer.text
    forged = requests.Session()
    forged.cookies.set("senda_session", "made-up-token")
    assert forged.get(dashboard.url + "/export/by_country.csv").status_code == 401


def test_the_session_cookie_is_httponly_and_samesite_strict(dashboard: DashboardProcess) -> None:
    session = requests.Session()
    token = login_form_token(session, dashboard.url)
    answer = session.post(
        dashboard.url + "/login",
        allow_redirects=False,
        data={"csrf": token, "user": STAFF, "password": STAFF_PASSWORD, "next": "/unanswered"},
    )
    assert answer.status_code == 302 and answer.headers["Location"] == "/unanswered"
    cookie = next(c for c in answer.raw.headers.getlist("Set-Cookie") if c.startswith("senda_session="))
    flags = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
    assert "max-age=28800" in flags  # 8 hours
    assert "secure" not in flags  # plain http on 127.0.0.1; https adds Secure
    assert session.get(dashboard.url + "/?" + "since=2025-03-01").status_code == 200


def test_a_wrong_password_or_unknown_user_is_refused_alike_and_audited(
    dashboard: DashboardProcess, store: str
) -> None:
    answers = []
    for user, password in ((STAFF, "not-the-password-1"), ("nobody", STAFF_PASSWORD)):
        session = requests.Session()
        session.headers["Accept-Language"] = "es"
        token = login_form_token(session, dashboard.url)
        answer = session.post(
            dashboard.url + "/login",
            allow_redirects=False,
            data={"csrf": token, "user": user, "password": password},
        )
        assert answer.status_code == 401
        assert "senda_session" not in session.cookies
        assert session.get(dashboard.url + "/", allow_redirects=False).status_code == 302
        answers.append(re.search(r'<p class="error"[^>]*>(.*?)</p>', answer.text).group(1))
    assert answers[0] == answers[1] == "Usuario o contraseña incorrectos."
    failures = [row for row in audit_rows(store) if row["action"] == "login_failed"]
    assert {row["user_name"] for row in failures} >= {STAFF, "nobody"}
    everything = str(audit_rows(store))
    assert "not-the-password-1" not in everything and STAFF_PASSWORD not in everything


def test_a_login_without_the_form_token_is_refused(dashboard: DashboardProcess) -> None:
    session = requests.Session()
    login_form_token(session, dashboard.url)
    answer = session.post(
        dashboard.url + "/login",
        allow_redirects=False,
        data={"csrf": "forged", "user": STAFF, "password": STAFF_PASSWORD},
    )
    assert answer.status_code == 403 and "senda_session" not in session.cookies
    bare = requests.post(
        dashboard.url + "/login", allow_redirects=False, data={"user": STAFF, "password": STAFF_PASSWORD}
    )
    assert bare.status_code == 403 and "senda_session" not in bare.cookies


def test_five_wrong_passwords_lock_the_account_for_a_minute(
    dashboard: DashboardProcess, tmp_path: Path
) -> None:
    from bot.analytics.dashboard.accounts import Accounts

    users = Path(dashboard.env["SENDA_DASHBOARD_USERS"])
    Accounts(users).add("luis", "otra-clave-bastante-larga")
    session = requests.Session()
    for _ in range(5):
        token = login_form_token(session, dashboard.url)
        assert (
            session.post(
                dashboard.url + "/login",
                allow_redirects=False,
                data={"csrf": token, "user": "luis", "password": "wrong-password-x"},
            ).status_code
            == 401
        )
    token = login_form_token(session, dashboard.url)
    locked = session.post(
        dashboard.url + "/login",
        allow_redirects=False,
        data={"csrf": token, "user": "luis", "password": "otra-clave-bastante-larga"},
    )
    assert locked.status_code == 429 and "senda_session" not in session.cookies
    assert logged_in(dashboard.url).get(dashboard.url + "/?since=2025-03-01").ok, (
        "another account is not locked"
    )


def test_logout_needs_the_session_token_and_ends_the_session(dashboard: DashboardProcess, store: str) -> None:
    session = logged_in(dashboard.url)
    page = session.get(dashboard.url + "/?since=2025-03-01")
    token = re.search(r'action="/logout".*?name="csrf" value="([^"]+)"', page.text, re.S).group(1)
    forged = session.post(dashboard.url + "/logout", data={"csrf": "x"}, allow_redirects=False)
    assert forged.status_code == 403
    assert session.get(dashboard.url + "/", allow_redirects=False).status_code == 200
    out = session.post(dashboard.url + "/logout", data={"csrf": token}, allow_redirects=False)
    assert out.status_code == 302 and out.headers["Location"] == "/login"
    assert session.get(dashboard.url + "/", allow_redirects=False).status_code == 302
    assert any(row["action"] == "logout" and row["user_name"] == STAFF for row in audit_rows(store))


def test_after_login_only_a_local_page_is_opened(dashboard: DashboardProcess) -> None:
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        session = requests.Session()
        token = login_form_token(session, dashboard.url)
        answer = session.post(
            dashboard.url + "/login",
            allow_redirects=False,
            data={"csrf": token, "user": STAFF, "password": STAFF_PASSWORD, "next": target},
        )
        assert answer.headers["Location"] == "/"


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


def test_the_overview_shows_the_known_figures_and_follows_the_filters(
    dashboard: DashboardProcess, staff: requests.Session
) -> None:
    page = staff.get(dashboard.url + "/", params=MARCH).text
    assert "Lo que la gente pregunta a Senda" in page
    assert re.search(r"<th scope=\"row\">Guatemala</th>\s*<td[^>]*>\s*9\s*</td>", page)
    spanish = staff.get(dashboard.url + "/", params={**MARCH, "language": "es"}).text
    assert re.search(r"<th scope=\"row\">Guatemala</th>\s*<td[^>]*>\s*7\s*</td>", spanish)
    assert '<option value="es" selected>' in spanish
    # Links keep the filters.
    assert "/unanswered?since=2025-03-01&amp;until=2025-03-31&amp;language=es" in spanish


def test_bad_filters_are_named_not_a_traceback(dashboard: DashboardProcess, staff: requests.Session) -> None:
    answer = staff.get(
        dashboard.url + "/",
        params={"since": "ayer", "until": "2025-03-31", "language": "fr", "country": "ZZ"},
    )
    assert answer.status_code == 200
    assert "la fecha de inicio no es una fecha" in answer.text
    assert "Senda no habla ese idioma" in answer.text and "Senda no cubre ese país" in answer.text
    assert "Traceback" not in answer.text
    assert staff.get(dashboard.url + "/nada").status_code == 404


def test_the_page_speaks_the_browser_language_and_remembers_a_choice(dashboard: DashboardProcess) -> None:
    english = logged_in(dashboard.url, language="en-GB,en;q=0.8")
    page = english.get(dashboard.url + "/", params=MARCH).text
    assert '<html lang="en">' in page and "What people ask Senda" in page
    assert "Conversations by country" in page and "Guatemala" in page
    switched = english.get(dashboard.url + "/", params={**MARCH, "lang": "es"}).text
    assert "Conversaciones por país" in switched
    again = english.get(dashboard.url + "/", params=MARCH).text
    assert '<html lang="es">' in again, "the choice is remembered"


def test_unanswered_groups_show_only_big_groups_with_scrubbed_examples(
    dashboard: DashboardProcess, staff: requests.Session
) -> None:
    page = staff.get(dashboard.url + "/unanswered", params=MARCH).text
    groups = re.findall(r'<span class="label">(.*?)</span>\s*<span class="count[^"]*">(.*?)</span>', page)
    assert len(groups) == 1, groups  # the 5 bus-ticket questions; 3 and 2 are too few
    assert groups[0][1] == "5"
    examples = re.findall(r"<li>“(.*?)”</li>", page)
    assert 1 <= len(examples) <= 3
    assert all("tapachula" in e.lower() for e in examples)
    for question in WEATHER_QUESTIONS + OUT_OF_SCOPE_QUESTIONS:
        assert question not in page
    rows = csv_rows(staff.get(dashboard.url + "/export/unanswered.csv", params=MARCH))
    assert rows[0] == ["label", "questions"] and len(rows) == 2 and rows[1][1] == "5"


def test_answers_rated_down_show_their_topic_and_the_scrubbed_comments_after(
    dashboard: DashboardProcess, staff: requests.Session
) -> None:
    page = staff.get(dashboard.url + "/disliked", params={**MARCH, "lang": "en"}).text
    topics = re.findall(
        r'<span class="label">(.*?)</span>\s*<span class="count[^"]*"[^>]*>(.*?)</span>', page
    )
    # legal_aid: 5 people in Mexico pressed 👎, then asked about the bus (their comment);
    # asylum_us: 3 in the US, too few to show what they wrote.
    assert [count for _, count in topics] == ["5", "&lt;5"], topics
    assert "legal" in topics[0][0].lower() and "asylum" in topics[1][0].lower()
    comments = re.findall(r"<li>“(.*?)”</li>", page)
    assert 1 <= len(comments) <= 5 and all("apachula" in c for c in comments)
    for question in WEATHER_QUESTIONS:
        assert question not in page
    assert 'aria-current="page">Not helpful answers' in page
    rows = csv_rows(staff.get(dashboard.url + "/export/disliked.csv", params=MARCH))
    assert rows == [["topic", "down", "comments"], ["legal_aid", "5", "5"], ["asylum_us", "<5", "<5"]]
    spanish = staff.get(dashboard.url + "/disliked", params={**MARCH, "lang": "es"}).text
    assert "Respuestas calificadas como no útiles" in spanish and "apachula" in spanish
    quiet = staff.get(dashboard.url + "/disliked", params={"since": "2025-02-01", "until": "2025-02-28"}).text
    assert "Ninguna respuesta fue calificada como no útil en este periodo." in quiet


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


def test_examples_can_be_turned_off(store: str, tmp_path: Path) -> None:
    with running_dashboard(store, tmp_path, env={"SENDA_ANALYTICS_EXAMPLES": "off"}) as other:
        session = logged_in(other.url)
        page = session.get(other.url + "/unanswered", params=MARCH).text
        disliked = session.get(other.url + "/disliked", params=MARCH).text
    assert "Los ejemplos están desactivados" in page
    assert "Los comentarios están desactivados" in disliked and "<li>“" not in disliked
    assert re.findall(r'<span class="count[^"]*">5</span>', page), "the group is still shown"
    assert 'class="examples"' not in page and "<li>“" not in page
    for question in BUS_QUESTIONS:
        assert question not in page


def test_a_setting_it_cannot_use_stops_the_dashboard_with_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "analytics", "dashboard", "--port", "1"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "SENDA_DB_URL": f"sqlite:///{tmp_path / 'store.db'}",
            "SENDA_ANALYTICS_MIN_GROUP": "1",
        },
    )
    assert result.returncode == 2
    assert "SENDA_ANALYTICS_MIN_GROUP" in result.stderr and "Traceback" not in result.stderr


def test_behind_an_https_proxy_the_cookie_is_secure(store: str, tmp_path: Path) -> None:
    with running_dashboard(store, tmp_path, env={"SENDA_DASHBOARD_PROXIES": "1"}) as proxied:
        # What the proxy forwards; the test speaks plain http to it, so cookies go by hand.
        forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        form = requests.get(proxied.url + "/login", headers=forwarded)
        token = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        answer = requests.post(
            proxied.url + "/login",
            allow_redirects=False,
            data={"csrf": token, "user": STAFF, "password": STAFF_PASSWORD},
            headers={**forwarded, "Cookie": f"senda_login_csrf={form.cookies['senda_login_csrf']}"},
        )
    assert answer.status_code == 302, answer.text[:300]
    cookie = next(c for c in answer.raw.headers.getlist("Set-Cookie") if c.startswith("senda_session="))
    assert "secure" in [part.strip().lower() for part in cookie.split(";")]
    logins = [row for row in audit_rows(store) if row["action"] == "login"]
    assert '"address": "203.0.113.9"' in logins[-1]["details"]
