"""The staff dashboard in a real browser (Debian's headless Chromium): a real dashboard
process on a PostgreSQL tracker store holding the known conversations. Screenshots
of the main pages go to tests/artifacts/dashboard/."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Iterator

import pytest

from bot.analytics.dashboard.process import DashboardProcess
from tests.e2e.dashboard_browser import (
    all_css,
    by_css,
    chrome,
    downloaded,
    figures,
    log_in,
    open_page,
    screenshot,
    table_rows,
    wait_for,
)
from tests.support.analytics_fixture import KNOWN_CONVERSATIONS, write_conversations
from tests.support.dashboard_harness import MARCH, running_dashboard, scratch_postgres
from tests.support.postgres import ADMIN_URL


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DashboardProcess]:
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        psycopg2.connect(ADMIN_URL).close()
    except psycopg2.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"PostgreSQL not reachable at {ADMIN_URL}: {error}")
    with scratch_postgres() as url:
        write_conversations(url, KNOWN_CONVERSATIONS)
        with running_dashboard(url, tmp_path_factory.mktemp("dashboard")) as process:
            yield process


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path):
    driver = chrome(downloads)
    try:
        yield driver
    finally:
        driver.quit()


def test_a_wrong_password_is_refused(browser, dashboard: DashboardProcess) -> None:
    browser.delete_all_cookies()
    browser.get(dashboard.url + "/")
    assert "/login" in browser.current_url, "an anonymous visitor is sent to the login page"
    screenshot(browser, "login")
    log_in(browser, dashboard, password="una-clave-equivocada")
    assert by_css(browser, "p.error").text == "Usuario o contraseña incorrectos."
    assert "/login" in browser.current_url
    assert browser.get_cookie("senda_session") is None


def test_the_overview_shows_the_known_figures(browser, dashboard: DashboardProcess) -> None:
    browser.delete_all_cookies()
    open_page(browser, dashboard, "/", MARCH)
    assert browser.current_url.startswith(dashboard.url + "/?"), "back where the login began"
    assert by_css(browser, "h1").text == "Lo que la gente pregunta a Senda"
    assert table_rows(browser, "by_country") == [
        ["México", "5", "5"],
        ["Guatemala", "9", "8"],
        ["Honduras", "0", "0"],
        ["El Salvador", "0", "0"],
        ["Estados Unidos", "<5", "<5"],
    ]
    assert figures(browser, "summary") == {"Conversaciones": "17", "Personas": "16"}
    assert [row[0] for row in table_rows(browser, "by_language")] == ["Español", "English", "Kʼicheʼ"]
    assert [row[-2:] for row in table_rows(browser, "by_language")] == [
        ["12", "11"],
        ["<5", "<5"],
        ["<5", "<5"],
    ]
    # A suppressed count has no bar.
    bars = all_css(browser, "section#by_language table.bars tbody tr")
    assert [len(bar.find_elements("css selector", "svg.bar rect")) for bar in bars] == [1, 0, 0]
    topics = {row[0]: row[-1] for row in table_rows(browser, "topics_top")}
    assert topics["Asilo en EE. UU."] == "10"
    cookie = browser.get_cookie("senda_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    screenshot(browser, "overview")


def test_filtering_by_language_and_country_changes_the_figures(browser, dashboard: DashboardProcess) -> None:
    from selenium.webdriver.support.ui import Select

    open_page(browser, dashboard, "/", MARCH)
    Select(by_css(browser, "#language")).select_by_value("es")
    Select(by_css(browser, "#country")).select_by_value("GT")
    by_css(browser, "form.filters button[type=submit]").click()
    wait_for(lambda: "country=GT" in browser.current_url)
    assert "language=es" in browser.current_url and "since=2025-03-01" in browser.current_url
    assert table_rows(browser, "by_country") == [["Guatemala", "7", "6"]]
    assert Select(by_css(browser, "#country")).first_selected_option.text == "Guatemala"
    assert "Español · Guatemala" in by_css(browser, "p.scope").text
    topics = {row[0]: row[-1] for row in table_rows(browser, "topics_top")}
    assert topics["Asilo en EE. UU."] == "7" and "Peligros de los coyotes" not in topics
    screenshot(browser, "overview-filtered")


def test_the_page_switches_between_english_and_spanish(browser, dashboard: DashboardProcess) -> None:
    open_page(browser, dashboard, "/", MARCH)
    by_css(browser, "a[hreflang=en]").click()
    wait_for(lambda: by_css(browser, "h1").text == "What people ask Senda")
    assert by_css(browser, "html").get_attribute("lang") == "en"
    assert by_css(browser, "section#by_country h2").text == "Conversations by country"
    assert table_rows(browser, "by_country")[4][0] == "United States"
    assert "since=2025-03-01" in browser.current_url, "the filters are kept"
    screenshot(browser, "overview-english")
    by_css(browser, "a[hreflang=es]").click()
    wait_for(lambda: by_css(browser, "h1").text == "Lo que la gente pregunta a Senda")


def test_a_table_is_exported_as_csv_with_the_filters(
    browser, dashboard: DashboardProcess, downloads: Path
) -> None:
    for old in downloads.glob("*"):
        old.unlink()
    open_page(browser, dashboard, "/", {**MARCH, "country": "MX"})
    by_css(browser, "section#by_language a.csv").click()
    files = downloaded(downloads)
    assert [f.name for f in files] == ["senda-by_language-2025-03-01-2025-03-31-MX.csv"]
    with files[0].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [
        ["language", "conversations", "users"],
        ["es", "5", "5"],
        ["en", "0", "0"],
        ["quc", "0", "0"],
    ]


def test_the_unanswered_page_shows_the_big_group_only(browser, dashboard: DashboardProcess) -> None:
    open_page(browser, dashboard, "/", MARCH)
    by_css(browser, "nav a[href^='/unanswered']").click()
    wait_for(
        lambda: "/unanswered" in browser.current_url and all_css(browser, "ol.groups, p.empty"), timeout=90
    )
    assert "since=2025-03-01" in browser.current_url
    groups = all_css(browser, "ol.groups > li")
    assert len(groups) == 1
    assert groups[0].find_element("css selector", ".count").text == "5"
    examples = [e.text for e in groups[0].find_elements("css selector", "ul.examples li")]
    assert examples and all("tapachula" in e.lower() for e in examples)
    assert not any("Rosa" in e or "5512345678" in e or "@" in e for e in examples)
    screenshot(browser, "unanswered")
