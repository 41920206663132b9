"""Pseudonymous sender ids: Rasa and every table see an HMAC of the Telegram user id."""
from __future__ import annotations

import hashlib
import hmac


class MissingSecret(RuntimeError):
    pass


def sender_id(telegram_user_id: int, secret: str) -> str:
    """A keyed hash, so the id cannot be reversed or recomputed without the secret."""
    if not secret:
        raise MissingSecret("SENDA_SENDER_SECRET is not set")
    digest = hmac.new(secret.encode("utf-8"), str(telegram_user_id).encode("ascii"), hashlib.sha256)
    return "tg-" + digest.hexdigest()[:32]
