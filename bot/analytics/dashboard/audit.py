"""The audit log: who logged in (or failed to), logged out and exported what.

A table `senda_audit` beside the tracker store's `events` (same SENDA_DB_URL),
created explicitly by `AuditLog.ensure()` at the dashboard's start. Never a
password; for a failed login only the name that was typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, Text, inspect, select
from sqlalchemy.engine import Engine

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGIN_LOCKED = "login_locked"
LOGOUT = "logout"
EXPORT = "export"

_metadata = MetaData()
audit_table = Table(
    "senda_audit",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),  # UTC
    Column("user_name", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("details", Text, nullable=False, default="{}"),
)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    user: str
    action: str
    details: Dict[str, Any]

    def format(self) -> str:
        shown = " ".join(f"{k}={v}" for k, v in self.details.items() if v not in (None, ""))
        line = f"{self.at:%Y-%m-%d %H:%M:%S} UTC  {self.user:<20} {self.action:<13} {shown}"
        return line.rstrip()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class AuditLog:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def ensure(self) -> None:
        """Create the table if it is missing (at start, never at import)."""
        _metadata.create_all(self.engine, tables=[audit_table], checkfirst=True)

    def exists(self) -> bool:
        return inspect(self.engine).has_table(audit_table.name)

    def record(self, user: str, action: str, details: Optional[Mapping[str, Any]] = None) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                audit_table.insert().values(
                    at=_now(),
                    user_name=user[:64],
                    action=action,
                    details=json.dumps(dict(details or {}), ensure_ascii=False, sort_keys=True),
                )
            )

    def entries(self, since: Optional[datetime] = None, limit: Optional[int] = None) -> List[AuditEntry]:
        """Oldest first; `since` in UTC."""
        if not self.exists():
            return []
        query = select(audit_table).order_by(audit_table.c.at, audit_table.c.id)
        if since is not None:
            query = query.where(audit_table.c.at >= since)
        with self.engine.connect() as connection:
            rows = connection.execute(query).fetchall()
        if limit is not None:
            rows = rows[-limit:]
        return [
            AuditEntry(
                at=row.at, user=row.user_name, action=row.action, details=json.loads(row.details or "{}")
            )
            for row in rows
        ]
