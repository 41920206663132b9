"""Headless Chromium for the dashboard's browser tests: Debian's chromium and
chromedriver (`make test` installs them), never a browser Selenium downloads."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Callable, Dict, List
from urllib.parse import urlencode

import pytest

from tests.support.dashboard_harness import STAFF, STAFF_PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "dashboard"


def chrome(download_dir: Path, width: int = 1366, height: int = 900):  # -> WebDriver
    """A headless Chromium that saves downloads in `download_dir` and speaks Spanish
    unless a page says otherwise."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail(
            "chromium and chromium-driver are needed: `make test` installs them "
            "(apt-get install chromium chromium-driver)"
        )
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never fetch a browser
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        f"--window-size={width},{height}",
        "--lang=es",
        "--hide-scrollbars",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(download_dir),
            "download.prompt_for_download": False,
            "intl.accept_languages": "es,es-419",
        },
    )
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


def screenshot(driver, name: str, width: int = 1366) -> Path:
    """The whole page, not just the window, as tests/artifacts/dashboard/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)"
    )
    driver.set_window_size(width, max(600, min(int(height) + 40, 8000)))
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(width, 900)
    return path


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    from selenium.common.exceptions import WebDriverException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except WebDriverException:
            pass  # the page is being replaced: its elements come and go
        time.sleep(0.2)
    return condition()


def downloaded(directory: Path, timeout: float = 20.0) -> List[Path]:
    """The finished downloads (Chromium writes .crdownload files until done)."""
    wait_for(lambda: any(directory.glob("*.csv")) and not any(directory.glob("*.crdownload")), timeout)
    return sorted(directory.glob("*.csv"))


def by_css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def all_css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def gone(element, error: type) -> bool:
    """True once the element's page was replaced. Chromium reports a node of a
    replaced document either as stale or, mid-navigation, as "does not belong to
    the document" (a plain WebDriverException that staleness_of lets through)."""
    try:
        element.is_enabled()
    except error:
        return True
    return False


def log_in(driver, dashboard, password: str = STAFF_PASSWORD) -> None:
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    if not driver.current_url.startswith(dashboard.url + "/login"):
        driver.get(dashboard.url + "/login")
    user = by_css(driver, "#user")
    user.clear()
    user.send_keys(STAFF)
    by_css(driver, "#password").send_keys(password)
    form = by_css(driver, "form[action='/login']")
    by_css(driver, "form[action='/login'] button[type=submit]").click()
    # The old page stays "complete" until the answer replaces it: wait for that first
    # (a slow login, e.g. on a loaded CI machine, was read as the old page).
    WebDriverWait(driver, 30).until(lambda _: gone(form, WebDriverException))
    wait_for(lambda: driver.execute_script("return document.readyState") == "complete")


def open_page(driver, dashboard, path: str, params: Dict[str, str]) -> None:
    driver.get(f"{dashboard.url}{path}?{urlencode(params)}")
    if "/login" in driver.current_url:
        log_in(driver, dashboard)


def table_rows(driver, key: str) -> List[List[str]]:
    """The rows of a card's table as the page shows them (header cells and data)."""
    rows = []
    for row in all_css(driver, f"section#{key} table tbody tr"):
        cells = row.find_elements("css selector", "th, td")
        rows.append([cell.get_attribute("textContent").strip() for cell in cells])
    return rows


def figures(driver, key: str) -> Dict[str, str]:
    """A card's big numbers: {label: number as shown}."""
    return {
        item.find_element("css selector", "dt").text: item.find_element("css selector", "dd").text
        for item in all_css(driver, f"section#{key} dl.figures > div")
    }
