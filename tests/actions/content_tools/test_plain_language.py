"""`senda content check`'s plain-language rules on one information answer: a long link is
an error, a long answer or sentence a warning, a short plain answer nothing."""

from __future__ import annotations

from pathlib import Path

import yaml

from actions.content.answers import load_content
from actions.content_tools.plain_language import check_plain_language
from actions.content_tools.report import Report


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
