"""Build a costly object once per process, on first use, even with several threads."""
from __future__ import annotations

import functools
import threading
from typing import Callable, List, TypeVar

T = TypeVar("T")


def once(build: Callable[[], T]) -> Callable[[], T]:
    lock = threading.Lock()
    built: List[T] = []

    @functools.wraps(build)
    def get() -> T:
        with lock:
            if not built:
                built.append(build())
            return built[0]

    return get
