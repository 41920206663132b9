"""Logging in and out of the dashboard: the login form, its checks, the session cookie.

A login needs the form's CSRF token (a cookie set with the form: there is no session yet
to hold one), a known name and password (accounts.py), and neither the name nor the
address locked out by too many failures (throttle.py); every attempt is written to the
audit log. After logging in, a person goes back to the page they asked for, only ever a
path on this site. app.py registers these routes beside the pages'.
"""

from __future__ import annotations

import secrets
from typing import Callable, Optional

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, redirect

from bot.analytics.dashboard import audit as audit_actions
from bot.analytics.dashboard.sessions import COOKIE, Session, same_token
from bot.analytics.dashboard.state import Dashboard
from bot.analytics.dashboard.web import blocking, set_cookie

LOGIN_CSRF_COOKIE = "senda_login_csrf"

Render = Callable[..., HTTPResponse]


def client_address(request: Request) -> str:
    """The client's address: from X-Forwarded-For only when proxies are configured."""
    return request.remote_addr or request.ip


def safe_next(value: Optional[str]) -> str:
    """Only a path on this site (never //host or a scheme) after logging in."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


def add_login_routes(
    app: Sanic,
    dashboard: Dashboard,
    render: Render,
    session_of: Callable[[Request], Optional[Session]],
    login_required: Callable[..., Callable],
) -> None:
    """GET /login (the form), POST /login and POST /logout on `app`. `render`, `session_of`
    and `login_required` are create_app's, the same the pages use."""

    def login_page(
        request: Request, status: int = 200, problem: Optional[str] = None, user_name: str = ""
    ) -> HTTPResponse:
        token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
        target = request.form.get("next") if request.method == "POST" else request.args.get("next")
        response = render(
            request,
            "login.html",
            status=status,
            problem=problem,
            login_csrf=token,
            next=safe_next(target),
            user_name=user_name,
        )
        set_cookie(response, request, LOGIN_CSRF_COOKIE, token, max_age=None)
        return response

    @app.get("/login")
    async def login_form(request: Request) -> HTTPResponse:
        if session_of(request):
            return redirect(safe_next(request.args.get("next")))
        return login_page(request)

    @app.post("/login")
    async def login(request: Request) -> HTTPResponse:
        form = request.form
        name = (form.get("user") or "").strip()[:64]
        password = form.get("password") or ""
        if not same_token(form.get("csrf"), request.cookies.get(LOGIN_CSRF_COOKIE)):
            return login_page(request, status=403, problem="expired", user_name=name)
        user_key, address_key = [name.lower()], [client_address(request)]
        if dashboard.user_throttle.wait(user_key) > 0 or dashboard.address_throttle.wait(address_key) > 0:
            await blocking(
                dashboard.audit.record,
                name or "-",
                audit_actions.LOGIN_LOCKED,
                {"address": client_address(request)},
            )
            return login_page(request, status=429, problem="locked", user_name=name)
        if not name or not password or not await blocking(dashboard.accounts.verify, name, password):
            dashboard.user_throttle.failed(user_key)
            dashboard.address_throttle.failed(address_key)
            await blocking(
                dashboard.audit.record,
                name or "-",
                audit_actions.LOGIN_FAILED,
                {"address": client_address(request)},
            )
            return login_page(request, status=401, problem="refused", user_name=name)
        dashboard.user_throttle.succeeded(user_key)
        session = dashboard.sessions.create(name)
        dashboard.source.warm_up()
        await blocking(
            dashboard.audit.record, name, audit_actions.LOGIN, {"address": client_address(request)}
        )
        response = redirect(safe_next(form.get("next")))
        set_cookie(
            response, request, COOKIE, session.token, max_age=int(dashboard.settings.session_hours * 3600)
        )
        del response.cookies[LOGIN_CSRF_COOKIE]
        return response

    @app.post("/logout")
    @login_required(page=True)
    async def logout(request: Request) -> HTTPResponse:
        session: Session = request.ctx.session
        if not same_token(request.form.get("csrf"), session.csrf):
            return render(request, "message.html", status=403, problem="expired")
        dashboard.sessions.drop(session.token)
        await blocking(dashboard.audit.record, session.user, audit_actions.LOGOUT, {})
        response = redirect("/login")
        set_cookie(response, request, COOKIE, "", max_age=0)
        return response
