"""Senda's one lazy-singleton idiom: build a costly object once per process, on first
use, even with several threads (`@once` on a function without arguments).

What staff can edit while Senda runs (answers, catalogs, directory, places, rumours) is a
Reloading store (reloading.py), itself built once with @once; what only changes with a
deployment (language list, models, word lists) is built once and kept.
"""
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
