"""`make bench`: figures, never assertions.

Prints: training time, model load time (server start to model ready), median
and p95 time per message through the REST channel for 200 messages, and the
resident memory of the Rasa server and the action server, and the Telegram load
figure (tests/bench/telegram.py).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import List

from bot.cli.evaluate import read_rows
from bot.rasa_client import RasaClient
from bot.settings import PROJECT_ROOT, load_settings
from bot.stack import Stack
from tests.bench.telegram import telegram_load
from tests.conftest import free_port

MESSAGES = 200


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid]
    while pids:
        current = pids.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
            pids.extend(int(c) for c in children)
        except FileNotFoundError:
            continue
    return total / 1024


def training_seconds(out: Path) -> float:
    start = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "train",
            "--config",
            "config.yml",
            "--domain",
            "responses",
            "--data",
            "nlu",
            "--out",
            str(out),
            "--fixed-model-name",
            "bench",
            "--force",
            "--quiet",
        ],
        cwd=PROJECT_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - start


def percentile(values: List[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        print("training a fresh model…", flush=True)
        train = training_seconds(tmp_path)
        print(f"training time: {train:.1f} s")
        settings = load_settings(
            {
                "RASA_PORT": str(free_port()),
                "ACTIONS_PORT": str(free_port()),
                "RASA_API_TOKEN": "bench",
                "SENDA_DB_URL": f"sqlite:///{tmp_path / 't.db'}",
            }
        )
        stack = Stack(settings, model=tmp_path / "bench.tar.gz", log_dir=tmp_path)
        start = time.monotonic()
        stack.start()
        try:
            print(f"model load time (servers start → model ready): {time.monotonic() - start:.1f} s")
            client = RasaClient(settings.rasa_url, settings.api_token)
            texts = [row.text for row in read_rows(PROJECT_ROOT / "tests" / "eval" / "dev.csv")]
            client.send("bench-warmup", texts[0])
            times = []
            sender = ""
            for index in range(MESSAGES):
                sender = f"bench-{uuid.uuid4().hex[:8]}" if index % 10 == 0 else sender
                began = time.monotonic()
                client.send(sender, texts[index % len(texts)])
                times.append((time.monotonic() - began) * 1000)
            print(
                f"per message over {MESSAGES} messages (REST channel): "
                f"median {statistics.median(times):.0f} ms, p95 {percentile(times, 0.95):.0f} ms"
            )
            action_server, rasa_server = stack.processes["actions"], stack.processes["rasa"]
            print(
                f"memory: Rasa server {rss_mb(rasa_server.pid):.0f} MB, "
                f"action server {rss_mb(action_server.pid):.0f} MB (resident, after the run)"
            )
            telegram_load(settings, tmp_path)
        finally:
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
