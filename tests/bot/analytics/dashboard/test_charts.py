"""Charts and CSV drawn from any report Table: a count under the minimum is never
drawn or written as a number."""

from __future__ import annotations

import csv
import io
from datetime import date

from bot.analytics.dashboard.charts import bar_chart, is_figures, trend_chart
from bot.analytics.dashboard.csv_export import csv_filename, table_csv
from bot.analytics.dashboard.filters import parse_filters
from bot.analytics.model import Count, Filters, Rate, Table

LANGUAGES, COUNTRIES = ["es", "en", "quc"], ["MX", "GT", "HN", "SV", "US"]


def c(n: int) -> Count:
    return Count.of(n, 5)


def test_a_suppressed_bar_has_no_length_and_reads_under_five() -> None:
    table = Table(
        "by_language",
        ["language", "conversations", "users"],
        [["es", c(40), c(30)], ["en", c(20), c(3)], ["quc", c(2), c(2)]],
        "bars",
    )
    chart = bar_chart(table)
    es, en, quc = chart.bars
    assert (es.share, en.share) == (1.0, 0.5)
    assert quc.suppressed and quc.share == 0 and str(quc.count) == "<5"
    assert [str(cell) for _, cell in en.extra] == ["<5"]
    assert chart.value_column == "conversations"


def test_a_trend_breaks_its_line_at_a_suppressed_day() -> None:
    table = Table(
        "conversations_daily",
        ["day", "conversations", "users"],
        [
            ["2025-03-01", c(10), c(8)],
            ["2025-03-02", c(3), c(3)],
            ["2025-03-03", c(20), c(9)],
            ["2025-03-04", c(0), c(0)],
        ],
        "trend",
    )
    chart = trend_chart(table)
    conversations = chart.series[0]
    assert [s.name for s in chart.series] == ["conversations", "users"]
    # 10, gap (<5), 20, 0: two unbroken runs, the suppressed day marked on the axis.
    assert [len(run) for run in conversations.lines] == [1, 2]
    marked = [p for p in conversations.points if p.suppressed]
    assert len(marked) == 1 and marked[0].at == "2025-03-02" and str(marked[0].count) == "<5"
    assert marked[0].y == chart.bottom_y  # on the axis, not at a made-up height
    heights = {p.at: p.y for p in conversations.points}
    assert heights["2025-03-03"] < heights["2025-03-01"] < heights["2025-03-04"]
    assert chart.has_suppressed


def test_a_long_table_splits_lines_by_its_label_column() -> None:
    table = Table(
        "topics_trend",
        ["week", "topic", "answers"],
        [
            ["2025-W10", "asylum_us", c(7)],
            ["2025-W10", "legal_aid", c(5)],
            ["2025-W11", "asylum_us", c(9)],
            ["2025-W11", "legal_aid", c(1)],
        ],
        "trend",
    )
    chart = trend_chart(table)
    assert [(s.column, s.name) for s in chart.series] == [("topic", "asylum_us"), ("topic", "legal_aid")]
    assert [len(s.points) for s in chart.series] == [2, 2]
    assert [p.suppressed for p in chart.series[1].points] == [False, True]


def test_only_measure_value_tables_become_big_figures() -> None:
    figures = Table(
        "fallback", ["measure", "value"], [["fallback_replies", c(10)], ["fallback_rate", Rate(0.2)]]
    )
    topics = Table("topics_top", ["topic", "answers"], [["asylum_us", c(10)]], "bars")
    assert is_figures(figures) and not is_figures(topics)


def test_csv_keeps_under_five_and_the_column_keys() -> None:
    table = Table(
        "by_country", ["country", "conversations", "users"], [["GT", c(9), c(8)], ["US", c(3), c(3)]]
    )
    rows = list(csv.reader(io.StringIO(table_csv(table).lstrip("\ufeff"))))
    assert rows == [["country", "conversations", "users"], ["GT", "9", "8"], ["US", "<5", "<5"]]
    shares = Table("fallback", ["measure", "value"], [["fallback_rate", Rate(0.19607)], ["none", Rate(None)]])
    assert list(csv.reader(io.StringIO(table_csv(shares).lstrip("\ufeff"))))[1:] == [
        ["fallback_rate", "19.6%"],
        ["none", ""],
    ]
    formula = Table("unanswered", ["label", "questions"], [["=cmd()", c(6)]])
    assert "'=cmd()" in table_csv(formula)
    filters = Filters(date(2025, 3, 1), date(2025, 3, 31), "es", "GT")
    assert csv_filename("by_country", filters) == "senda-by_country-2025-03-01-2025-03-31-es-GT.csv"


def test_filters_default_to_the_last_30_days_and_name_what_they_ignore() -> None:
    today = date(2025, 3, 31)
    default = parse_filters({}, today, LANGUAGES, COUNTRIES)
    assert default.filters == Filters(date(2025, 3, 2), today) and default.errors == []
    chosen = parse_filters(
        {"since": "2025-03-01", "until": "2025-03-15", "language": "quc", "country": "gt"},
        today,
        LANGUAGES,
        COUNTRIES,
    )
    assert chosen.filters == Filters(date(2025, 3, 1), date(2025, 3, 15), "quc", "GT")
    bad = parse_filters(
        {"since": "ayer", "until": "2025-02-01", "language": "fr", "country": "XX"},
        today,
        LANGUAGES,
        COUNTRIES,
    )
    assert bad.errors == ["since", "order", "language", "country"]
    assert bad.filters.since <= bad.filters.until
    assert bad.filters.language is None and bad.filters.country is None
