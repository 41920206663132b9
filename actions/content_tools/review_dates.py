"""An answer's review_by follows from its facts' own date, not from the day they were read.

Each answer that states facts records `status_date` (the newest source behind the
status of its facts, as ../shared/facts gives it: the oldest such date among the
answer's facts) and `status_of` (the country whose status it is). US statuses changed
month by month in 2025-2026, so they are due for review 60 days after their status
date; every other status 180 days after. An answer that claims a later review_by than
that is refused: users would read as current a status nobody has looked at since.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, List, Mapping

from actions.content.answers import Content
from actions.content.yaml_files import as_date
from actions.content_tools.report import ERROR, Report

US_DAYS = 60  # a US status: reviewed within 60 days of its status date
OTHER_DAYS = 180  # any other status
# Whose status: a two-letter country code (US, MX, GT, ES…) or REGIONAL.
STATUS_OF = re.compile(r"[A-Z]{2}|REGIONAL")


def review_limit(status_date: date, status_of: str) -> date:
    """The latest review_by the facts allow."""
    days = US_DAYS if status_of.strip() == "US" else OTHER_DAYS
    return status_date + timedelta(days=days)


def check_answer(name: str, metadata: Mapping[str, Any], report: Report) -> None:
    if not metadata.get("sources"):
        return  # states no fact
    status_date = as_date(metadata.get("status_date"))
    status_of = str(metadata.get("status_of") or "").strip()
    if metadata.get("status_date") and status_date is None:
        report.add(
            ERROR, name, f"status_date {metadata.get('status_date')!r} is not a date (write YYYY-MM-DD)"
        )
        return
    if status_date is None or not status_of:
        report.add(
            ERROR,
            name,
            "states facts but has no status_date (YYYY-MM-DD) and status_of "
            "(US, MX, GT…): write the status date of its facts from ../shared/facts, the "
            "oldest one, and whose status it is",
        )
        return
    if not STATUS_OF.fullmatch(status_of):
        report.add(
            ERROR,
            name,
            f"status_of {status_of!r}: write a two-letter country code (US, MX, GT, HN, SV, ES…) or REGIONAL",
        )
        return
    limit = review_limit(status_date, status_of)
    review_by = as_date(metadata.get("review_by"))
    if review_by is None:
        report.add(
            ERROR,
            name,
            f"no review_by: write {limit.isoformat()} (status_date "
            f"{status_date.isoformat()} + {(limit - status_date).days} days)",
        )
    elif review_by > limit:
        report.add(
            ERROR,
            name,
            f"review_by {review_by.isoformat()} is later than its facts "
            f"allow: status_date {status_date.isoformat()} ({status_of}) + "
            f"{(limit - status_date).days} days = {limit.isoformat()}; write that date "
            "or earlier, or check the facts again and move status_date",
        )


def check_review_dates(content: Content, report: Report) -> None:
    for name, variations in content.responses.items():
        check_answer(name, variations[0].get("metadata") or {}, report)


def past_due(content: Content, today: date) -> List[str]:
    """Answers past their review_by, as "name (date)"."""
    due = []
    for name, variations in content.responses.items():
        review_by = as_date((variations[0].get("metadata") or {}).get("review_by"))
        if review_by and review_by < today:
            due.append(f"{name} ({review_by.isoformat()})")
    return due
