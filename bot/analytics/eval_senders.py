"""`senda eval`'s conversations are not people: every analytics read leaves their senders
out (a sender left out of the session starts has none of its events counted).

One SQL condition and its bind parameter, shared by the counts, the unanswered questions
and the answers rated 👎, so that each read leaves out the same senders the same way.
"""

from __future__ import annotations

from typing import Dict

from bot.identity import EVAL_SENDER_PREFIX

EVAL_SENDERS_PARAM = "eval_senders"
_LIKE_ESCAPE = "!"


def like_prefix(prefix: str) -> str:
    """A LIKE pattern for values starting with `prefix`, its % and _ taken literally."""
    for char in (_LIKE_ESCAPE, "%", "_"):
        prefix = prefix.replace(char, _LIKE_ESCAPE + char)
    return prefix + "%"


def not_eval_sender(column: str) -> str:
    """An SQL condition (SQLite and PostgreSQL): `column` is not a `senda eval` sender.
    Its bind parameter: eval_sender_params()."""
    return f"{column} NOT LIKE :{EVAL_SENDERS_PARAM} ESCAPE '{_LIKE_ESCAPE}'"


def eval_sender_params() -> Dict[str, str]:
    return {EVAL_SENDERS_PARAM: like_prefix(EVAL_SENDER_PREFIX)}
