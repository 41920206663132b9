"""CSV export of one table as the dashboard shows it: a suppressed count stays "<5",
a share is written as shown ("12.5%"; empty when it cannot be shown).

The header row is the table's column keys (stable for other tools, the same as
`senda analytics report --json`); UTF-8 with a byte-order mark so spreadsheet
programs read accents and ʼ right.
"""

from __future__ import annotations

import csv
import io
import re

from bot.analytics.model import Count, Filters, Rate, Table

BOM = "\ufeff"


def _cell(cell: object) -> str:
    if isinstance(cell, Count):
        return str(cell)
    if isinstance(cell, Rate):
        return "" if cell.value is None else str(cell)
    text = "" if cell is None else str(cell)
    # Spreadsheets run a cell starting with = + - @ as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") and not _is_number(text) else text


def _is_number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", text) is not None


def table_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(table.columns))
    for row in table.rows:
        writer.writerow([_cell(cell) for cell in row])
    return BOM + out.getvalue()


def csv_filename(table_key: str, filters: Filters) -> str:
    parts = ["senda", table_key, filters.since.isoformat(), filters.until.isoformat()]
    parts += [p for p in (filters.language, filters.country) if p]
    return "-".join(parts) + ".csv"
