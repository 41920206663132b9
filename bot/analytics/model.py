"""The shapes shared by the metrics, the terminal report, the dashboard and CSV export.

Metrics produce a `Report` of `Table`s. Every number a person can see is a
`Count`, already passed through the minimum-group-size rule, so no view can
show a small count by mistake: a count under the minimum prints as "<5".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Dict, List, Optional, Sequence, Union

from bot.settings import DEFAULT_MIN_GROUP


@dataclass(frozen=True)
class Filters:
    """What staff chose: a date range (UTC days, both ends included), a language, a country."""

    since: date
    until: date
    language: Optional[str] = None  # es, en, quc; None: all
    country: Optional[str] = None  # MX, GT, HN, SV, US; None: all


@dataclass(frozen=True)
class Count:
    """A count as people may see it: the true value only at or above the minimum."""

    value: Optional[int]  # None: suppressed (under the minimum group size)
    minimum: int = DEFAULT_MIN_GROUP

    @classmethod
    def of(cls, n: int, minimum: int = DEFAULT_MIN_GROUP) -> "Count":
        return cls(n if n >= minimum or n == 0 else None, minimum)

    @property
    def suppressed(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return f"<{self.minimum}" if self.value is None else str(self.value)

    def as_json(self) -> Union[int, str]:
        return str(self) if self.value is None else self.value


@dataclass(frozen=True)
class Rate:
    """A share (0..1) computed only from unsuppressed counts; None when it cannot be shown."""

    value: Optional[float]

    def __str__(self) -> str:
        return "–" if self.value is None else f"{self.value:.1%}"

    def as_json(self) -> Optional[float]:
        return None if self.value is None else round(self.value, 4)


Cell = Union[str, Count, Rate]


@dataclass
class Table:
    """One table of the report. `key` is stable (CSV file names, JSON keys, URLs);
    `columns` are keys too: the views translate both."""

    key: str
    columns: Sequence[str]
    rows: List[List[Cell]] = field(default_factory=list)
    chart: str = "table"  # how the dashboard draws it: "trend", "bars" or "table"

    def as_json(self) -> List[Dict[str, object]]:
        return [
            {
                column: (cell.as_json() if isinstance(cell, (Count, Rate)) else cell)
                for column, cell in zip(self.columns, row)
            }
            for row in self.rows
        ]


@dataclass
class Report:
    filters: Filters
    tables: List[Table] = field(default_factory=list)

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def as_json(self) -> Dict[str, object]:
        return {
            "since": self.filters.since.isoformat(),
            "until": self.filters.until.isoformat(),
            "language": self.filters.language,
            "country": self.filters.country,
            "tables": {t.key: t.as_json() for t in self.tables},
        }
