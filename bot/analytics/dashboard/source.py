"""Where the dashboard's figures come from: the metrics, the unanswered-question
groups and the answers rated 👎, computed from the tracker store, kept for a short
while per filter choice."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Callable, Hashable, Tuple

from sqlalchemy.engine import Engine

from bot.analytics.model import Filters, Report

CACHE_ENTRIES = 32
log = logging.getLogger(__name__)


def _load_sentence_model() -> None:
    from actions.matching.embeddings import embedding_model

    try:
        # Behind the pages being asked for now (Linux: a thread's own niceness).
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):
        pass
    try:
        embedding_model()
    except Exception:  # noqa: BLE001 - the unanswered page reports it when opened
        log.exception("the sentence model could not be loaded")


class _TimedCache:
    """A few recent results; computing the same key twice at once waits for the first."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._items: "OrderedDict[Hashable, Tuple[float, Any]]" = OrderedDict()
        self._lock = threading.Lock()
        self._computing: "dict[Hashable, threading.Lock]" = {}

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        if self.seconds <= 0:
            return compute()
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                hit = self._items.get(key)
                if hit and hit[0] > time.monotonic():
                    self._items.move_to_end(key)
                    return hit[1]
            value = compute()
            with self._lock:
                self._items[key] = (time.monotonic() + self.seconds, value)
                while len(self._items) > CACHE_ENTRIES:
                    self._items.popitem(last=False)
            return value


@dataclass
class AnalyticsSource:
    engine: Engine
    minimum: int
    examples: bool
    top: int = 10
    cache_seconds: float = 60.0

    def __post_init__(self) -> None:
        self._cache = _TimedCache(self.cache_seconds)
        self._warming = threading.Event()

    def warm_up(self) -> None:
        """Load the sentence model of the unanswered page in the background, once (it takes
        seconds): started at the first login, so that page is quick when staff open it."""
        if self._warming.is_set():
            return
        self._warming.set()
        threading.Thread(target=_load_sentence_model, name="warm-up", daemon=True).start()

    def report(self, filters: Filters) -> Report:
        from bot.analytics.metrics import build_report

        return self._cache.get(
            ("report", filters),
            lambda: build_report(self.engine, filters, minimum=self.minimum, top=self.top),
        )

    def unanswered(self, filters: Filters) -> Any:
        """bot.analytics.unanswered.report.Unanswered: groups, considered, capped, table."""
        from bot.analytics.unanswered.report import unanswered_groups

        return self._cache.get(
            ("unanswered", filters),
            lambda: unanswered_groups(self.engine, filters, self.minimum, examples=self.examples),
        )

    def disliked(self, filters: Filters) -> Any:
        """bot.analytics.disliked.report.Disliked: topics, considered, capped, table."""
        from bot.analytics.disliked.report import disliked_topics

        return self._cache.get(
            ("disliked", filters),
            lambda: disliked_topics(self.engine, filters, self.minimum, examples=self.examples),
        )
