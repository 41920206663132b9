"""Senda's one lazy-singleton idiom: build a costly object once per process, on first
use, even with several threads (`@once` on a function without arguments).

What staff can edit while Senda runs (answers, catalogs, directory, places, rumours) is a
Reloading store (reloading.py), itself built once with @once; what only changes with a
deployment (language list, models, word lists) is built once and kept.
"""

from __future__ import annotations

import functools
import threading
from typing import Callable, Generic, List, TypeVar

T = TypeVar("T")


class Once(Generic[T]):
    """The built object, or `build()` on first call; `cache_clear()` (functools' name)
    forgets it, for a test that points SENDA_ROOT at another copy of the content."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._built: List[T] = []
        functools.update_wrapper(self, build)

    def __call__(self) -> T:
        built = self._built  # once built, no lock on the path every message takes
        if built:
            return built[0]
        with self._lock:
            if not self._built:
                self._built.append(self._build())
            return self._built[0]

    def cache_clear(self) -> None:
        with self._lock:
            self._built = []  # a new list: a reader holding the old one still gets its object


def once(build: Callable[[], T]) -> Once[T]:
    return Once(build)
