"""What the dashboard's routes share, one per process: its settings, the figures' source,
the audit log, the accounts, sessions and login throttles, and a Jinja2 environment per
interface language.

Apart from app.py (which wires the routes) so that the groups of routes (app.py's pages,
login.py's login) and server.py (which builds it from settings) name it without importing
the routes. Building one reads the dashboard's catalogs; importing this reads nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Dict, List

from jinja2 import Environment, FileSystemLoader, select_autoescape

from bot.analytics.dashboard.accounts import Accounts
from bot.analytics.dashboard.audit import AuditLog
from bot.analytics.dashboard.i18n import load_translations
from bot.analytics.dashboard.labels import TopicTitles
from bot.analytics.dashboard.sessions import SessionStore
from bot.analytics.dashboard.source import AnalyticsSource
from bot.analytics.dashboard.throttle import LoginThrottle
from bot.settings import DashboardSettings

TEMPLATES = Path(__file__).resolve().parent / "templates"


def utc_today() -> date:
    return datetime.now(timezone.utc).date()


@dataclass
class Dashboard:
    """Everything the routes share; one per process."""

    settings: DashboardSettings
    source: AnalyticsSource
    audit: AuditLog
    accounts: Accounts
    language_names: Dict[str, str]
    countries: List[str]
    topic_titles: TopicTitles
    locales: Path
    today: Callable[[], date] = utc_today
    sessions: SessionStore = field(init=False)
    user_throttle: LoginThrottle = field(default_factory=lambda: LoginThrottle(max_failures=5))
    address_throttle: LoginThrottle = field(default_factory=lambda: LoginThrottle(max_failures=20))
    environments: Dict[str, Environment] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sessions = SessionStore(lifetime=self.settings.session_hours * 3600)
        for language, translations in load_translations(self.locales).items():
            env = Environment(
                loader=FileSystemLoader(str(TEMPLATES)),
                autoescape=select_autoescape(["html"]),
                extensions=["jinja2.ext.i18n"],
                trim_blocks=True,
                lstrip_blocks=True,
            )
            # Added to Environment at run time by the jinja2.ext.i18n extension; Jinja2's type hints lack it.
            env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
            env.filters["humanize"] = lambda key: str(key).replace("_", " ").capitalize()
            self.environments[language] = env
