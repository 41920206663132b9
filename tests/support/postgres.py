"""Scratch PostgreSQL databases for the tests and benchmarks (the production store is
PostgreSQL; this machine runs it on 127.0.0.1:5432 with trust auth)."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import pytest

ADMIN_URL = os.environ.get("SENDA_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


@contextmanager
def scratch_database(prefix: str = "senda_analytics") -> Iterator[str]:
    """A new, uniquely named PostgreSQL database, its URL yielded, dropped afterwards.
    Raises psycopg2.OperationalError when PostgreSQL cannot be reached."""
    import psycopg2

    admin = psycopg2.connect(ADMIN_URL)
    admin.autocommit = True
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@contextmanager
def pg_or_skip(prefix: str = "senda_analytics") -> Iterator[str]:
    """scratch_database for a test: skipped when PostgreSQL is unreachable, except in CI
    (CI=…), where that is a failure."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        database = scratch_database(prefix)
        url = database.__enter__()
    except psycopg2.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {ADMIN_URL}: {error}")
    try:
        yield url
    finally:
        database.__exit__(None, None, None)
