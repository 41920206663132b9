"""Pseudonymous sender ids: Rasa and every table see an HMAC of the Telegram user id."""

from __future__ import annotations

import hashlib
import hmac

# A real person's sender id: this prefix and 32 hex digits (sender_id below).
USER_SENDER_PREFIX = "tg-"
# `senda eval`'s conversations (bot/cli/evaluate.py): not people, so analytics leaves them
# out everywhere. A real id starts with USER_SENDER_PREFIX, so it never matches.
EVAL_SENDER_PREFIX = "eval-"


class MissingSecret(RuntimeError):
    pass


def sender_id(telegram_user_id: int, secret: str) -> str:
    """A keyed hash, so the id cannot be reversed or recomputed without the secret."""
    if not secret:
        raise MissingSecret("SENDA_SENDER_SECRET is not set")
    digest = hmac.new(secret.encode("utf-8"), str(telegram_user_id).encode("ascii"), hashlib.sha256)
    return USER_SENDER_PREFIX + digest.hexdigest()[:32]
