"""Spelling normalisation used wherever user text is matched.

Users write the K'iche' glottal stop as ', ’, ‘, ` or ʼ (U+02BC) and often skip
accents. Normalisation maps every character to exactly one character, so entity
offsets in Rasa training data stay valid after it. The canonical glottal stop is
ʼ (U+02BC, the ALMG spelling): a letter to regex and Rasa's tokenizer, so "kʼo"
stays one word.
"""

from __future__ import annotations

import unicodedata

GLOTTAL_STOP = "ʼ"
_GLOTTAL_VARIANTS = "'’‘`´ʻʹ′ꞌ"
_TABLE = {ord(ch): GLOTTAL_STOP for ch in _GLOTTAL_VARIANTS}


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base = decomposed[0]
    # Keep one character per character: drop accents only from precomposed letters.
    return base if len(decomposed) > 1 and base.isascii() else ch


def normalize(text: str) -> str:
    """Lower-case, unify glottal stops, strip accents (ñ→n, á→a); length-preserving."""
    folded = text.translate(_TABLE).lower()
    return "".join(_fold_char(ch) for ch in folded)


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units): emoji count twice."""
    return len(text.encode("utf-16-le")) // 2


# Telegram's limit for one message, in the units telegram_length counts.
TELEGRAM_MAX_MESSAGE = 4096
