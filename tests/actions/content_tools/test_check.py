"""`senda content check` on small fixture content (content_fixture.py): each kind of
mistake staff can make in an answer or a translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.actions.content_tools.content_fixture import EN, QUC, SHELTER, run_check, write_fixture


def lines(report) -> str:
    return report.format()


def test_clean_content_has_no_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run_check(write_fixture(tmp_path), monkeypatch)
    assert report.errors == []
    assert "unreviewed drafts" in lines(report)  # K'iche' drafts are listed as warnings


def test_a_missing_language_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run_check(write_fixture(tmp_path, quc={"utter_thanks": "Maltyoxʼ!"}), monkeypatch)
    assert [(f.answer, f.language) for f in report.errors] == [("utter_shelter", "quc")]
    assert "missing translation" in report.errors[0].message


def test_a_phone_number_changed_in_one_translation_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    en = {**EN, "utter_shelter": EN["utter_shelter"].replace("555-0100", "555-0199")}
    report = run_check(write_fixture(tmp_path, en=en), monkeypatch)
    assert len(report.errors) == 1
    assert report.errors[0].language == "en" and "phone numbers differ" in report.errors[0].message


def test_a_changed_link_or_placeholder_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    en = {**EN, "utter_shelter": "Call the shelter: 555-0100. More: https://example.org/x {recursos}"}
    messages = [f.message for f in run_check(write_fixture(tmp_path, en=en), monkeypatch).errors]
    assert any("links differ" in m for m in messages)
    assert any("placeholders differ" in m for m in messages)


def test_a_fact_without_a_source_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run_check(write_fixture(tmp_path, shelter_meta={"sources": []}), monkeypatch)
    assert [f.answer for f in report.errors] == ["utter_shelter"]
    assert "no source" in report.errors[0].message


def test_a_past_review_date_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = run_check(write_fixture(tmp_path, shelter_meta={"review_by": "2026-01-31"}), monkeypatch)
    assert report.errors == []
    assert any(
        "past their review date" in f.message and "utter_shelter (2026-01-31)" in f.message
        for f in report.warnings
    )


@pytest.mark.parametrize(
    "status_of, status_date, review_by, refused",
    [
        ("US", "2026-08-19", "2026-10-18", False),  # 60 days for a US status
        ("US", "2026-08-19", "2027-01-22", True),  # counted from the day the facts were read
        ("MX", "2026-08-19", "2027-02-15", False),  # 180 days for any other
        ("MX", "2026-08-19", "2027-02-16", True),
    ],
)
def test_review_by_follows_the_facts_status_date(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    status_of: str,
    status_date: str,
    review_by: str,
    refused: bool,
) -> None:
    meta = {"status_of": status_of, "status_date": status_date, "review_by": review_by}
    report = run_check(write_fixture(tmp_path, shelter_meta=meta), monkeypatch)
    errors = [f.message for f in report.errors]
    assert bool(errors) == refused, errors
    if refused:
        assert "later than its facts allow" in errors[0]


def test_an_answer_with_facts_needs_their_status_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meta = {"status_date": None, "status_of": None}
    report = run_check(write_fixture(tmp_path, shelter_meta=meta), monkeypatch)
    assert [f.answer for f in report.errors] == ["utter_shelter"]
    assert "no status_date" in report.errors[0].message


def test_a_text_too_long_for_telegram_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    long_text = SHELTER + " " + "palabra " * 600
    en = {**EN, "utter_shelter": EN["utter_shelter"] + " " + "word " * 600}
    quc = {**QUC, "utter_shelter": QUC["utter_shelter"] + " " + "tzij " * 600}
    report = run_check(write_fixture(tmp_path, shelter_text=long_text, en=en, quc=quc), monkeypatch)
    assert any("over Telegram's 4096" in f.message and f.language is None for f in report.errors)


def test_a_stale_translation_is_a_warning_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = run_check(write_fixture(tmp_path, fuzzy=True), monkeypatch)
    assert report.errors == []
    assert any("stale translation" in f.message for f in report.warnings)


def test_a_kiche_glottal_stop_typed_as_an_apostrophe_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loose = {**QUC, "utter_thanks": "Maltyox'!  Kʼo k'ax"}
    report = run_check(write_fixture(tmp_path, quc=loose), monkeypatch)
    flagged = [f for f in report.warnings if "glottal stop" in f.message]
    assert [(f.answer, f.language) for f in flagged] == [("utter_thanks", "quc")]
    assert not report.errors
