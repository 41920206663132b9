"""`senda analytics report` and `senda analytics retention`: the figures in the terminal.

The report prints keys, numbers and the filter line only (keys are the stable table and
column names the dashboard translates); sentences come from messages.yml. Counts under
the minimum group size print as "<5", exactly as on the dashboard.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timezone
from typing import Any, Callable, List, Optional, TextIO

from bot.analytics.model import Filters, Report, Table
from bot.messages import message
from bot.settings import AnalyticsSettings, SettingsError

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(message("not_a_date", value=value)) from None


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(message("not_positive", value=value))
    return number


def add_report_commands(analytics_subparsers: Any) -> None:
    """Add `report` and `retention` to the `senda analytics` subcommands."""
    from actions.content.languages import language_config

    config = language_config()
    report = analytics_subparsers.add_parser("report", help=message("help_report"))
    report.add_argument("--since", type=_iso_date, required=True, help=message("help_since"))
    report.add_argument("--until", type=_iso_date, help=message("help_until"))
    report.add_argument("--language", choices=config.codes, help=message("help_language"))
    report.add_argument("--country", type=str.upper, choices=config.countries, help=message("help_country"))
    report.add_argument("--top", type=_positive, default=10, help=message("help_top"))
    report.add_argument("--json", action="store_true", help=message("help_json"))
    report.set_defaults(func=_guarded(cmd_report))
    retention = analytics_subparsers.add_parser("retention", help=message("help_retention"))
    retention.add_argument("--days", type=_positive, help=message("help_days"))
    retention.add_argument("--dry-run", action="store_true", help=message("help_dry_run"))
    retention.set_defaults(func=_guarded(cmd_retention))


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Settings or a database that cannot be used give a message, never a traceback."""

    def run(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            settings = AnalyticsSettings.from_env()
        except SettingsError as error:
            print(f"senda analytics: {error}", file=sys.stderr)
            return EXIT_USAGE
        args.settings = settings
        try:
            return command(args)
        except SQLAlchemyError as error:
            print(
                "senda analytics: "
                + message("store_unreadable", url=_safe_url(settings.db_url), reason=_reason(error)),
                file=sys.stderr,
            )
            return EXIT_FAILED

    return run


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparseable URL: say nothing that could hold a password
        return url.split("://", 1)[0] + "://…"


def _reason(error: Exception) -> str:
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def cmd_report(args: argparse.Namespace) -> int:
    from bot.analytics.indexes import ensure_indexes
    from bot.analytics.metrics import build_report
    from bot.database import open_engine

    settings: AnalyticsSettings = args.settings
    until = args.until or datetime.now(timezone.utc).date()
    if until < args.since:
        print(
            "senda analytics report: " + message("until_before_since", since=args.since, until=until),
            file=sys.stderr,
        )
        return EXIT_USAGE
    _prepare(settings.db_url, ensure_indexes)
    engine = open_engine(settings.db_url)
    try:
        report = build_report(
            engine,
            Filters(args.since, until, args.language, args.country),
            minimum=settings.min_group,
            top=args.top,
        )
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        print_report(report, settings.min_group)
    return EXIT_OK


def cmd_retention(args: argparse.Namespace) -> int:
    from bot.analytics.indexes import ensure_indexes
    from bot.database import open_engine
    from bot.tracker_store import count_old_conversations, cutoff, delete_old_conversations

    settings: AnalyticsSettings = args.settings
    days = args.days or settings.retention_days
    now = datetime.now(timezone.utc)
    _prepare(settings.db_url, ensure_indexes)
    engine = open_engine(settings.db_url, writable=True)
    try:
        if args.dry_run:
            key, number = "would_delete_conversations", count_old_conversations(engine, days, now)
        else:
            key, number = "deleted_conversations", delete_old_conversations(engine, days, now)
    finally:
        engine.dispose()
    before = datetime.fromtimestamp(cutoff(days, now), timezone.utc).date()
    print(f"days={days} before={before.isoformat()}")
    print(f"{key} {number}")
    return EXIT_OK


def _prepare(url: str, ensure_indexes: Callable[[Any], List[str]]) -> None:
    """The indexes the queries need (once; a read-only account skips them: slower only).
    The store is first opened read-only, so a mistyped SQLite path is an error, not a
    new empty database."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.database import open_engine
    from bot.tracker_store import has_events

    reader = open_engine(url)
    try:
        if not has_events(reader):
            return
    finally:
        reader.dispose()
    engine = open_engine(url, writable=True)
    try:
        ensure_indexes(engine)
    except SQLAlchemyError:
        pass
    finally:
        engine.dispose()


def print_report(report: Report, minimum: int, out: Optional[TextIO] = None) -> None:
    out = out or sys.stdout
    f = report.filters
    out.write(
        f"since={f.since.isoformat()} until={f.until.isoformat()} "
        f"language={f.language or 'all'} country={f.country or 'all'} "
        f"minimum={minimum}\n"
    )
    for table in report.tables:
        out.write("\n" + format_table(table) + "\n")


def format_table(table: Table) -> str:
    """A table as aligned columns under its key: text people can paste anywhere."""
    cells = [list(table.columns)] + [[str(cell) for cell in row] for row in table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = [f"[{table.key}]"]
    for row in cells:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return "\n".join(lines)
