"""The spelling the danger detector matches on, the same for nlu/safety/danger_phrases.yml
and for the message (actions/content/danger.py).

Case, accents and the glottal stop as `actions.content.text.normalize` does, the glottal
stop optional, then the common Spanish spelling variants people type (qu/k, c/s/z,
v/b, ll/y/i, a silent h, repeated letters: "me kieren matar", "auxilioooo",
"ijo"). In the file's words, a `*` at the start or end of a word allows any beginning
or ending; `<age>` stands for an age under 18 (a number or a word).
"""

from __future__ import annotations

import re
from typing import Any, Iterable, List, Pattern, Tuple

from actions.content.text import GLOTTAL_STOP, normalize

# Ages a child travelling or writing alone gives (6 to 17): "tengo 14", "de doce años".
_MINOR_AGE_WORDS = (
    "seis siete ocho nueve diez once doce trece catorce quince dieciseis diecisiete "
    "six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
).split()
MINOR_AGE = "<age>"


def fold(text: str) -> Tuple[str, List[int]]:
    """The matching spelling of `text`, and for each of its characters the index it came from.

    normalize() keeps one character per character; the folding here does not, so
    the map lets a match be shown in the words the user wrote.
    """
    norm = normalize(text)
    out: List[str] = []
    where: List[int] = []
    i, n = 0, len(norm)
    while i < n:
        ch = norm[i]
        nxt = norm[i + 1] if i + 1 < n else ""
        prev = norm[i - 1] if i > 0 else ""
        step = 1
        if ch == "q":
            ch = "k"
            if nxt == "u" and i + 2 < n and norm[i + 2] in "ei":
                step = 2  # que, qui → ke, ki
        elif ch == "c":
            if nxt == "h":
                ch, step = "ch", 2
            elif nxt and nxt in "ei":  # ce, ci (a final c is a k)
                ch = "s"
            elif nxt != "ʼ":
                ch = "k"
        elif ch == "z":
            ch = "s"
        elif ch == "v":
            ch = "b"
        elif ch == "y":
            ch = "i"
        elif ch == "l" and nxt == "l":
            ch, step = "i", 2
        elif (
            ch == GLOTTAL_STOP and nxt == "s" and prev.isalpha() and (i + 2 >= n or not norm[i + 2].isalnum())
        ):
            ch = " "  # English possessive: "my daughterʼs" is "my daughter" then "s"
        elif ch == "h" and prev not in ("c", "s", "t", "p", "w"):
            i += 1
            continue  # a silent h: hijo, ijo
        for piece in ch:
            if out and out[-1] == piece and piece.isalpha():
                continue  # repeated letters: auxilioooo, matarr
            out.append(piece)
            where.append(i)
        i += step
    return "".join(out), where


def _escaped(folded: str) -> str:
    return re.escape(folded).replace(GLOTTAL_STOP, GLOTTAL_STOP + "?")  # ʼ or nothing


def term_regex(term: str) -> str:
    """One word or phrase of the file as a regular expression over folded text."""
    words = normalize(str(term)).split()
    parts: List[str] = []
    for word in words:
        if word == MINOR_AGE:
            ages = "|".join(sorted({fold(w)[0] for w in _MINOR_AGE_WORDS}, key=len, reverse=True))
            parts.append(r"(?:1[0-7]|[6-9]|" + ages + r")")
            continue
        head = word.startswith("*")
        tail = word.endswith("*")
        core = word.strip("*")
        if tail and core.endswith("c") and not core.endswith("cc"):
            # "desaparec*", "ahorc*": the c is an s before e/i and a k before anything else
            body = _escaped(fold(core[:-1])[0]) + "[sk]"
        else:
            body = _escaped(fold(core)[0] if core else "")
        parts.append((r"\w*" if head else "") + body + (r"\w*" if tail else ""))
    if not parts:
        raise ValueError(f"an empty danger phrase: {term!r}")
    return r"\W+".join(parts)


def compile_terms(terms: Iterable[Any], where: str) -> Pattern[str]:
    terms = [str(t) for t in terms or [] if str(t).strip()]
    if not terms:
        raise ValueError(f"{where}: an empty list of words")
    regexes = sorted({term_regex(t) for t in terms}, key=len, reverse=True)
    # Whole words only: the boundaries once, outside the alternatives (much faster).
    return re.compile(r"(?<!\w)(?:" + "|".join(regexes) + r")(?!\w)")
