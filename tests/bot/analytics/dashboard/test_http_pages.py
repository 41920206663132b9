"""The dashboard's pages over real HTTP (the process and store: conftest.py): the
overview's figures and filters, bad filters named, the interface language, the
unanswered questions and the answers rated 👎, examples turned off, and a setting it
cannot use."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from bot.analytics.dashboard.process import DashboardProcess
from bot.settings import PROJECT_ROOT
from tests.bot.analytics.dashboard.http_helpers import csv_rows
from tests.support.analytics_fixture import (
    BUS_QUESTIONS,
    OUT_OF_SCOPE_QUESTIONS,
    WEATHER_QUESTIONS,
)
from tests.support.dashboard_harness import MARCH, logged_in, running_dashboard


def test_the_overview_shows_the_known_figures_and_follows_the_filters(
    dashboard: DashboardProcess, staff: requests.Session
) -> None:
    page = staff.get(dashboard.url + "/", params=MARCH).text
    assert "Lo que la gente pregunta a Senda" in page
    assert re.search(r"<th scope=\"row\">Guatemala</th>\s*<td[^>]*>\s*9\s*</td>", page)
    spanish = staff.get(dashboard.url + "/", params={**MARCH, "language": "es"}).text
    assert re.search(r"<th scope=\"row\">Guatemala</th>\s*<td[^>]*>\s*7\s*</td>", spanish)
    assert '<option value="es" selected>' in spanish
    # Links keep the filters.
    assert "/unanswered?since=2025-03-01&amp;until=2025-03-31&amp;language=es" in spanish


def test_bad_filters_are_named_not_a_traceback(dashboard: DashboardProcess, staff: requests.Session) -> None:
    answer = staff.get(
        dashboard.url + "/",
        params={"since": "ayer", "until": "2025-03-31", "language": "fr", "country": "ZZ"},
    )
    assert answer.status_code == 200
    assert "la fecha de inicio no es una fecha" in answer.text
    assert "Senda no habla ese idioma" in answer.text and "Senda no cubre ese país" in answer.text
    assert "Traceback" not in answer.text
    assert staff.get(dashboard.url + "/nada").status_code == 404


def test_the_page_speaks_the_browser_language_and_remembers_a_choice(dashboard: DashboardProcess) -> None:
    english = logged_in(dashboard.url, language="en-GB,en;q=0.8")
    page = english.get(dashboard.url + "/", params=MARCH).text
    assert '<html lang="en">' in page and "What people ask Senda" in page
    assert "Conversations by country" in page and "Guatemala" in page
    switched = english.get(dashboard.url + "/", params={**MARCH, "lang": "es"}).text
    assert "Conversaciones por país" in switched
    again = english.get(dashboard.url + "/", params=MARCH).text
    assert '<html lang="es">' in again, "the choice is remembered"


def test_unanswered_groups_show_only_big_groups_with_scrubbed_examples(
    dashboard: DashboardProcess, staff: requests.Session
) -> None:
    page = staff.get(dashboard.url + "/unanswered", params=MARCH).text
    groups = re.findall(r'<span class="label">(.*?)</span>\s*<span class="count[^"]*">(.*?)</span>', page)
    assert len(groups) == 1, groups  # the 5 bus-ticket questions; 3 and 2 are too few
    assert groups[0][1] == "5"
    examples = re.findall(r"<li>“(.*?)”</li>", page)
    assert 1 <= len(examples) <= 3
    assert all("tapachula" in e.lower() for e in examples)
    for question in WEATHER_QUESTIONS + OUT_OF_SCOPE_QUESTIONS:
        assert question not in page
    rows = csv_rows(staff.get(dashboard.url + "/export/unanswered.csv", params=MARCH))
    assert rows[0] == ["label", "questions"] and len(rows) == 2 and rows[1][1] == "5"


def test_answers_rated_down_show_their_topic_and_the_scrubbed_comments_after(
    dashboard: DashboardProcess, staff: requests.Session
) -> None:
    page = staff.get(dashboard.url + "/disliked", params={**MARCH, "lang": "en"}).text
    topics = re.findall(
        r'<span class="label">(.*?)</span>\s*<span class="count[^"]*"[^>]*>(.*?)</span>', page
    )
    # legal_aid: 5 people in Mexico pressed 👎, then asked about the bus (their comment);
    # asylum_us: 3 in the US, too few to show what they wrote.
    assert [count for _, count in topics] == ["5", "&lt;5"], topics
    assert "legal" in topics[0][0].lower() and "asylum" in topics[1][0].lower()
    comments = re.findall(r"<li>“(.*?)”</li>", page)
    assert 1 <= len(comments) <= 5 and all("apachula" in c for c in comments)
    for question in WEATHER_QUESTIONS:
        assert question not in page
    assert 'aria-current="page">Not helpful answers' in page
    rows = csv_rows(staff.get(dashboard.url + "/export/disliked.csv", params=MARCH))
    assert rows == [["topic", "down", "comments"], ["legal_aid", "5", "5"], ["asylum_us", "<5", "<5"]]
    spanish = staff.get(dashboard.url + "/disliked", params={**MARCH, "lang": "es"}).text
    assert "Respuestas calificadas como no útiles" in spanish and "apachula" in spanish
    quiet = staff.get(dashboard.url + "/disliked", params={"since": "2025-02-01", "until": "2025-02-28"}).text
    assert "Ninguna respuesta fue calificada como no útil en este periodo." in quiet


def test_examples_can_be_turned_off(store: str, tmp_path: Path) -> None:
    with running_dashboard(store, tmp_path, env={"SENDA_ANALYTICS_EXAMPLES": "off"}) as other:
        session = logged_in(other.url)
        page = session.get(other.url + "/unanswered", params=MARCH).text
        disliked = session.get(other.url + "/disliked", params=MARCH).text
    assert "Los ejemplos están desactivados" in page
    assert "Los comentarios están desactivados" in disliked and "<li>“" not in disliked
    assert re.findall(r'<span class="count[^"]*">5</span>', page), "the group is still shown"
    assert 'class="examples"' not in page and "<li>“" not in page
    for question in BUS_QUESTIONS:
        assert question not in page


def test_a_setting_it_cannot_use_stops_the_dashboard_with_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "analytics", "dashboard", "--port", "1"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "SENDA_DB_URL": f"sqlite:///{tmp_path / 'store.db'}",
            "SENDA_ANALYTICS_MIN_GROUP": "1",
        },
    )
    assert result.returncode == 2
    assert "SENDA_ANALYTICS_MIN_GROUP" in result.stderr and "Traceback" not in result.stderr
