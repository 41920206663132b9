"""Chart geometry from a report Table, drawn as inline SVG by templates/_charts.html.

Any table is drawn from its `chart` alone ("trend", "bars", "table"), so a new
metric needs no code here. A suppressed count is never drawn as a number: no
bar and "<5" beside it; on a line, a gap and a hollow mark on the axis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, cast

from bot.analytics.model import Cell, Count, Rate, Table

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 30
MAX_SERIES = 10
MAX_X_LABELS = 7


@dataclass(frozen=True)
class Columns:
    """Which columns of a table are labels, counts and shares."""

    labels: List[int]
    counts: List[int]
    rates: List[int]


def classify(table: Table) -> Columns:
    kinds: Dict[int, str] = {}
    for row in table.rows:
        for index, cell in enumerate(row):
            if isinstance(cell, Count):
                kinds[index] = "count"
            elif isinstance(cell, Rate):
                kinds[index] = "rate"
            else:
                kinds.setdefault(index, "label")
    indexes = range(len(table.columns))
    return Columns(
        labels=[i for i in indexes if kinds.get(i, "label") == "label"],
        counts=[i for i in indexes if kinds.get(i) == "count"],
        rates=[i for i in indexes if kinds.get(i) == "rate"],
    )


def _count(row: Sequence[Cell], index: int) -> Count:
    """The cell of a count column (classify): a Count in every row, as metrics builds a
    table's columns each of one kind."""
    return cast(Count, row[index])


def nice_ceiling(value: float) -> int:
    """1, 2, 5 × 10^k at or above value (at least 1), for a readable axis."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    at: str  # the day or week
    count: Count  # shown as the views show counts: "<5" when suppressed
    suppressed: bool


@dataclass
class Series:
    name: str  # a column key, or a label value (e.g. a topic id)
    column: str  # the column whose value the name is (for labelling)
    color: int  # palette index
    points: List[Point] = field(default_factory=list)
    lines: List[List[Tuple[float, float]]] = field(default_factory=list)  # unbroken runs


@dataclass
class TrendChart:
    series: List[Series]
    x_labels: List[Tuple[float, str]]
    y_ticks: List[Tuple[float, int]]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom_y: float = HEIGHT - BOTTOM
    right_x: float = WIDTH - RIGHT
    omitted_series: int = 0

    @property
    def empty(self) -> bool:
        return not any(s.points for s in self.series)

    @property
    def has_suppressed(self) -> bool:
        return any(p.suppressed for s in self.series for p in s.points)


def trend_chart(table: Table) -> TrendChart:
    """First column: the day or week; a further label column (e.g. topic) splits the lines;
    otherwise each count column is a line."""
    columns = classify(table)
    x_values: List[str] = []
    for row in table.rows:
        if str(row[0]) not in x_values:
            x_values.append(str(row[0]))
    splitter = next((i for i in columns.labels if i != 0), None)
    # (series key, column key) -> {x: Count}
    values: Dict[Tuple[str, str], Dict[str, Count]] = {}
    if splitter is not None and columns.counts:
        value_index = columns.counts[0]
        for row in table.rows:
            values.setdefault((str(row[splitter]), table.columns[splitter]), {})[str(row[0])] = _count(
                row, value_index
            )
    else:
        for index in columns.counts:
            for row in table.rows:
                values.setdefault((table.columns[index], ""), {})[str(row[0])] = _count(row, index)
    keys = list(values)
    if splitter is not None:  # the biggest lines first; the rest left out, and said so
        keys.sort(key=lambda k: -sum(c.value or 0 for c in values[k].values()))
    shown, omitted = keys[:MAX_SERIES], max(0, len(keys) - MAX_SERIES)
    top = nice_ceiling(max([c.value for k in shown for c in values[k].values() if c.value is not None] + [0]))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(x_values) - 1)

    def x_of(i: int) -> float:
        return LEFT + (plot_w / 2 if len(x_values) == 1 else i * step)

    def y_of(v: float) -> float:
        return TOP + plot_h - plot_h * v / top

    series: List[Series] = []
    for number, key in enumerate(shown):
        line = Series(name=key[0], column=key[1], color=number % MAX_SERIES)
        run: List[Tuple[float, float]] = []
        for i, at in enumerate(x_values):
            count = values[key].get(at)
            if count is None or count.value is None:
                if run:
                    line.lines.append(run)
                run = []
                if count is not None:  # suppressed: a mark on the axis, no value
                    line.points.append(Point(x_of(i), y_of(0), at, count, True))
                continue
            point = Point(x_of(i), y_of(count.value), at, count, False)
            line.points.append(point)
            run.append((point.x, point.y))
        if run:
            line.lines.append(run)
        series.append(line)
    every = max(1, math.ceil(len(x_values) / MAX_X_LABELS))
    x_labels = [(x_of(i), at) for i, at in enumerate(x_values) if i % every == 0]
    y_ticks = [(y_of(v), v) for v in sorted({0, top} | ({top // 2} if top % 2 == 0 else set()))]
    return TrendChart(series=series, x_labels=x_labels, y_ticks=y_ticks, omitted_series=omitted)


@dataclass(frozen=True)
class Bar:
    labels: List[Tuple[str, str]]  # (column key, value) of each label column
    count: Count  # the bar's value; "<5" and no bar when suppressed
    share: float  # bar length, 0..1 of the longest; 0 when suppressed
    suppressed: bool
    extra: List[Tuple[str, Cell]]  # other counts and shares: (column key, cell)


@dataclass
class BarChart:
    value_column: Optional[str]
    bars: List[Bar]

    @property
    def empty(self) -> bool:
        return not self.bars


def bar_chart(table: Table) -> BarChart:
    """One bar per row, its length the first count column; other numbers shown beside."""
    columns = classify(table)
    if not columns.counts:
        return BarChart(value_column=None, bars=[])
    value_index = columns.counts[0]
    longest = max([_count(row, value_index).value or 0 for row in table.rows] + [0])
    bars = []
    for row in table.rows:
        count = _count(row, value_index)
        extras = [(table.columns[i], row[i]) for i in columns.counts[1:] + columns.rates]
        bars.append(
            Bar(
                labels=[(table.columns[i], str(row[i])) for i in columns.labels],
                count=count,
                share=(count.value / longest) if count.value and longest else 0.0,
                suppressed=count.suppressed,
                extra=extras,
            )
        )
    return BarChart(value_column=table.columns[value_index], bars=bars)


FIGURES_COLUMN = "measure"


def is_figures(table: Table) -> bool:
    """A table of named figures (measure, value): shown as big numbers."""
    columns = classify(table)
    return (
        len(table.columns) == 2
        and table.columns[0] == FIGURES_COLUMN
        and columns.labels == [0]
        and bool(columns.counts or columns.rates)
        and 0 < len(table.rows) <= 12
    )


def label_columns(table: Table) -> Sequence[int]:
    return classify(table).labels
