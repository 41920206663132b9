"""`senda eval FILE.csv`: run rows through the running stack and score them as a user
would see the answer.

Each row is a fresh conversation (sender id EVAL_SENDER_PREFIX + a uuid, which
analytics leaves out): optional /set_language and /set_country
payloads, then the text. The columns are `language,country,text,expected`, with an
optional `also` (a second acceptable topic), `source_url` and `retrieved` (the page and
the day it was read: kept for people, not read). Each row gets an outcome:
- right: the expected (or the `also`) topic was answered in that turn: the bot
  events' metadata.utter_action and metadata.topic (a rumour's correction counts as
  smuggler_myths) and the actions run;
- offered: it was among the "did you mean" buttons (the JSON lists them as `offered`);
- fallback: the bot asked ("did you mean" without it, or out of scope), so the user
  was not misled;
- wrong: a confident answer on another topic, the outcome to keep rare.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from bot.identity import EVAL_SENDER_PREFIX
from bot.rasa_client import RasaClient

COLUMNS = ["language", "country", "text", "expected"]
OPTIONAL_COLUMNS = ["also", "source_url", "retrieved"]
NO_PRESET = "auto"
RIGHT, OFFERED, FALLBACK, WRONG = "right", "offered", "fallback", "wrong"
# The answers that ask instead of answering (not a confident answer on any topic).
ASKING = ("did_you_mean", "out_of_scope")
# Answers whose buttons offer topics: "did you mean", and the topics offered after the
# emergency contacts when it was unclear what else the message asked.
OFFERING = ("did_you_mean", "emergency_more")
CONFUSIONS_SHOWN = 15


class EvalFileError(ValueError):
    pass


@dataclass(frozen=True)
class Row:
    line: int
    language: str
    country: str
    text: str
    expected: str
    also: str = ""


@dataclass
class Item:
    text: str
    language: str
    expected: str
    got: List[str]
    language_after: Optional[str]
    outcome: str
    also: str = ""
    offered: List[str] = field(default_factory=list)
    answered: List[str] = field(default_factory=list)  # the topics of the bot's answers

    @property
    def passed(self) -> bool:
        return self.outcome == RIGHT

    def as_json(self) -> Dict[str, Any]:
        data = asdict(self)
        data["pass"] = self.passed
        return data


def read_rows(path: Path) -> List[Row]:
    """The rows; an EvalFileError names the line of a malformed one (never read silently)."""
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    if not records:
        raise EvalFileError(
            f"{path}: the file is empty; the header must be "
            f"{','.join(COLUMNS)} (optional: {','.join(OPTIONAL_COLUMNS)})"
        )
    header = [name.strip() for name in records[0]]
    unknown = [name for name in header if name not in COLUMNS + OPTIONAL_COLUMNS]
    if unknown or not set(COLUMNS) <= set(header) or len(set(header)) != len(header):
        raise EvalFileError(
            f"{path}:1: the header must be {','.join(COLUMNS)} "
            f"(optional: {','.join(OPTIONAL_COLUMNS)}), not {','.join(header)}"
        )
    rows = []
    for number, fields in enumerate(records[1:], start=2):
        if not any(value.strip() for value in fields):
            continue  # a blank line
        if len(fields) != len(header):
            raise EvalFileError(
                f"{path}:{number}: {len(fields)} fields where the header has "
                f"{len(header)}: a text with a comma must be in double quotes "
                '("like, this")'
            )
        record = {name: value.strip() for name, value in zip(header, fields)}
        if not record["text"] or not record["expected"]:
            raise EvalFileError(f"{path}:{number}: 'text' and 'expected' are required")
        rows.append(
            Row(
                number,
                record["language"],
                record["country"].upper(),
                record["text"],
                record["expected"],
                record.get("also", ""),
            )
        )
    return rows


def _last_turn(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return events[last_user + 1 :]


def _topic_of(utter: str) -> str:
    return utter[len("utter_") :] if utter.startswith("utter_") else utter


def turn_topics(events: List[Dict[str, Any]]) -> List[str]:
    """Topic ids of the last turn: events after the last user message."""
    topics: List[str] = []
    for event in _last_turn(events):
        if event.get("event") == "bot":
            metadata = event.get("metadata") or {}
            utter = metadata.get("utter_action") or ""
            if utter:
                topics.append(_topic_of(utter))
            if metadata.get("topic"):
                topics.append(str(metadata["topic"]))
        elif event.get("event") == "action":
            name = event.get("name") or ""
            if name and name != "action_listen":
                topics.append(name)
    return list(dict.fromkeys(topics))


def turn_answers(events: List[Dict[str, Any]]) -> List[str]:
    """The topic of each answer of the last turn, in order (a rumour's: its metadata.topic)."""
    answers = []
    for event in _last_turn(events):
        if event.get("event") == "bot":
            metadata = event.get("metadata") or {}
            topic = metadata.get("topic") or _topic_of(metadata.get("utter_action") or "")
            if topic:
                answers.append(str(topic))
    return answers


def turn_offered(events: List[Dict[str, Any]]) -> List[str]:
    """The topics offered as buttons in the last turn (payloads /topic)."""
    offered = []
    for event in _last_turn(events):
        if event.get("event") != "bot":
            continue
        if _topic_of((event.get("metadata") or {}).get("utter_action") or "") not in OFFERING:
            continue
        for button in (event.get("data") or {}).get("buttons") or []:
            payload = str(button.get("payload") or "")
            if payload.startswith("/") and "{" not in payload:
                offered.append(payload[1:])
    return offered


def outcome(
    expected: str, also: str, got: Sequence[str], offered: Sequence[str], answered: Sequence[str]
) -> str:
    wanted = {expected} | ({also} if also else set())
    if wanted & set(got):
        return RIGHT
    if wanted & set(offered):
        return OFFERED
    if not answered or any(topic in ASKING for topic in answered):
        return FALLBACK
    return WRONG


def run_row(client: RasaClient, row: Row) -> Item:
    sender = f"{EVAL_SENDER_PREFIX}{uuid.uuid4().hex}"
    if row.language:
        client.send(sender, '/set_language{"language":"%s"}' % row.language)
    if row.country:
        client.send(sender, '/set_country{"country":"%s"}' % row.country)
    client.send(sender, row.text)
    tracker = client.tracker(sender)
    events = tracker.get("events") or []
    got, offered, answered = turn_topics(events), turn_offered(events), turn_answers(events)
    return Item(
        text=row.text,
        language=row.language or NO_PRESET,
        expected=row.expected,
        got=got,
        language_after=(tracker.get("slots") or {}).get("language"),
        outcome=outcome(row.expected, row.also, got, offered, answered),
        also=row.also,
        offered=offered,
        answered=answered,
    )


def _rates(items: Sequence[Item]) -> Dict[str, float]:
    count = Counter(item.outcome for item in items)
    total = len(items) or 1
    return {
        "rows": len(items),
        "right": count[RIGHT] / total,
        "right_or_offered": (count[RIGHT] + count[OFFERED]) / total,
        "fallback": count[FALLBACK] / total,
        "wrong": count[WRONG] / total,
    }


def evaluate(client: RasaClient, rows: List[Row], workers: int = 4) -> Dict[str, Any]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        items = list(pool.map(lambda row: run_row(client, row), rows))
    languages = list(dict.fromkeys(item.language for item in items))
    rates = {language: _rates([i for i in items if i.language == language]) for language in languages}
    confusions = Counter(
        (item.expected, item.answered[0]) for item in items if item.outcome == WRONG and item.answered
    )
    overall = _rates(items)
    return {
        "overall": overall["right"],
        "by_language": {language: rates[language]["right"] for language in languages},
        "rates": {**rates, "overall": overall},
        "confusions": [{"expected": e, "answered": a, "count": n} for (e, a), n in confusions.most_common()],
        "items": [item.as_json() for item in items],
    }


def format_report(report: Dict[str, Any]) -> str:
    items = report["items"]
    lines = [f"{'language':<10}{'rows':>6}{'right':>9}{'+offered':>10}{'fallback':>10}{'wrong':>8}"]
    for language, rate in report["rates"].items():
        lines.append(
            f"{language:<10}{rate['rows']:>6}{rate['right']:>9.1%}"
            f"{rate['right_or_offered']:>10.1%}{rate['fallback']:>10.1%}"
            f"{rate['wrong']:>8.1%}"
        )
    auto = [i for i in items if i["language"] == NO_PRESET]
    if auto:
        settled = Counter(item["language_after"] or "none" for item in auto)
        lines.append(
            "no language preset, settled on: " + ", ".join(f"{k}={v}" for k, v in sorted(settled.items()))
        )
    if report["confusions"]:
        lines.append("wrong answers, most frequent first (expected → answered):")
        lines.extend(
            f"  {c['count']:>3} × {c['expected']} → {c['answered']}"
            for c in report["confusions"][:CONFUSIONS_SHOWN]
        )
    failures = sorted(
        {
            f"  [{i['language']}] {i['outcome']}: {i['text']!r}: expected "
            f"{i['expected']}{'/' + i['also'] if i['also'] else ''}, got "
            f"{', '.join(i['got']) or 'nothing'}"
            for i in items
            if not i["pass"]
        }
    )
    if failures:
        lines.append(f"not right ({len(failures)}):")
        lines.extend(failures)
    return "\n".join(lines)


def write_json(report: Dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)  # `make eval` writes results/ on a fresh clone
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
