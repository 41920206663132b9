"""The dashboard's web app (Sanic): login, overview, unanswered questions, answers rated 👎,
CSV export.

Every page but the login page and static files needs a session: pages redirect
to the login page, CSV answers 401. Figures come from the AnalyticsSource, which
reads the tracker store; queries run in a thread so one slow page does not stop
the others. Logging in and out is in login.py; the helpers both share in web.py; what
the routes share (the Dashboard) in state.py.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any, Callable, Dict, Optional
from urllib.parse import quote, urlencode

from sanic import Sanic
from sanic.exceptions import NotFound, SanicException
from sanic.request import Request
from sanic.response import HTTPResponse, html, redirect
from sqlalchemy.exc import SQLAlchemyError

from bot.analytics.dashboard import audit as audit_actions
from bot.analytics.dashboard.charts import bar_chart, is_figures, trend_chart
from bot.analytics.dashboard.csv_export import csv_filename, table_csv
from bot.analytics.dashboard.filters import (
    DEFAULT_DAYS,
    QUICK_RANGES,
    FilterChoice,
    filter_query,
    parse_filters,
    quick_range,
)
from bot.analytics.dashboard.i18n import LANGUAGE_COOKIE, UI_LANGUAGES, negotiate
from bot.analytics.dashboard.labels import Labels
from bot.analytics.dashboard.login import add_login_routes
from bot.analytics.dashboard.sessions import COOKIE, Session
from bot.analytics.dashboard.state import Dashboard
from bot.analytics.dashboard.web import blocking, set_cookie
from bot.analytics.model import Count, Filters, Table

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
TABLE_KEY = re.compile(r"^[a-z0-9_]{1,64}$")
SECURITY_HEADERS = {
    # No scripts at all; styles and images only from here (charts are inline SVG).
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def _args(request: Request) -> Dict[str, str]:
    return {key: request.args.get(key) for key in request.args}


def create_app(dashboard: Dashboard, name: str = "senda_dashboard") -> Sanic:
    app = Sanic(name)
    app.ctx.dashboard = dashboard
    app.config.ACCESS_LOG = False  # query strings and addresses stay out of the logs
    if dashboard.settings.proxies:
        app.config.PROXIES_COUNT = dashboard.settings.proxies
    app.static("/static", str(STATIC), name="static")

    def ui_language(request: Request) -> str:
        return negotiate(
            request.args.get("lang"),
            request.cookies.get(LANGUAGE_COOKIE),
            request.headers.get("accept-language"),
        )

    def session_of(request: Request) -> Optional[Session]:
        return dashboard.sessions.get(request.cookies.get(COOKIE))

    def render(request: Request, template: str, status: int = 200, **values: Any) -> HTTPResponse:
        language = ui_language(request)
        session = session_of(request)
        labels = Labels(language, dashboard.language_names, dashboard.topic_titles)
        current = _args(request)
        switch = {
            code: "?" + urlencode({**{k: v for k, v in current.items() if k != "lang"}, "lang": code})
            for code in UI_LANGUAGES
        }
        body = (
            dashboard.environments[language]
            .get_template(template)
            .render(
                lang=language,
                ui_languages=UI_LANGUAGES,
                language_switch=switch,
                user=session.user if session else None,
                csrf=session.csrf if session else None,
                labels=labels,
                minimum=dashboard.source.minimum,
                path=request.path,
                **values,
            )
        )
        response = html(body, status=status)
        if request.args.get("lang") in UI_LANGUAGES:
            set_cookie(response, request, LANGUAGE_COOKIE, request.args.get("lang"), max_age=365 * 86400)
        return response

    def choice_of(request: Request) -> FilterChoice:
        return parse_filters(
            _args(request), dashboard.today(), list(dashboard.language_names), dashboard.countries
        )

    def filter_context(choice: FilterChoice) -> Dict[str, Any]:
        today = dashboard.today()
        filters = choice.filters
        return {
            "filters": filters,
            "filter_errors": choice.errors,
            "query": filter_query(filters),
            "quick": [
                (
                    days,
                    filter_query(quick_range(today, days, filters)),
                    filters == quick_range(today, days, filters),
                )
                for days in QUICK_RANGES
            ],
            "default_days": DEFAULT_DAYS,
            "languages": list(dashboard.language_names),
            "countries": dashboard.countries,
        }

    def login_required(page: bool) -> Callable:
        def decorate(handler: Callable) -> Callable:
            @functools.wraps(handler)
            async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
                session = session_of(request)
                if session is None:
                    if not page:
                        return render(request, "message.html", status=401, problem="login")
                    target = request.path + (f"?{request.query_string}" if request.query_string else "")
                    return redirect("/login?" + urlencode({"next": target}))
                request.ctx.session = session
                return await handler(request, *args, **kwargs)

            return guarded

        return decorate

    def unavailable(request: Request, error: Exception) -> HTTPResponse:
        # The error's class only: SQL errors can carry values from the store.
        log.error("the tracker store could not be read: %s", type(error).__name__)
        return render(request, "message.html", status=503, problem="store")

    # ------------------------------------------------------------------ login (login.py)

    add_login_routes(app, dashboard, render, session_of, login_required)

    # ------------------------------------------------------------------ pages

    @app.get("/")
    @login_required(page=True)
    async def overview(request: Request) -> HTTPResponse:
        choice = choice_of(request)
        try:
            report = await blocking(dashboard.source.report, choice.filters)
        except SQLAlchemyError as error:
            return unavailable(request, error)
        views = [table_view(table, choice.filters) for table in report.tables]
        return render(request, "overview.html", views=views, **filter_context(choice))

    # Pages of examples (scrubbed people's words): the same shape, their own source.
    LISTS = {"unanswered": dashboard.source.unanswered, "disliked": dashboard.source.disliked}

    async def list_page(request: Request, key: str) -> HTTPResponse:
        choice = choice_of(request)
        try:
            result = await blocking(LISTS[key], choice.filters)
        except SQLAlchemyError as error:
            return unavailable(request, error)
        return render(
            request,
            f"{key}.html",
            result=result,
            considered=Count.of(result.considered, dashboard.source.minimum),
            examples=dashboard.source.examples,
            csv_url=f"/export/{key}.csv?{filter_query(choice.filters)}",
            **filter_context(choice),
        )

    @app.get("/unanswered")
    @login_required(page=True)
    async def unanswered(request: Request) -> HTTPResponse:
        return await list_page(request, "unanswered")

    @app.get("/disliked")
    @login_required(page=True)
    async def disliked(request: Request) -> HTTPResponse:
        return await list_page(request, "disliked")

    @app.get("/export/<filename>")
    @login_required(page=False)
    async def export(request: Request, filename: str) -> HTTPResponse:
        key = filename[: -len(".csv")] if filename.endswith(".csv") else ""
        if not TABLE_KEY.match(key):
            raise NotFound("no such table")
        choice = choice_of(request)
        try:
            if key in LISTS:
                table = (await blocking(LISTS[key], choice.filters)).table
            else:
                table = (await blocking(dashboard.source.report, choice.filters)).table(key)
        except KeyError:
            raise NotFound("no such table") from None
        except SQLAlchemyError as error:
            return unavailable(request, error)
        filters = choice.filters
        await blocking(
            dashboard.audit.record,
            request.ctx.session.user,
            audit_actions.EXPORT,
            {
                "table": key,
                "since": filters.since.isoformat(),
                "until": filters.until.isoformat(),
                "language": filters.language,
                "country": filters.country,
            },
        )
        name = csv_filename(key, filters)
        return HTTPResponse(
            table_csv(table).encode("utf-8"),
            content_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f"attachment; filename=\"{name}\"; filename*=UTF-8''{quote(name)}"
            },
        )

    def table_view(table: Table, filters: Filters) -> Dict[str, Any]:
        kind = "figures" if is_figures(table) else table.chart
        chart = trend_chart(table) if kind == "trend" else bar_chart(table) if kind == "bars" else None
        return {
            "table": table,
            "kind": kind,
            "chart": chart,
            "csv_url": f"/export/{table.key}.csv?{filter_query(filters)}",
        }

    # ------------------------------------------------------------------ errors, headers

    @app.exception(NotFound)
    async def not_found(request: Request, error: Exception) -> HTTPResponse:
        return render(request, "message.html", status=404, problem="not_found")

    @app.exception(Exception)
    async def failed(request: Request, error: Exception) -> HTTPResponse:
        if isinstance(error, SanicException) and error.status_code < 500:
            return render(request, "message.html", status=error.status_code, problem="bad_request")
        log.exception("dashboard error on %s", request.path)
        return render(request, "message.html", status=500, problem="error")

    @app.middleware("response")
    async def headers(request: Request, response: HTTPResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"

    return app
