"""Assemble the dashboard from settings and run it on 127.0.0.1."""

from __future__ import annotations

import logging
from typing import Optional

from bot.analytics.dashboard.accounts import Accounts
from bot.analytics.dashboard.app import create_app
from bot.analytics.dashboard.audit import AuditLog
from bot.analytics.dashboard.labels import topic_titles_from_content
from bot.analytics.dashboard.source import AnalyticsSource
from bot.analytics.dashboard.state import Dashboard
from bot.settings import PROJECT_ROOT, DashboardSettings

READY_LINE = "Dashboard: "


def build_dashboard(settings: DashboardSettings) -> Dashboard:
    """Connects to the tracker store; creates the audit table and the metrics' indexes
    if they are missing."""
    from actions.content.languages import language_config
    from bot.analytics.indexes import ensure_indexes
    from bot.database import open_engine
    from bot.settings import AnalyticsSettings

    analytics = AnalyticsSettings.from_env()
    # Figures through a read-only engine; only the audit log and the indexes write.
    engine = open_engine(analytics.db_url)
    writable = open_engine(analytics.db_url, writable=True)
    ensure_indexes(writable)
    audit = AuditLog(writable)
    audit.ensure()
    config = language_config()
    return Dashboard(
        settings=settings,
        source=AnalyticsSource(
            engine,
            minimum=analytics.min_group,
            examples=analytics.examples,
            cache_seconds=settings.cache_seconds,
        ),
        audit=audit,
        accounts=Accounts(settings.users_file),
        language_names={language.code: language.name for language in config.languages},
        countries=list(config.countries),
        topic_titles=topic_titles_from_content(),
        # The dashboard's own catalogs are code translations, not staff content.
        locales=PROJECT_ROOT / "locales",
    )


def serve(settings: DashboardSettings, dashboard: Optional[Dashboard] = None) -> None:
    """Run until Ctrl-C or SIGTERM; prints READY_LINE + URL once it listens."""
    dashboard = dashboard or build_dashboard(settings)
    app = create_app(dashboard)

    @app.after_server_start
    async def announce(app, loop) -> None:
        print(f"{READY_LINE}{settings.url}", flush=True)

    logging.getLogger("sanic.access").disabled = True
    app.run(
        host=settings.host,
        port=settings.port,
        workers=1,
        access_log=False,
        motd=False,
        debug=False,
        auto_reload=False,
    )
