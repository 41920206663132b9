"""Figures for the unanswered-question groups: `python -m tests.bench.unanswered`.

1. Model load, then embedding + grouping of N distinct real-looking questions, cold
   (nothing cached) and warm (the same questions again: the dashboard's next request).
2. On a synthetic tracker store of 1,000,000 events in PostgreSQL (a database of its
   own, dropped afterwards; tests/support/analytics_fixture/synthetic.py, whose unanswered
   questions are given real-looking texts here): finding the questions for several
   filters, and the whole unanswered_groups() call, cold and warm.
Prints figures, asserts nothing. `--events N` changes the store's size; `--no-store`
skips part 2; `--store-url URL` measures part 2 on an existing store, unchanged;
`--proposed-indexes` also measures with PROPOSED_INDEXES (for database.ensure_indexes).
The load average is printed: other work slows every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import uuid
from datetime import date, timedelta
from typing import Callable, List, Tuple, TypeVar

from tests.bench.unanswered_measure import read_questions

T = TypeVar("T")
# Proposed for bot/analytics/indexes.py's ensure_indexes: the replies by time (a filter
# few conversations match walks all of them) and a conversation's last language or
# country in one index probe. Measured with --proposed-indexes.
PROPOSED_INDEXES = (
    "CREATE INDEX IF NOT EXISTS senda_events_replies ON events (\"timestamp\") WHERE type_name = 'bot'",
    "CREATE INDEX IF NOT EXISTS senda_events_slots ON events (sender_id, action_name, id)"
    " WHERE type_name = 'slot'",
)
SIZES = (100, 250, 500, 1000, 2000)
_OPENINGS = (
    "",
    "hola ",
    "buenas tardes, ",
    "disculpe ",
    "hi, ",
    "oye ",
    "una pregunta: ",
    "saqarik, ",
    "por favor ",
    "hello ",
)
_PLACES = (
    "",
    " en Tapachula",
    " en Tijuana",
    " en Reynosa",
    " en Juárez",
    " pa Xelajuʼ",
    " in El Paso",
    " en Tenosique",
    " en Monterrey",
    " en Arriaga",
    " en CDMX",
    " en San Pedro Sula",
    " en Tecún Umán",
    " in Houston",
)
_ENDINGS = ("", "?", " por favor", " gracias", " pls", "??", " urgente", " ahorita")


def timed(work: Callable[[], T]) -> Tuple[float, T]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def distinct_questions(count: int, seed: int = 7) -> List[str]:
    """`count` different questions made from tests/bench/unanswered_questions.yml."""
    rng = random.Random(seed)
    base, _ = read_questions()
    made: List[str] = []
    seen = set()
    while len(made) < count:
        text = (
            rng.choice(_OPENINGS) + rng.choice(base).rstrip("?") + rng.choice(_PLACES) + rng.choice(_ENDINGS)
        )
        if text not in seen:
            seen.add(text)
            made.append(text)
    return made


def grouping_figures() -> None:
    from actions.matching.embeddings import embedding_model
    from bot.analytics.unanswered import grouping as unanswered_grouping
    from bot.analytics.unanswered.query import Question
    from bot.analytics.unanswered.report import group_questions

    seconds, _ = timed(embedding_model)
    print(f"model load: {seconds:.1f} s")
    print("questions  cold (embed+group+label)  warm  [embedding alone, best of 3]")
    for size in SIZES:
        texts = distinct_questions(size)
        questions = [Question(i, f"s{i % 97}", text, 0.0) for i, text in enumerate(texts)]
        unanswered_grouping._cache.vectors.clear()
        cold, groups = timed(lambda: group_questions(questions, 5))
        warm, _ = timed(lambda: group_questions(questions, 5))
        embedding = []
        for _ in range(3):  # best of three: the least disturbed by other work
            unanswered_grouping._cache.vectors.clear()
            embedding.append(timed(lambda: unanswered_grouping.embed_questions(texts))[0])
        print(
            f"{size:9d}  {cold:24.2f} s  {warm:4.2f} s  [{min(embedding):.2f} s, "
            f"{size / min(embedding):.0f} a second]  {len(groups)} groups"
        )


def _give_questions_texts(url: str) -> int:
    """The synthetic store's fallback questions say "pregunta 123": make them real-looking."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as db:
        rows = db.execute(
            sa.text(
                "SELECT id, data FROM events WHERE type_name = 'user'"
                " AND intent_name IN ('nlu_fallback', 'out_of_scope')"
            )
        ).fetchall()
        texts = distinct_questions(len(rows), seed=11)
        updates = []
        for (event_id, data), text in zip(rows, texts):
            loaded = json.loads(data)
            loaded["text"] = text
            loaded.setdefault("parse_data", {})["text"] = text
            updates.append({"id": event_id, "data": json.dumps(loaded)})
        db.execute(sa.text("UPDATE events SET data = :data WHERE id = :id"), updates)
    engine.dispose()
    return len(rows)


