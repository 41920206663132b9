"""How a value in a table reads for people: a language's name, a country's name,
a topic's title, a date as a day or a week, a count with thousands separators.

Table titles, column titles and other fixed words (measures, resource types)
are in templates/_labels.html, translated with the dashboard's catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Callable, Dict, Optional

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from bot.analytics.dashboard.i18n import babel_locale
from bot.analytics.model import Count, Rate

_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")

# topic id, UI language -> title (None: not a topic)
TopicTitles = Callable[[str, str], Optional[str]]


def topic_titles_from_content() -> TopicTitles:
    """Topic titles from responses/topics.yml and their translations (read once, here)."""
    from actions.content.answers import load_content
    from actions.content.catalogs import load_catalogs
    from actions.content.render import Renderer

    renderer = Renderer(load_content(), load_catalogs(), directory=())

    def title(topic_id: str, language: str) -> Optional[str]:
        if topic_id not in renderer.content.topics:
            return None
        return renderer.topic_title(topic_id, language)

    return title


@dataclass(frozen=True)
class Labels:
    """What a person reads for a cell, in one UI language."""

    language: str
    language_names: Dict[str, str]
    topic_titles: TopicTitles

    def value(self, column: str, value: str) -> Optional[str]:
        """A readable name for a code (language, country, topic), or None to show it as is."""
        if column == "language" and value in self.language_names:
            return self.language_names[value]
        if column == "country":
            name = babel_locale(self.language).territories.get(value)
            return name if name else None
        if "topic" in column:
            return self.topic_titles(value, self.language)
        return None

    def period(self, value: str) -> str:
        """A day, "3 mar 2025" (a week is shown by its Monday; "2025-W10" too)."""
        return _period(value, self.language)

    def number(self, cell: object) -> str:
        """A count or a share as shown: "<5" for a suppressed count, "–" for no share."""
        if isinstance(cell, Count):
            return str(cell) if cell.value is None else _decimal(cell.value, self.language)
        if isinstance(cell, Rate):
            return (
                str(cell)
                if cell.value is None
                else format_percent(cell.value, "#,##0.0%", locale=babel_locale(self.language))
            )
        if isinstance(cell, int):
            return _decimal(cell, self.language)
        return "" if cell is None else str(cell)


# A page repeats the same days and numbers many times (axis, points, tables): formatted once.
@lru_cache(maxsize=4096)
def _period(value: str, language: str) -> str:
    match = _ISO_WEEK.match(value)
    try:
        day = (
            date.fromisocalendar(int(match.group(1)), int(match.group(2)), 1)
            if match
            else date.fromisoformat(value)
        )
    except ValueError:
        return value
    return format_date(day, "d MMM y", locale=babel_locale(language))


@lru_cache(maxsize=4096)
def _decimal(value: int, language: str) -> str:
    return format_decimal(value, locale=babel_locale(language))
