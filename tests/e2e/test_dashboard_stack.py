"""End to end: conversations held with the real Rasa and action servers show on the
dashboard, read from the same tracker store, in a real browser."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Dict, List

import pytest

from bot.analytics.model import Count, Filters
from bot.rasa_client import RasaClient
from tests.e2e.dashboard_browser import by_css, chrome, log_in, screenshot, table_rows
from tests.support.dashboard_harness import running_dashboard

pytestmark = pytest.mark.stack

CONVERSATIONS = {
    "es": ["hola", "quiero pedir asilo en estados unidos", "donde hay un albergue"],
    "en": ["hello", "how do I ask for asylum in the united states"],
    "quc": ["jas kinbʼan chi kinkʼam asilo pa Estados Unidos"],
}


def shown(table_rows_: List[List[str]]) -> Dict[str, List[str]]:
    return {row[0]: row[1:] for row in table_rows_}


def test_conversations_with_the_stack_appear_on_the_dashboard(stack, tmp_path: Path) -> None:
    from bot.analytics.metrics import build_report
    from bot.database import open_engine

    client = RasaClient(stack.settings.rasa_url, stack.settings.api_token)
    for language, texts in CONVERSATIONS.items():
        for index in range(2):  # two people a language
            sender = f"dashboard-{language}-{index}-{uuid.uuid4().hex[:6]}"
            for text in texts:
                assert client.send(sender, text), f"no reply to {text!r}"
    store = stack.settings.db_url
    today = datetime.now(timezone.utc).date()
    filters = Filters(today - timedelta(days=29), today)
    engine = open_engine(store)
    # Other stack tests write to the same store: compare with what it holds now.
    exact = build_report(engine, filters, minimum=1).table("by_language")
    counts = {row[0]: row[1].value for row in exact.rows}
    assert all(counts.get(language, 0) >= 2 for language in CONVERSATIONS), counts
    driver = chrome(tmp_path / "downloads")
    try:
        with running_dashboard(store, tmp_path, env={"SENDA_ANALYTICS_MIN_GROUP": "2"}) as dashboard:
            driver.get(dashboard.url + "/")
            log_in(driver, dashboard)
            names = {"es": "Español", "en": "English", "quc": "Kʼicheʼ"}
            on_page = shown(table_rows(driver, "by_language"))
            for language in CONVERSATIONS:
                assert on_page[names[language]][-2] == str(counts[language]), on_page
            topics = shown(table_rows(driver, "topics_top"))
            assert int(topics["Asilo en EE. UU."][-1]) >= 6
            screenshot(driver, "e2e-overview")
        with running_dashboard(store, tmp_path) as dashboard:  # minimum group size 5
            driver.delete_all_cookies()
            driver.get(dashboard.url + "/")
            log_in(driver, dashboard)
            on_page = shown(table_rows(driver, "by_language"))
            for language in CONVERSATIONS:
                assert on_page[names[language]][-2] == str(Count.of(counts[language], 5))
            assert by_css(driver, "h1").text == "Lo que la gente pregunta a Senda"
    finally:
        driver.quit()
