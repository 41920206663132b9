"""The durable inbox and outbox: nothing a user sent is lost, nothing is answered twice.

Every update is written here before python-telegram-bot confirms it to Telegram
(see durable_queue.py). An answer is first written to the outbox, then sent one
message at a time, each marked once Telegram accepted it: after a crash the
bot sends only what is still unsent, and never asks Rasa twice.

Privacy: a row holds the chat id and the (scrubbed) update only while it is
unanswered; an answered row keeps the update id, for deduplication, and the
pseudonymous sender id, until it is purged.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from bot.database import open_engine

PENDING = "pending"
ANSWERED = "answered"

metadata = MetaData()

inbox_table = Table(
    "senda_inbox",
    metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("sender", String(64), index=True, nullable=False),
    Column("chat_id", BigInteger, nullable=True),
    Column("payload", Text, nullable=True),
    Column("status", String(16), nullable=False, index=True),
    Column("received_at", DateTime, nullable=False),
    Column("answered_at", DateTime, nullable=True),
)

outbox_table = Table(
    "senda_outbox",
    metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("sender", String(64), index=True, nullable=False),
    Column("chat_id", BigInteger, nullable=False),
    Column("message", Text, nullable=False),
    Column("sent_at", DateTime, nullable=True),
)

chats_table = Table(
    "senda_chats",
    metadata,
    Column("sender", String(64), primary_key=True),
    Column("language", String(8), nullable=True),
    Column("updated_at", DateTime, nullable=False),
)

# Long button payloads behind short callback_data keys (payloads are content, not user data).
payloads_table = Table(
    "senda_payloads",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("payload", Text, nullable=False),
)


@dataclass
class OutMessage:
    """One Telegram message to send: text, and buttons of one kind.

    keyboard: "inline" (buttons under the message), "location" (a keyboard
    button that shares the user's location) or "remove" (hide that keyboard).
    """

    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)
    keyboard: str = "inline"
    reply_to: Optional[int] = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> "OutMessage":
        return cls(**json.loads(raw))


@dataclass
class Pending:
    update_id: int
    chat_id: Optional[int]
    payload: Optional[Dict[str, Any]]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Inbox:
    def __init__(self, url: str) -> None:
        self.engine = open_engine(url, writable=True, wal=True)

    def create(self) -> None:
        metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    # --- inbox -------------------------------------------------------------
    def add(self, update_id: int, sender: str, chat_id: Optional[int], payload: Dict[str, Any]) -> bool:
        """Store a new update; False when this update_id was seen before (a duplicate)."""
        try:
            with self.engine.begin() as db:
                db.execute(
                    insert(inbox_table).values(
                        update_id=update_id,
                        sender=sender,
                        chat_id=chat_id,
                        payload=json.dumps(payload, ensure_ascii=False),
                        status=PENDING,
                        received_at=_now(),
                    )
                )
            return True
        except IntegrityError:
            return False

    def pending(self) -> List[Pending]:
        with self.engine.begin() as db:
            rows = db.execute(
                select(inbox_table.c.update_id, inbox_table.c.chat_id, inbox_table.c.payload)
                .where(inbox_table.c.status == PENDING)
                .order_by(inbox_table.c.update_id)
            ).all()
        return [Pending(r.update_id, r.chat_id, json.loads(r.payload) if r.payload else None) for r in rows]

    def is_pending(self, update_id: int) -> bool:
        with self.engine.begin() as db:
            status = db.execute(
                select(inbox_table.c.status).where(inbox_table.c.update_id == update_id)
            ).scalar()
        return status == PENDING

    def mark_answered(self, update_id: int) -> None:
        """Answered: forget the chat id, the update and the sent replies."""
        with self.engine.begin() as db:
            db.execute(
                update(inbox_table)
                .where(inbox_table.c.update_id == update_id)
                .values(status=ANSWERED, chat_id=None, payload=None, answered_at=_now())
            )
            db.execute(delete(outbox_table).where(outbox_table.c.update_id == update_id))

    def purge_answered(self, older_than: timedelta) -> int:
        """Answered rows are kept a while only to drop Telegram's re-deliveries."""
        with self.engine.begin() as db:
            result = db.execute(
                delete(inbox_table).where(
                    inbox_table.c.status == ANSWERED, inbox_table.c.answered_at < _now() - older_than
                )
            )
        return result.rowcount or 0

    # --- outbox ------------------------------------------------------------
    def answer_of(self, update_id: int) -> Optional[List[tuple[int, OutMessage, bool]]]:
        """The recorded answer (seq, message, sent) of an update, or None if none yet."""
        with self.engine.begin() as db:
            rows = db.execute(
                select(outbox_table.c.seq, outbox_table.c.message, outbox_table.c.sent_at)
                .where(outbox_table.c.update_id == update_id)
                .order_by(outbox_table.c.seq)
            ).all()
        if not rows:
            return None
        return [(r.seq, OutMessage.from_json(r.message), r.sent_at is not None) for r in rows]

    def record_answer(self, update_id: int, sender: str, chat_id: int, messages: List[OutMessage]) -> None:
        with self.engine.begin() as db:
            db.execute(delete(outbox_table).where(outbox_table.c.update_id == update_id))
            if messages:
                db.execute(
                    insert(outbox_table),
                    [
                        {
                            "update_id": update_id,
                            "seq": seq,
                            "sender": sender,
                            "chat_id": chat_id,
                            "message": message.to_json(),
                        }
                        for seq, message in enumerate(messages)
                    ],
                )

    def mark_sent(self, update_id: int, seq: int) -> None:
        with self.engine.begin() as db:
            db.execute(
                update(outbox_table)
                .where(outbox_table.c.update_id == update_id, outbox_table.c.seq == seq)
                .values(sent_at=_now())
            )

    # --- per-chat preferences -----------------------------------------------
    def language(self, sender: str) -> Optional[str]:
        with self.engine.begin() as db:
            return db.execute(select(chats_table.c.language).where(chats_table.c.sender == sender)).scalar()

    def set_language(self, sender: str, language: str) -> None:
        with self.engine.begin() as db:
            changed = db.execute(
                update(chats_table)
                .where(chats_table.c.sender == sender)
                .values(language=language, updated_at=_now())
            ).rowcount
            if not changed:
                try:
                    db.execute(
                        insert(chats_table).values(sender=sender, language=language, updated_at=_now())
                    )
                except IntegrityError:  # written meanwhile by another worker: keep theirs
                    pass

    # --- button payloads ------------------------------------------------------
    def remember_payload(self, key: str, payload: str) -> None:
        with self.engine.begin() as db:
            if db.execute(select(payloads_table.c.key).where(payloads_table.c.key == key)).first():
                return
            try:
                db.execute(insert(payloads_table).values(key=key, payload=payload))
            except IntegrityError:
                pass

    def payload(self, key: str) -> Optional[str]:
        with self.engine.begin() as db:
            return db.execute(select(payloads_table.c.payload).where(payloads_table.c.key == key)).scalar()

    # --- forgetting -------------------------------------------------------------
    def forget(self, sender: str) -> None:
        """Delete what is kept of a sender's answered messages and their language.

        Unanswered messages (the deletion request itself, and any sent after it)
        stay until they are answered: deleting them would lose them.
        """
        with self.engine.begin() as db:
            db.execute(
                delete(inbox_table).where(inbox_table.c.sender == sender, inbox_table.c.status == ANSWERED)
            )
            db.execute(delete(chats_table).where(chats_table.c.sender == sender))

    def forget_update(self, update_id: int) -> None:
        with self.engine.begin() as db:
            db.execute(delete(outbox_table).where(outbox_table.c.update_id == update_id))
            db.execute(delete(inbox_table).where(inbox_table.c.update_id == update_id))

    def rows_of(self, sender: str) -> int:
        """How many rows mention a sender (tests and /borrar's own check)."""
        with self.engine.begin() as db:
            return sum(
                len(db.execute(select(table.c.sender).where(table.c.sender == sender)).all())
                for table in (inbox_table, outbox_table, chats_table)
            )
