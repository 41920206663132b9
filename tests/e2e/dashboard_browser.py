"""Headless Chromium for the dashboard's browser tests: Debian's chromium and
chromedriver (`make test` installs them), never a browser Selenium downloads."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Callable, List

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "dashboard"


def chrome(download_dir: Path, width: int = 1366, height: int = 900):  # -> WebDriver
    """A headless Chromium that saves downloads in `download_dir` and speaks Spanish
    unless a page says otherwise."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.fail("chromium and chromium-driver are needed: `make test` installs them "
                    "(apt-get install chromium chromium-driver)")
    os.environ["SE_OFFLINE"] = "true"   # Selenium Manager must never fetch a browser
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--disable-gpu", f"--window-size={width},{height}", "--lang=es",
                     "--hide-scrollbars"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "intl.accept_languages": "es,es-419",
    })
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


def screenshot(driver, name: str, width: int = 1366) -> Path:
    """The whole page, not just the window, as tests/artifacts/dashboard/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(width, max(600, min(int(height) + 40, 8000)))
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(width, 900)
    return path


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def downloaded(directory: Path, timeout: float = 20.0) -> List[Path]:
    """The finished downloads (Chromium writes .crdownload files until done)."""
    wait_for(lambda: any(directory.glob("*.csv"))
             and not any(directory.glob("*.crdownload")), timeout)
    return sorted(directory.glob("*.csv"))