def _page_figures(url: str) -> None:
    from bot.analytics.model import Filters
    from bot.analytics.unanswered.grouping import _cache
    from bot.analytics.unanswered.query import unanswered_questions
    from bot.analytics.unanswered.report import DEFAULT_LIMIT, unanswered_groups
    from bot.database import open_engine

    engine = open_engine(url)
    today = date.today()
    ranges = {
        "last 7 days": Filters(today - timedelta(days=7), today),
        "last 30 days": Filters(today - timedelta(days=30), today),
        "last 180 days": Filters(today - timedelta(days=180), today),
        "30 days, K'iche'": Filters(today - timedelta(days=30), today, language="quc"),
        "180 days, K'iche' in El Salvador": Filters(today - timedelta(days=180), today, "quc", "SV"),
    }
    print(f"finding questions (limit {DEFAULT_LIMIT}):")
    for label, filters in ranges.items():
        seconds, found = timed(lambda: unanswered_questions(engine, filters, DEFAULT_LIMIT))
        print(
            f"  {label:34s} {seconds:5.2f} s  {len(found.questions):5d} questions"
            f"{' (capped)' if found.capped else ''}"
        )
    print("unanswered_groups(), the dashboard's page (model already loaded):")
    for label, filters in ranges.items():
        _cache.vectors.clear()
        cold, result = timed(lambda: unanswered_groups(engine, filters, 5))
        warm, _ = timed(lambda: unanswered_groups(engine, filters, 5))
        print(
            f"  {label:34s} cold {cold:5.2f} s  warm {warm:5.2f} s  "
            f"{len(result.groups)} groups of {result.considered} questions"
        )
    engine.dispose()


def _with_proposed_indexes(url: str) -> None:
    import sqlalchemy as sa

    from bot.database import open_engine

    writable = open_engine(url, writable=True)
    with writable.begin() as db:
        for statement in PROPOSED_INDEXES:
            db.execute(sa.text(statement))
        db.execute(sa.text("ANALYZE events"))
    writable.dispose()
    print("\nwith the proposed indexes senda_events_replies and senda_events_slots:")
    _page_figures(url)


def store_figures(events: int, proposed_indexes: bool) -> None:
    import psycopg2

    from bot.analytics.indexes import ensure_indexes
    from bot.database import open_engine
    from tests.support.analytics_fixture import synthetic_events
    from tests.support.postgres import ADMIN_URL

    name = f"senda_unanswered_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(ADMIN_URL)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    url = ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        seconds, written = timed(lambda: synthetic_events(url, events))
        questions = _give_questions_texts(url)
        ensure_indexes(open_engine(url, writable=True))
        print(
            f"\nPostgreSQL store: {written:,} events ({seconds:.0f} s to write), "
            f"{questions:,} unanswered questions over 180 days"
        )
        _page_figures(url)
        if proposed_indexes:
            _with_proposed_indexes(url)
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def main(argv: List[str] = sys.argv[1:]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--no-store", action="store_true")
    parser.add_argument("--proposed-indexes", action="store_true")
    parser.add_argument("--store-url", help="measure pages on this store as it is (no writing)")
    options = parser.parse_args(argv)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    grouping_figures()
    if options.store_url:
        _page_figures(options.store_url)
    elif not options.no_store:
        store_figures(options.events, options.proposed_indexes)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
