"""The resource directory: by country, children first, and never stale as if current."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from actions.content.directory import load_directory, page_date_of
from actions.content.directory_render import Marks, render_resources, select
from actions.content.places import nearby_answer
from actions.content_tools.directory_check import check_directory
from actions.content_tools.report import Report
from bot.settings import PROJECT_ROOT

TODAY = date(2026, 11, 22)
NOTE = Marks(since="⚠️ dato sin verificar desde {date}", undated="⚠️ dato sin verificar")
SOURCE = {"url": "https://example.org/fuente", "page_date": "2026-11-01"}


def entry(id: str, **fields) -> dict:
    base = {
        "id": id,
        "country": "GT",
        "type": "shelter",
        "name": id,
        "phone": "5555-0000",
        "serves": ["all"],
        "source": SOURCE,
        "verified_on": "2026-11-01",
    }
    base.update(fields)
    return base


@pytest.fixture
def directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def write(*entries: dict, window: int = 180) -> Path:
        folder = tmp_path / "responses"
        folder.mkdir(exist_ok=True)
        (folder / "resources.yml").write_text(
            yaml.safe_dump(
                {"verification_window_days": window, "resources": list(entries)}, allow_unicode=True
            ),
            encoding="utf-8",
        )
        (tmp_path / "locales").mkdir(exist_ok=True)
        shutil.copy(PROJECT_ROOT / "locales" / "languages.yml", tmp_path / "locales")
        monkeypatch.setenv("SENDA_ROOT", str(tmp_path))
        return folder

    return write


def test_children_and_families_services_come_first(directory) -> None:
    folder = directory(
        entry("Zeta adults"),
        entry("Beta families", serves=["families"]),
        entry("Alfa all"),
        entry("Omega kids", serves=["children"]),
        entry("Other country", country="HN", serves=["children"]),
    )
    chosen = select(load_directory(folder), "find_shelter", "GT")
    # then the directory's own order, where staff put a country's main line first
    assert [r.id for r in chosen] == ["Omega kids", "Beta families", "Zeta adults", "Alfa all"]


def test_a_countrys_emergency_number_comes_first() -> None:
    for country, first in (
        ("MX", "☎ 911"),
        ("GT", "☎ 110"),
        ("HN", "☎ 911"),
        ("SV", "☎ 911"),
        ("US", "☎ 911"),
    ):
        text = render_resources("emergency", country, "es", resources=load_directory())
        lines = [line for line in text.splitlines() if line.startswith("•")]
        assert first in lines[0], (country, lines[0])


def test_the_users_country_and_regional_services_only(directory) -> None:
    folder = directory(entry("gt"), entry("hn", country="HN"), entry("all", country="REGIONAL"))
    assert {r.id for r in select(load_directory(folder), "find_shelter", "GT")} == {"gt", "all"}
    assert {r.id for r in select(load_directory(folder), "find_shelter", None)} == {"all"}


def test_an_entry_past_its_window_is_marked_not_hidden(directory) -> None:
    directory(entry("Fresh"), entry("Old", verified_on="2025-01-10"), window=180)
    text = render_resources("find_shelter", "GT", "es", NOTE)
    fresh, old = [line for line in text.splitlines() if line.startswith("•")]
    assert "sin verificar" not in fresh
    assert "Old" in old and "sin verificar desde enero 2025" in old


def test_the_marker_follows_the_window_setting(directory) -> None:
    directory(entry("Old", verified_on="2025-01-10"), window=3650)
    assert "sin verificar" not in render_resources("find_shelter", "GT", "es", NOTE)


def test_the_marker_is_shown_near_a_location_too(directory) -> None:
    folder = directory(entry("Casa", verified_on="2024-01-01", places=["tapachula"]))
    (folder / "places.yml").write_text(
        yaml.safe_dump(
            {"places": {"tapachula": {"name": "Tapachula", "country": "GT", "lat": 14.9, "lon": -92.26}}}
        ),
        encoding="utf-8",
    )
    answer = nearby_answer(14.91, -92.27, "find_shelter", "en", Marks(since="⚠️ not verified since {date}"))
    assert "Casa" in answer.nearby and "not verified since January 2024" in answer.nearby


def test_an_entry_no_source_dates_is_marked_as_never_verified(directory) -> None:
    undated = {"url": "https://example.org/fuente", "page_date": "not shown"}
    directory(entry("Dated"), entry("Undated", source=undated, verified_on=None))
    text = render_resources("find_shelter", "GT", "es", NOTE)
    dated, never = [line for line in text.splitlines() if line.startswith("•")]
    assert "sin verificar" not in dated
    assert never.endswith("⚠️ dato sin verificar")


@pytest.mark.parametrize(
    "shown, expected",
    [
        ("2025-12-24", date(2025, 12, 24)),
        ("not shown (cites DOF agreement of 2015-12-02)", date(2015, 12, 2)),
        ("shown as 18/04/2024 (the article itself looks older)", date(2024, 4, 18)),
        ("2017-07", date(2017, 7, 1)),
        ("archived 2017-10-23", date(2017, 10, 23)),
        ("not shown (2016 content)", date(2016, 1, 1)),
        ("not shown", None),
        ("not shown (June, year not shown)", None),
    ],
)
def test_a_page_date_is_read_as_the_page_shows_it(shown: str, expected) -> None:
    assert page_date_of(shown) == expected


def test_verified_on_never_claims_more_than_its_sources(directory) -> None:
    old_page = {"url": "https://example.org/2018", "page_date": "2018-05 (report)"}
    no_date = {"url": "https://example.org/x", "page_date": "not shown"}
    folder = directory(
        entry("read_day_as_checked", sources=[old_page], verified_on="2026-11-22"),
        entry("source_date", sources=[old_page], verified_on="2018-05-01"),
        entry(
            "checked_live", sources=[old_page], verified_on="2026-11-20", checked_by="Ana (called the line)"
        ),
        entry("no_date_claimed", sources=[no_date], verified_on="2026-11-22"),
        entry("no_date_honest", sources=[no_date], verified_on=None),
        entry("missing_date", sources=[old_page], verified_on=None),
        entry("future", sources=[old_page], verified_on="2027-01-01", checked_by="Ana"),
        entry("no_page_date", sources=[{"url": "https://example.org/y"}]),
        entry("earlier_than_source", sources=[old_page], verified_on="2017-01-01"),
    )
    report = Report()
    check_directory(load_directory(folder), TODAY, report)
    errors = {f.answer.split()[-1]: f.message for f in report.errors}
    assert set(errors) == {
        "read_day_as_checked",
        "no_date_claimed",
        "missing_date",
        "future",
        "no_page_date",
        "earlier_than_source",
    }
    assert "2018-05-01" in errors["read_day_as_checked"]  # says what to write
    assert "2018-05-01" in errors["missing_date"]
    warnings = " ".join(f.message for f in report.warnings)
    assert "source_date (2018-05-01)" in warnings and "no_date_honest" in warnings
    assert "checked_live" not in warnings


def test_an_emergency_line_nobody_checked_is_warned_apart(directory) -> None:
    stale = {"url": "https://example.org/911", "page_date": "2024-05-24"}
    folder = directory(
        entry("line_911", type="emergency", sources=[stale], verified_on="2024-05-24"),
        entry("shelter", sources=[stale], verified_on="2024-05-24"),
    )
    report = Report()
    check_directory(load_directory(folder), TODAY, report)
    assert [f.answer for f in report.warnings] == ["1 emergency lines", "1 resources"]
    assert "line_911 (2024-05-24)" in report.warnings[0].message
    assert "shelter" in report.warnings[1].message


def test_check_flags_each_kind_of_directory_mistake(directory) -> None:
    folder = directory(
        entry("ok"),
        entry(
            "old",
            verified_on="2025-01-10",
            source={"url": "https://example.org/old", "page_date": "2025-01-10"},
        ),
        entry("no_source", source={}),
        entry("bad_date", verified_on="10/01/2025"),
        entry("bad_type", type="hotel"),
        entry("bad_country", country="CR"),
        entry("bad_audience", serves=["men"]),
        entry("unreachable", phone=None),
        entry("ok"),
    )
    report = Report()
    check_directory(load_directory(folder), TODAY, report)
    errors = {f.answer.split()[-1]: f.message for f in report.errors}
    assert set(errors) == {
        "no_source",
        "bad_date",
        "bad_type",
        "bad_country",
        "bad_audience",
        "unreachable",
        "ok",
    }
    assert "twice" in errors["ok"]
    assert [f.answer for f in report.warnings] == ["1 resources"]
    assert "old (2025-01-10)" in report.warnings[0].message


def test_the_shipped_directory_is_sourced_and_dated() -> None:
    report = Report()
    resources = load_directory()
    check_directory(resources, TODAY, report)
    assert not report.errors, report.format()
    assert len(resources) >= 50
    covered = {(r.country, r.type) for r in resources}
    for country in ("MX", "GT", "HN", "SV", "US"):
        assert (country, "emergency") in covered


def test_offices_near_a_location_with_no_phone_end_with_the_emergency_number(directory) -> None:
    folder = directory(
        entry("Casa", phone=None, address="Calle 1", places=["tapachula"]),
        entry("Línea", phone="5555-0101", places=["tapachula"], type="legal_aid"),
        entry("PNC", type="emergency", phone="110"),
    )
    (folder / "places.yml").write_text(
        yaml.safe_dump(
            {"places": {"tapachula": {"name": "Tapachula", "country": "GT", "lat": 14.9, "lon": -92.26}}}
        ),
        encoding="utf-8",
    )
    shelter = nearby_answer(14.91, -92.27, "find_shelter", "es", NOTE, "☎ Emergencias: {phone}")
    assert "Casa" in shelter.nearby and shelter.country_lines == "☎ Emergencias: 110"
    lawyer = nearby_answer(14.91, -92.27, "legal_aid", "es", NOTE, "☎ Emergencias: {phone}")
    assert "5555-0101" in lawyer.nearby and "Emergencias" not in lawyer.country_lines
