"""Where the analytics read from: their settings (from the environment, refusing values
that would harm), and the store's indexes, made once, through an engine that cannot
write."""

from __future__ import annotations

import re
from typing import Dict

import pytest
import sqlalchemy as sa

from bot.database import open_engine
from bot.settings import AnalyticsSettings, SettingsError
from tests.bot.analytics.report_helpers import report
from tests.support.analytics_fixture import (  # noqa: F401  (pytest fixtures)
    KNOWN_CONVERSATIONS,
    pg_url,
    sqlite_url,
    store_url,
    write_conversations,
)

# ------------------------------------------------------------------ settings


def test_settings_from_the_environment() -> None:
    settings = AnalyticsSettings.from_env({"SENDA_DB_URL": "sqlite:////tmp/x.db"})
    assert (settings.db_url, settings.min_group, settings.retention_days, settings.examples) == (
        "sqlite:////tmp/x.db",
        5,
        90,
        True,
    )
    settings = AnalyticsSettings.from_env(
        {
            "SENDA_DB_URL": "postgresql://db/senda",
            "SENDA_ANALYTICS_MIN_GROUP": "10",
            "SENDA_RETENTION_DAYS": "30",
            "SENDA_ANALYTICS_EXAMPLES": "OFF",
        }
    )
    assert (settings.min_group, settings.retention_days, settings.examples) == (10, 30, False)


def test_the_default_store_is_the_bots() -> None:
    from bot.settings import load_settings

    assert AnalyticsSettings.from_env({}).db_url == load_settings({}).db_url


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"SENDA_ANALYTICS_MIN_GROUP": "1"}, "SENDA_ANALYTICS_MIN_GROUP must be 2 or more"),
        ({"SENDA_ANALYTICS_MIN_GROUP": "five"}, "must be a whole number, not 'five'"),
        ({"SENDA_RETENTION_DAYS": "0"}, "SENDA_RETENTION_DAYS must be 1 or more days"),
        ({"SENDA_ANALYTICS_EXAMPLES": "maybe"}, "must be on or off, not 'maybe'"),
    ],
)
def test_settings_refuse_values_that_would_harm(env: Dict[str, str], expected: str) -> None:
    with pytest.raises(SettingsError, match=re.escape(expected)):
        AnalyticsSettings.from_env(env)


# ------------------------------------------------------------------ the events table


def test_indexes_are_made_once_and_reads_cannot_write(store_url: str) -> None:
    from bot.analytics.indexes import INDEX_NAMES, ensure_indexes

    write_conversations(store_url, KNOWN_CONVERSATIONS[:1])
    writable = open_engine(store_url, writable=True)
    try:
        assert ensure_indexes(writable) == list(INDEX_NAMES)
        assert ensure_indexes(writable) == []
        names = {index["name"] for index in sa.inspect(writable).get_indexes("events")}
        assert set(INDEX_NAMES) <= names
    finally:
        writable.dispose()
    reader = open_engine(store_url)
    try:
        with pytest.raises(sa.exc.DBAPIError):
            with reader.begin() as db:
                db.execute(sa.text("DELETE FROM events"))
    finally:
        reader.dispose()
    assert str(report(store_url).table("summary").rows[0][1]) == "<5"  # still there
