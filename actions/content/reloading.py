"""Re-read content when its files change, so new wording is live within seconds.

Each call compares the files' (name, inode, mtime, size) with the last load; the stat
calls cost microseconds, far less than rendering a reply.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Generic, Iterable, List, Optional, Tuple, TypeVar

T = TypeVar("T")
Signature = Tuple[Tuple[str, int, int, int], ...]


def _signature(paths: Iterable[Path]) -> Signature:
    entries: List[Tuple[str, int, int, int]] = []
    for path in sorted(paths):
        try:
            stat = path.stat()
        except FileNotFoundError:
            continue
        # The inode tells a newly published copy from the file it replaced.
        entries.append((str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


class Reloading(Generic[T]):
    """Holds the value built from a set of files; rebuilds it when they change."""

    def __init__(self, files: Callable[[], Iterable[Path]], build: Callable[[], T]) -> None:
        self._files = files
        self._build = build
        self._lock = threading.Lock()
        self._signature: Optional[Signature] = None
        self._value: Optional[T] = None

    def get(self) -> T:
        signature = _signature(self._files())
        with self._lock:
            if self._value is None or signature != self._signature:
                self._value = self._build()
                self._signature = signature
            return self._value
