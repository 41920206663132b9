"""The filters staff choose, read from and written to the query string.

Default: the last 30 days (UTC), all languages and countries. A value that
cannot be read is replaced by the default and named in `errors`, so the page
still shows figures and says what it ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import List, Mapping, Optional, Sequence
from urllib.parse import urlencode

from bot.analytics.model import Filters

DEFAULT_DAYS = 30
QUICK_RANGES = (7, 30, 90, 180)


@dataclass(frozen=True)
class FilterChoice:
    filters: Filters
    errors: List[str] = field(default_factory=list)  # keys: since, until, order, language, country


def default_filters(today: date, days: int = DEFAULT_DAYS) -> Filters:
    return Filters(since=today - timedelta(days=days - 1), until=today)


def _date(value: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def parse_filters(
    args: Mapping[str, str], today: date, languages: Sequence[str], countries: Sequence[str]
) -> FilterChoice:
    """Filters from query arguments (one value each)."""
    default = default_filters(today)
    errors: List[str] = []
    since, until = default.since, default.until
    if args.get("since"):
        since = _date(args["since"]) or since
        if _date(args["since"]) is None:
            errors.append("since")
    if args.get("until"):
        until = _date(args["until"]) or until
        if _date(args["until"]) is None:
            errors.append("until")
    if until < since:
        errors.append("order")
        since, until = until, since
    language = (args.get("language") or "").strip() or None
    if language is not None and language not in languages:
        errors.append("language")
        language = None
    country = (args.get("country") or "").strip().upper() or None
    if country is not None and country not in countries:
        errors.append("country")
        country = None
    return FilterChoice(Filters(since=since, until=until, language=language, country=country), errors)


def filter_query(filters: Filters, **extra: str) -> str:
    """The query string that gives these filters back (plus `extra`), for links and forms."""
    values = {
        "since": filters.since.isoformat(),
        "until": filters.until.isoformat(),
        "language": filters.language or "",
        "country": filters.country or "",
    }
    values.update(extra)
    return urlencode({k: v for k, v in values.items() if v})


def quick_range(today: date, days: int, current: Filters) -> Filters:
    """The last `days` days, keeping the language and country chosen."""
    return Filters(
        since=today - timedelta(days=days - 1),
        until=today,
        language=current.language,
        country=current.country,
    )
