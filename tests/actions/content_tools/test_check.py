"""`senda content check` on small fixture content: each kind of mistake staff can make."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Dict, Optional

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from actions.content.answers import load_content
from actions.content.catalogs import load_catalogs
from actions.content.directory import load_directory
from actions.content_tools.check import check_content
from actions.content_tools.plain_language import check_plain_language
from actions.content_tools.report import Report
from bot.settings import PROJECT_ROOT

TODAY = date(2026, 11, 22)
SHELTER = "Llama al albergue: 555-0100. Más información: https://example.org/albergue {resources}"
THANKS = "¡Con gusto!"
EN = {
    "utter_shelter": "Call the shelter: 555-0100. More: https://example.org/albergue {resources}",
    "utter_thanks": "You're welcome!",
}
QUC = {
    "utter_shelter": "Chatzijonij ri albergue: 555-0100. https://example.org/albergue {resources}",
    "utter_thanks": "Maltyoxʼ!",
}


def write_fixture(
    root: Path,
    shelter_meta: Optional[Dict] = None,
    shelter_text: str = SHELTER,
    en: Optional[Dict[str, str]] = None,
    quc: Optional[Dict[str, str]] = None,
    fuzzy: bool = False,
) -> Path:
    meta = {
        "topic": "find_shelter",
        "reviewed_on": "2026-11-01",
        "review_by": "2027-04-30",
        "status_date": "2026-11-01",
        "status_of": "GT",
        "sources": [{"url": "https://example.org/albergue", "retrieved": "2026-11-01"}],
    }
    meta.update(shelter_meta or {})
    (root / "responses").mkdir(parents=True, exist_ok=True)
    (root / "responses" / "answers.yml").write_text(
        yaml.safe_dump(
            {
                "responses": {
                    "utter_shelter": [{"text": shelter_text, "metadata": meta}],
                    "utter_thanks": [{"text": THANKS, "metadata": {"topic": "thanks"}}],
                }
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    (root / "locales").mkdir(exist_ok=True)
    shutil.copy(PROJECT_ROOT / "locales" / "languages.yml", root / "locales" / "languages.yml")
    sources = {"utter_shelter": shelter_text, "utter_thanks": THANKS}
    for language, table in (("en", EN if en is None else en), ("quc", QUC if quc is None else quc)):
        catalog = Catalog(locale=None, domain="responses")
        for name, text in table.items():
            comments = ["status: draft (needs review)"] if language == "quc" else []
            flags = ["fuzzy"] if fuzzy and name == "utter_shelter" else []
            catalog.add(sources[name], text, context=name, user_comments=comments, flags=flags)
        folder = root / "locales" / language / "LC_MESSAGES"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "responses.po").open("wb") as handle:
            write_po(handle, catalog)
    return root


def run_check(root: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SENDA_ROOT", str(root))
    return check_content(load_content(root / "responses"), load_catalogs(), today=TODAY)


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


def style_findings(root: Path, text: str) -> Report:
    """check_plain_language on one information answer (its topic rated: find_shelter)."""
    (root / "responses").mkdir(parents=True, exist_ok=True)
    (root / "responses" / "answers.yml").write_text(
        yaml.safe_dump(
            {"responses": {"utter_find_shelter": [{"text": text, "metadata": {"topic": "find_shelter"}}]}},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    (root / "responses" / "topics.yml").write_text(
        yaml.safe_dump({"topics": {"find_shelter": {"theme": "protection", "title": "Albergue"}}}),
        encoding="utf-8",
    )
    report = Report()
    check_plain_language(load_content(root / "responses"), [], report)
    return report


def test_a_long_link_is_an_error_and_a_long_answer_a_warning(tmp_path: Path) -> None:
    link = "https://example.org/" + "a" * 90
    sentence = " ".join(["palabra"] * 30) + "."
    report = style_findings(tmp_path, f"Llama: 555-0100. {link}\n{sentence}\n" + "Otra frase corta. " * 40)
    assert [f.message[:28] for f in report.errors] == ["a link of 110 characters (ov"]
    warnings = [f.message for f in report.warnings]
    assert any("over 700" in w for w in warnings)
    assert any("a sentence of 30 words" in w for w in warnings)


def test_a_short_plain_answer_is_not_flagged(tmp_path: Path) -> None:
    report = style_findings(tmp_path, "Llama antes de ir: 555-0100. Es gratis.\n{resources}")
    assert report.findings == []


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


def test_the_command_exits_non_zero_on_an_error(tmp_path: Path) -> None:
    root = write_fixture(tmp_path, shelter_meta={"sources": []})
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "content", "check"],
        cwd=PROJECT_ROOT,
        env={"SENDA_ROOT": str(root), "PATH": ""},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "error: utter_shelter: states a link or phone number but lists no source" in result.stdout


def test_the_shipped_content_has_no_errors() -> None:
    report = check_content(load_content(), load_catalogs(), directory=load_directory())
    assert report.errors == [], report.format()


def test_a_kiche_glottal_stop_typed_as_an_apostrophe_is_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loose = {**QUC, "utter_thanks": "Maltyox'!  Kʼo k'ax"}
    report = run_check(write_fixture(tmp_path, quc=loose), monkeypatch)
    flagged = [f for f in report.warnings if "glottal stop" in f.message]
    assert [(f.answer, f.language) for f in flagged] == [("utter_thanks", "quc")]
    assert not report.errors


def _with_directory_and_rumours(root: Path, resources: list, rumours: list) -> Path:
    (root / "responses" / "resources.yml").write_text(
        yaml.safe_dump({"verification_window_days": 180, "resources": resources}, allow_unicode=True),
        encoding="utf-8",
    )
    (root / "responses" / "places.yml").write_text(
        yaml.safe_dump(
            {
                "places": {
                    "tapachula": {
                        "name": "Tapachula",
                        "country": "MX",
                        "geonameid": 3516266,
                        "lat": 14.90541,
                        "lon": -92.25891,
                    }
                }
            }
        ),
        encoding="utf-8",
    )
    (root / "responses" / "rumours.yml").write_text(
        yaml.safe_dump({"rumours": rumours}, allow_unicode=True), encoding="utf-8"
    )
    return root


def _resource(id: str, **fields) -> dict:
    entry = {
        "id": id,
        "country": "MX",
        "type": "shelter",
        "name": id,
        "phone": "555-0100",
        "serves": ["all"],
        "verified_on": "2026-11-01",
        "source": {"url": "https://example.org", "page_date": "2026-11-01"},
    }
    entry.update(fields)
    return entry


def _rumour(id: str, answer: str = "utter_shelter", **fields) -> dict:
    entry = {
        "id": id,
        "answer": answer,
        "keywords": {"es": ["frontera + abiert*"], "en": ["border + open"], "quc": ["frontera + jaqal"]},
        "examples": {"es": ["ya abrieron"], "en": ["it is open"], "quc": ["xjaqatajik"]},
    }
    entry.update(fields)
    return entry


def test_a_resource_in_a_town_missing_from_places_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions.content_tools.check import check_working_content

    root = _with_directory_and_rumours(
        write_fixture(tmp_path),
        [_resource("known", places=["tapachula"]), _resource("typo", places=["tapachulla"])],
        [],
    )
    monkeypatch.setenv("SENDA_ROOT", str(root))
    report = check_working_content(root, TODAY)
    assert [f.line() for f in report.errors] == [
        "error: resource typo: places tapachulla are not in places.yml: add the town there "
        "(with its geonameid) or fix the name"
    ]


def test_rumours_staff_would_not_see_working_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions.content_tools.check import check_working_content

    no_kiche = _rumour("no_kiche")
    no_kiche["keywords"] = {"es": ["coyote + garantiz*"], "en": ["guaranteed + crossing"]}
    root = _with_directory_and_rumours(
        write_fixture(tmp_path),
        [],
        [
            _rumour("fine"),
            _rumour("lost_answer", answer="utter_does_not_exist"),
            {"id": "broken", "answer": "utter_thanks"},
            no_kiche,
        ],
    )
    monkeypatch.setenv("SENDA_ROOT", str(root))
    report = check_working_content(root, TODAY)
    errors = "\n".join(f.line() for f in report.errors)
    assert "rumour lost_answer: answer utter_does_not_exist is not in responses/" in errors
    assert "rumour broken has neither keywords nor examples: this rumour is not recognised" in errors
    assert len(report.errors) == 2
    assert "warning: rumour no_kiche: no keywords in quc" in report.format()
    assert "fine" not in report.format()


def test_a_broken_content_file_gets_its_place_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_fixture(tmp_path)
    (root / "responses" / "answers.yml").write_text(
        'responses:\n  utter_thanks:\n  - text: "unclosed\n', encoding="utf-8"
    )
    for command in ("check", "publish"):
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", "content", command],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "SENDA_ROOT": str(root)},
        )
        assert result.returncode == 2, result.stderr
        assert "answers.yml" in result.stderr and "line" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (root / "published").exists()
