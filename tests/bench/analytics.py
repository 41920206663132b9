"""`python -m tests.bench.analytics [EVENTS]`: the analytics report on a big tracker store.

Figures, never assertions. Creates a scratch PostgreSQL database on 127.0.0.1:5432,
loads EVENTS (default 1,000,000) synthetic events over 180 days (the mix of
tests/support/analytics_fixture/synthetic.py: languages, countries, topics, fallbacks, rumours, ratings),
then prints: load time, index time, build_report time for 7, 30, 90 and 180 days, with
and without a language filter (median of 3), the terminal report's time, and the
retention dry run's time. The database is dropped at the end.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from argparse import Namespace
from contextlib import redirect_stdout
from datetime import datetime, timedelta, timezone
from typing import Callable, List, Optional

from bot.analytics.indexes import ensure_indexes
from bot.analytics.metrics import build_report
from bot.analytics.model import Filters
from bot.analytics.vocabulary import load_vocabulary
from bot.database import open_engine
from tests.support.analytics_fixture import synthetic_events
from tests.support.postgres import scratch_database

EVENTS = 1_000_000
DAYS = 180
RANGES = (7, 30, 90, 180)
RUNS = 3


def timed(action: Callable[[], object]) -> float:
    began = time.monotonic()
    action()
    return time.monotonic() - began


def median_of(action: Callable[[], object], runs: int = RUNS) -> float:
    return statistics.median(timed(action) for _ in range(runs))


def vacuum(url: str) -> None:
    """What autovacuum does soon after a bulk load: statistics and the visibility map
    (the session index is read by an index-only scan)."""
    engine = open_engine(url, writable=True)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as db:
            db.exec_driver_sql("VACUUM ANALYZE events")
    finally:
        engine.dispose()


def terminal_report(url: str, since: datetime, until: datetime) -> None:
    """`senda analytics report --since … --until …`, in this process, output discarded."""
    from bot.cli.analytics import cmd_report
    from bot.settings import AnalyticsSettings

    settings = AnalyticsSettings.from_env({**os.environ, "SENDA_DB_URL": url})
    args = Namespace(
        settings=settings,
        since=since.date(),
        until=until.date(),
        language=None,
        country=None,
        top=10,
        json=False,
    )
    with redirect_stdout(io.StringIO()):
        cmd_report(args)


def main(argv: Optional[List[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    events = int(argv[0]) if argv else EVENTS
    end = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    vocabulary = load_vocabulary()
    import rasa.core.tracker_store  # noqa: F401  (imported before the clock starts)

    print("load average at the start (1, 5, 15 min): " + ", ".join(f"{n:.1f}" for n in os.getloadavg()))
    with scratch_database("senda_bench_analytics") as url:
        print(f"loading {events:,} synthetic events over {DAYS} days into PostgreSQL…", flush=True)
        load = timed(lambda: synthetic_events(url, total=events, days=DAYS, end=end))
        print(f"load time: {load:.1f} s ({events / load:,.0f} events/s, COPY)")
        print(f"vacuum analyze: {timed(lambda: vacuum(url)):.1f} s")
        writable = open_engine(url, writable=True)
        try:
            print(f"senda_* indexes: {timed(lambda: ensure_indexes(writable)):.1f} s")
        finally:
            writable.dispose()
        engine = open_engine(url)
        try:
            print(f"build_report, median of {RUNS} (every table the dashboard shows):")
            for days in RANGES:
                figures = []
                for language in (None, "es"):
                    filters = Filters(end.date() - timedelta(days=days - 1), end.date(), language)
                    seconds = median_of(lambda: build_report(engine, filters, now=end, vocabulary=vocabulary))
                    figures.append(f"{'language es' if language else 'all'} {seconds:.2f} s")
                print(f"  {days:>3} days: " + ", ".join(figures), flush=True)
            since = end - timedelta(days=29)
            print(
                f"terminal report, 30 days (senda analytics report): "
                f"{median_of(lambda: terminal_report(url, since, end)):.2f} s"
            )
        finally:
            engine.dispose()
        from bot.tracker_store import count_old_conversations

        engine = open_engine(url)
        try:
            seconds = timed(lambda: count_old_conversations(engine, 90, end))
            print(
                f"retention dry run, 90 days: {seconds:.2f} s "
                f"({count_old_conversations(engine, 90, end):,} conversations to delete)"
            )
        finally:
            engine.dispose()
    print("scratch database dropped")
    print(
        "load average at the end (1, 5, 15 min): "
        + ", ".join(f"{n:.1f}" for n in os.getloadavg())
        + " (other work slows every figure)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
