"""@once: the costly object is built one time, even when threads ask together."""

from __future__ import annotations

import threading
import time
from typing import List

from actions.content.once import once


def test_threads_asking_together_share_one_build() -> None:
    builds: List[int] = []

    @once
    def slow() -> object:
        builds.append(1)
        time.sleep(0.05)
        return object()

    seen: List[object] = []
    threads = [threading.Thread(target=lambda: seen.append(slow())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(builds) == 1
    assert all(item is seen[0] for item in seen)


def test_cache_clear_builds_afresh_on_next_use() -> None:
    @once
    def fresh() -> object:
        return object()

    first = fresh()
    fresh.cache_clear()
    assert fresh() is not first
    assert fresh.__name__ == "fresh"
