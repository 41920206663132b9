"""The dashboard's login over real HTTP (the process and store: conftest.py): pages need
a session, the session cookie's flags, refused and locked logins (audited), the form's
token, logging out, only a local page after logging in, and the Secure cookie behind an
https proxy."""

from __future__ import annotations

import re
from pathlib import Path

import requests

from bot.analytics.dashboard.process import DashboardProcess
from tests.bot.analytics.dashboard.http_helpers import audit_rows
from tests.support.dashboard_harness import (
    STAFF,
    STAFF_PASSWORD,
    logged_in,
    login_form_token,
    running_dashboard,
)


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
