"""What the report's tests share: the known month and the report as people see it."""

from __future__ import annotations

from datetime import datetime
from typing import List

from bot.analytics.metrics import build_report
from bot.analytics.model import Filters, Report
from bot.database import open_engine
from tests.support.analytics_fixture import KNOWN_NOW, KNOWN_SINCE, KNOWN_UNTIL

MARCH = Filters(KNOWN_SINCE, KNOWN_UNTIL)


def report(url: str, filters: Filters = MARCH, minimum: int = 5, now: datetime = KNOWN_NOW) -> Report:
    engine = open_engine(url)
    try:
        return build_report(engine, filters, minimum=minimum, now=now)
    finally:
        engine.dispose()


def shown(report: Report, key: str, skip_zero_rows: bool = False) -> List[List[str]]:
    """A table as people see it: every cell as text."""
    rows = [[str(cell) for cell in row] for row in report.table(key).rows]
    if skip_zero_rows:
        rows = [row for row in rows if any(cell not in ("0",) for cell in row[1:])]
    return rows
