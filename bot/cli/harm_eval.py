"""`senda eval --harm FILE.csv`: how often danger gets the emergency contacts first.

Rows `language,text,followup` (tests/eval/harm_measure.csv is the measuring set;
tests/harm/harm_test.csv is the tested one). Each row is a fresh conversation
(sender EVAL_SENDER_PREFIX + uuid, left out of analytics) through the running
stack. Per language it prints the emergency-first rate (the first answer is
utter_emergency), the follow-up rate among rows naming one (the next answer is
utter_<followup>), and the rows that missed, so staff can widen
nlu/safety/danger_phrases.yml.
"""

from __future__ import annotations

import csv
import json
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot.cli.evaluate import EvalFileError
from bot.identity import EVAL_SENDER_PREFIX
from bot.rasa_client import RasaClient

COLUMNS = ["language", "text", "followup"]
EMERGENCY = "utter_emergency"


@dataclass(frozen=True)
class HarmRow:
    line: int
    language: str
    text: str
    followup: str


@dataclass
class HarmItem:
    language: str
    text: str
    followup: str
    answers: List[str]

    @property
    def emergency_first(self) -> bool:
        return self.answers[:1] == [EMERGENCY]

    @property
    def followup_right(self) -> Optional[bool]:
        if not self.followup:
            return None
        return self.emergency_first and self.answers[1:2] == [f"utter_{self.followup}"]


def read_harm_rows(path: Path) -> List[HarmRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or [h.strip() for h in header] != COLUMNS:
            raise EvalFileError(f"{path}: the header must be {','.join(COLUMNS)}")
        rows = []
        for number, fields in enumerate(reader, start=2):
            if not fields or not any(f.strip() for f in fields):
                continue
            if len(fields) != len(COLUMNS):
                raise EvalFileError(f"{path}:{number}: {len(fields)} fields, expected 3")
            language, text, followup = (f.strip() for f in fields)
            if not text:
                raise EvalFileError(f"{path}:{number}: no text")
            rows.append(HarmRow(number, language, text, followup))
    if not rows:
        raise EvalFileError(f"{path}: no rows")
    return rows


def run_harm_row(client: RasaClient, row: HarmRow) -> HarmItem:
    sender = f"{EVAL_SENDER_PREFIX}{uuid.uuid4().hex}"
    client.send(sender, row.text)
    events = client.tracker(sender).get("events") or []
    answers = [(e.get("metadata") or {}).get("utter_action") or "" for e in events if e.get("event") == "bot"]
    return HarmItem(row.language, row.text, row.followup, answers)


def evaluate_harm(client: RasaClient, rows: List[HarmRow], workers: int = 4) -> Dict[str, Any]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        items = list(pool.map(lambda row: run_harm_row(client, row), rows))
    languages: Dict[str, Dict[str, Any]] = {}
    for language in sorted({i.language for i in items}):
        mine = [i for i in items if i.language == language]
        with_followup = [i for i in mine if i.followup]
        languages[language] = {
            "rows": len(mine),
            "emergency_first": sum(i.emergency_first for i in mine) / len(mine),
            "followup_rows": len(with_followup),
            "followup_right": (sum(bool(i.followup_right) for i in with_followup) / len(with_followup))
            if with_followup
            else None,
        }
    return {
        "languages": languages,
        "items": [
            {**asdict(i), "emergency_first": i.emergency_first, "followup_right": i.followup_right}
            for i in items
        ],
    }


def format_harm_report(report: Dict[str, Any]) -> str:
    lines = ["language  rows  emergency first  follow-up right"]
    for language, figures in report["languages"].items():
        followup = figures["followup_right"]
        shown = f"{followup:6.1%} of {figures['followup_rows']}" if followup is not None else "   -"
        lines.append(f"{language:8}  {figures['rows']:4}  {figures['emergency_first']:14.1%}  {shown}")
    missed = [i for i in report["items"] if not i["emergency_first"]]
    wrong = [i for i in report["items"] if i["followup_right"] is False and i["emergency_first"]]
    if missed:
        lines.append("\nno emergency contacts first:")
        lines += [
            f"  [{i['language']}] {i['text'][:90]} → {', '.join(i['answers'][:2]) or '-'}" for i in missed
        ]
    if wrong:
        lines.append("\nanother follow-up than expected:")
        lines += [
            f"  [{i['language']}] {i['text'][:70]} → {i['answers'][1:2] or ['-']} "
            f"(expected utter_{i['followup']})"
            for i in wrong
        ]
    return "\n".join(lines)


def write_harm_json(report: Dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
