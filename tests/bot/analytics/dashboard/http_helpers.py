"""Reading what the dashboard wrote, for its HTTP tests: the audit log's rows and a CSV
answer's rows."""

from __future__ import annotations

import csv
import io
from typing import Dict, List

import requests
from sqlalchemy import create_engine, text


def audit_rows(store: str) -> List[Dict[str, str]]:
    engine = create_engine(store)
    try:
        with engine.connect() as db:
            return [
                dict(row._mapping)
                for row in db.execute(text("SELECT user_name, action, details FROM senda_audit ORDER BY id"))
            ]
    finally:
        engine.dispose()


def csv_rows(answer: requests.Response) -> List[List[str]]:
    return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
