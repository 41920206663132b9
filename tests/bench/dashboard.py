"""`python -m tests.bench.dashboard` (part of `make bench`): figures, never assertions.

A scratch PostgreSQL database with 1,000,000 synthetic events over 180 days
(tests/support/analytics_fixture/synthetic.py), the real dashboard process on it with
its report cache off, a logged-in client, and the time of each page: the overview
for 30, 90 and 180 days, filtered by language and country, the unanswered-question
groups, the answers rated 👎 (all and filtered), a CSV; then `senda analytics report`
in the terminal. Median of 3 (the first unanswered page, which waits for the sentence
model loading since the login, is shown apart). Aim: every page under 2 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, List, Tuple

from bot.settings import PROJECT_ROOT
from tests.support.analytics_fixture import synthetic_events
from tests.support.dashboard_harness import logged_in, running_dashboard, scratch_postgres

EVENTS = int(os.environ.get("SENDA_BENCH_EVENTS", "1000000"))
DAYS = 180
RUNS = 3
AIM = 2.0


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(action: Callable[[], object], runs: int = RUNS) -> Tuple[float, List[float]]:
    times = [timed(action) for _ in range(runs)]
    return statistics.median(times), times


def line(label: str, seconds: float, times: List[float]) -> str:
    flag = "" if seconds < AIM else f"   (over the {AIM:.0f} s aim)"
    runs = ", ".join(f"{t:.2f}" for t in times)
    return f"  {label:<44} {seconds:6.2f} s   [{runs}]{flag}"


def main() -> int:
    today = datetime.now(timezone.utc).date()

    def since(days: int) -> str:
        return (today - timedelta(days=days - 1)).isoformat()

    with scratch_postgres("senda_bench_dashboard") as url, tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        written = synthetic_events(url, total=EVENTS, days=DAYS)
        print(
            f"dashboard bench: {written:,} synthetic events over {DAYS} days in PostgreSQL "
            f"(written in {time.perf_counter() - start:.0f} s)",
            flush=True,
        )
        start = time.perf_counter()
        with running_dashboard(url, Path(tmp), env={"SENDA_DASHBOARD_CACHE_SECONDS": "0"}) as dashboard:
            print(f"dashboard start (indexes, audit table): {time.perf_counter() - start:.1f} s")
            client = logged_in(dashboard.url)
            base = dashboard.url

            def get(path: str) -> Callable[[], object]:
                def fetch() -> object:
                    answer = client.get(base + path, timeout=300)
                    answer.raise_for_status()
                    return answer

                return fetch

            unanswered = f"/unanswered?since={since(30)}&until={today}"
            # Logging in starts loading the sentence model; the first unanswered page waits.
            first = timed(get(unanswered))
            print(
                f"  {'unanswered, right after logging in':<44} {first:6.2f} s  (waits for the sentence model)"
            )
            print(f"page times, median of {RUNS} (each run computes the report anew):")
            pages = [
                ("overview, last 30 days", f"/?since={since(30)}&until={today}"),
                ("overview, last 90 days", f"/?since={since(90)}&until={today}"),
                ("overview, last 180 days", f"/?since={since(180)}&until={today}"),
                (
                    "overview, 90 days, Spanish + Guatemala",
                    f"/?since={since(90)}&until={today}&language=es&country=GT",
                ),
                ("CSV topics_top, last 90 days", f"/export/topics_top.csv?since={since(90)}&until={today}"),
            ]
            for label, path in pages:
                print(line(label, *median_of(get(path))), flush=True)
            print(line("unanswered, last 30 days", *median_of(get(unanswered))))
            print(
                line(
                    "unanswered, last 180 days",
                    *median_of(get(f"/unanswered?since={since(180)}&until={today}")),
                )
            )
            for label, days, extra in (
                ("rated 👎, last 30 days", 30, ""),
                ("rated 👎, last 180 days", 180, ""),
                ("rated 👎, 180 days, Spanish + Guatemala", 180, "&language=es&country=GT"),
            ):
                print(
                    line(label, *median_of(get(f"/disliked?since={since(days)}&until={today}{extra}"))),
                    flush=True,
                )
        with running_dashboard(url, Path(tmp)) as dashboard:  # the default 60 s report cache
            client = logged_in(dashboard.url)
            page = f"{dashboard.url}/?since={since(90)}&until={today}"
            csv_link = f"{dashboard.url}/export/topics_top.csv?since={since(90)}&until={today}"
            print("with the report cache on (the default):")
            for label, address in (
                ("overview, last 90 days, first view", page),
                ("its CSV right after", csv_link),
                ("the same overview again", page),
            ):
                seconds = timed(lambda: client.get(address, timeout=300).raise_for_status())
                print(f"  {label:<44} {seconds:6.2f} s")
        env = {**os.environ, "SENDA_DB_URL": url}
        command = [sys.executable, "-m", "bot.cli", "analytics", "report", "--since", since(90)]

        def report() -> object:
            return subprocess.run(
                command,
                cwd=PROJECT_ROOT,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )

        print("terminal report (a new process each time, Python start included):")
        print(line("senda analytics report --since (90 days)", *median_of(report)))
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"load average (1, 5, 15 min) at the end: {load} on {os.cpu_count()} cores; "
        "other work on the machine slows every figure"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
