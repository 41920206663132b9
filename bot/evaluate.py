"""`senda eval FILE.csv`: run rows through the running stack and score them per language.

Each row is a fresh conversation (sender id EVAL_SENDER_PREFIX + a uuid, which
analytics leaves out): optional /set_language and /set_country payloads, then the
text. A row passes when its expected topic is among the topics of that turn: the
bot events' metadata.utter_action and metadata.topic
(a rumour's correction counts as smuggler_myths) and the actions run.
"""
from __future__ import annotations

import csv
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Set

from bot.identity import EVAL_SENDER_PREFIX
from bot.rasa_client import RasaClient

COLUMNS = ["language", "country", "text", "expected"]
NO_PRESET = "auto"


class EvalFileError(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    line: int
    language: str
    country: str
    text: str
    expected: str


@dataclass
class Item:
    text: str
    language: str
    expected: str
    got: List[str]
    language_after: Optional[str]
    passed: bool

    def as_json(self) -> Dict[str, Any]:
        data = asdict(self)
        data["pass"] = data.pop("passed")
        return data


def read_rows(path: Path) -> List[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or [f.strip() for f in reader.fieldnames] != COLUMNS:
            raise EvalFileError(f"{path}: the header must be {','.join(COLUMNS)}")
        rows = []
        for number, record in enumerate(reader, start=2):
            text = (record.get("text") or "").strip()
            expected = (record.get("expected") or "").strip()
            if not text or not expected:
                raise EvalFileError(f"{path}:{number}: 'text' and 'expected' are required")
            rows.append(Row(number, (record.get("language") or "").strip(),
                            (record.get("country") or "").strip().upper(), text, expected))
    return rows


def turn_topics(events: List[Dict[str, Any]]) -> List[str]:
    """Topic ids of the last turn: events after the last user message."""
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    topics: List[str] = []
    for event in events[last_user + 1:]:
        if event.get("event") == "bot":
            metadata = event.get("metadata") or {}
            utter = metadata.get("utter_action") or ""
            if utter:
                topics.append(utter[len("utter_"):] if utter.startswith("utter_") else utter)
            if metadata.get("topic"):
                topics.append(str(metadata["topic"]))
        elif event.get("event") == "action":
            name = event.get("name") or ""
            if name and name != "action_listen":
                topics.append(name)
    return list(dict.fromkeys(topics))


def run_row(client: RasaClient, row: Row) -> Item:
    sender = EVAL_SENDER_PREFIX + uuid.uuid4().hex
    if row.language:
        client.send(sender, '/set_language{"language":"%s"}' % row.language)
    if row.country:
        client.send(sender, '/set_country{"country":"%s"}' % row.country)
    client.send(sender, row.text)
    tracker = client.tracker(sender)
    got = turn_topics(tracker.get("events") or [])
    return Item(text=row.text, language=row.language or NO_PRESET, expected=row.expected,
                got=got, language_after=(tracker.get("slots") or {}).get("language"),
                passed=row.expected in got)


def evaluate(client: RasaClient, rows: List[Row], workers: int = 4) -> Dict[str, Any]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        items = list(pool.map(lambda row: run_row(client, row), rows))
    by_language: Dict[str, float] = {}
    for language in dict.fromkeys(item.language for item in items):
        group = [item for item in items if item.language == language]
        by_language[language] = sum(item.passed for item in group) / len(group)
    overall = sum(item.passed for item in items) / len(items) if items else 0.0
    return {"overall": overall, "by_language": by_language,
            "items": [item.as_json() for item in items]}


def format_report(report: Dict[str, Any]) -> str:
    items = report["items"]
    lines = [f"{'language':<10}{'rows':>6}{'passed':>8}{'accuracy':>10}"]
    for language, accuracy in report["by_language"].items():
        group = [i for i in items if i["language"] == language]
        passed = sum(i["pass"] for i in group)
        lines.append(f"{language:<10}{len(group):>6}{passed:>8}{accuracy:>10.1%}")
    lines.append(f"{'overall':<10}{len(items):>6}{sum(i['pass'] for i in items):>8}"
                 f"{report['overall']:>10.1%}")
    auto = [i for i in items if i["language"] == NO_PRESET]
    if auto:
        settled: Dict[str, int] = {}
        for item in auto:
            key = item["language_after"] or "none"
            settled[key] = settled.get(key, 0) + 1
        lines.append("no language preset, settled on: "
                     + ", ".join(f"{k}={v}" for k, v in sorted(settled.items())))
    failures: Set[str] = {f"  [{i['language']}] {i['text']!r}: expected {i['expected']}, "
                          f"got {', '.join(i['got']) or 'nothing'}" for i in items if not i["pass"]}
    if failures:
        lines.append(f"failures ({len(failures)}):")
        lines.extend(sorted(failures))
    return "\n".join(lines)


def write_json(report: Dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)  # `make eval` writes results/ on a fresh clone
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
