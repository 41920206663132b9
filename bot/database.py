"""The one engine factory: every SQL store Senda opens (Rasa's tracker store for the
analytics, /borrar and retention; the bot's inbox and outbox) is opened here.

Read-only unless asked: PostgreSQL sessions are read-only transactions, SQLite is opened
read-only, so a mistyped path is an error rather than a new empty database. Statement
parameters never reach a log (hide_parameters): they can hold what a person wrote.
"""

from __future__ import annotations

from typing import Any, Dict

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine


def open_engine(url: str, writable: bool = False, wal: bool = False) -> Engine:
    """An engine on `url`. `wal`: SQLite in write-ahead mode, so readers never block the
    writer (the inbox, written and read at once); other databases ignore it."""
    if url.startswith("sqlite"):
        if not writable and "mode=ro" not in url:
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and not path.startswith("file:"):
                url = f"sqlite:///file:{path}?mode=ro&uri=true"
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True
        )
        if wal:

            @event.listens_for(engine, "connect")
            def _wal(connection: Any, record: Any) -> None:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")

        return engine
    connect_args: Dict[str, Any] = {}
    if url.startswith(("postgresql", "postgres")):
        options = "-c jit=off"  # compiling the analytics' big statement costs more than it saves
        if not writable:
            options += " -c default_transaction_read_only=on"
        connect_args["options"] = options
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True, hide_parameters=True)
