"""Personal data out of a question before staff see it as an example or a label.

Removed, each replaced by MARK: phone numbers, emails and @handles, URLs (with or
without a scheme), numbers that look like documents, and names after "me llamo /
mi nombre es / soy", "my name is / I'm" and K'iche' "nu bʼiʼ" (either side of it).

What counts as a document or phone number: any run of digits joined by spaces,
dots, dashes, slashes or brackets with 7 or more digits in all (an 8-digit GT/HN/SV
phone, a 10-digit MX/US one, a 13-digit DPI, "+52 55 1234 5678", a full date such
as a birth date "15/03/1990"), and any word mixing letters with 5 or more digits
(passport "G12345678", A-number "A123456789", CURP). Kept, because a question needs
them and they name nobody: ages and counts ("17 años", "2 hijos"), years ("2024"),
amounts up to six digits, postal codes, times, form names ("I-589", "DS-160").

Matching is done on actions.content.text.normalize(text), which keeps every character's
position, so spans found there are cut from the original text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Optional, Tuple

from actions.content.text import GLOTTAL_STOP, normalize
from bot.analytics.words import Words, words

MARK = "[…]"

MIN_PHONE_DIGITS = 7  # US local numbers have 7; GT, HN, SV 8; MX, US 10
MIN_DOCUMENT_DIGITS = 5  # in a word that also has letters
MAX_NAME_WORDS = 4  # two given names and two surnames are common
MAX_NAME_WORDS_BEFORE = 2  # K'iche' "Xwan Tzoc nubʼiʼ"

Span = Tuple[int, int]

_TLDS = "com|org|net|edu|gob|gov|int|info|io|me|ly|co|mx|gt|hn|sv|us|es|ni|cr|pa|app|link"
_URL = re.compile(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"]+"
    # A domain label has at most 63 characters (DNS).
    rf"|(?<![a-z0-9.-])(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b"
    r"(?:/[^\s<>\"]*)?"
)
_URL_TRAILING = '.,;:!?)]}»"' + GLOTTAL_STOP
# The look-behinds start a match only where a run of such characters starts: without
# them a long word costs the square of its length.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@[a-z0-9_]{3,}")
_DIGIT_RUN = re.compile(r"(?<!\w)\+?\(?\d(?:[ \t.\-/()]{1,2}\d|\d)*\)?")
_ALNUM_WORD = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)*\b")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LAST_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*$")
_GAP_AFTER_PHRASE = re.compile(r"[ \t]*(?:[:\-–][ \t]*)?")
_BLANK = re.compile(r"[ \t]+")


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _url_spans(norm: str) -> List[Span]:
    spans = []
    for match in _URL.finditer(norm):
        end = match.end()
        while end > match.start() and norm[end - 1] in _URL_TRAILING:
            end -= 1
        spans.append((match.start(), end))
    return spans


def _number_spans(norm: str) -> List[Span]:
    spans = [m.span() for m in _DIGIT_RUN.finditer(norm) if _digits(m.group()) >= MIN_PHONE_DIGITS]
    for match in _ALNUM_WORD.finditer(norm):
        word = match.group()
        if any(ch.isalpha() for ch in word) and _digits(word) >= MIN_DOCUMENT_DIGITS:
            spans.append(match.span())
    return spans


def _phrase_pattern(phrases: Tuple[str, ...]) -> Optional["re.Pattern[str]"]:
    """Phrases as written in words.yml; the glottal stop may also be left out ("nu bi")."""
    if not phrases:
        return None
    alternatives = [
        r"\s+".join(re.escape(part).replace(GLOTTAL_STOP, GLOTTAL_STOP + "?") for part in phrase.split())
        for phrase in phrases
    ]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


@lru_cache(maxsize=4)
def _patterns(lists: Words) -> Tuple[Optional["re.Pattern[str]"], ...]:
    return (
        _phrase_pattern(lists.any_case_phrases),
        _phrase_pattern(lists.capitalised_phrases),
        _phrase_pattern(lists.name_before),
    )


def _is_name_word(word: str, original: str, capitalised: bool, lists: Words) -> bool:
    if word in lists.stop_words or word in lists.not_names:
        return False
    return original[:1].isupper() or not capitalised


def _name_after(norm: str, text: str, start: int, capitalised: bool, lists: Words) -> Optional[Span]:
    """The name that follows a phrase: name words separated by blanks only, particles
    ("de la") inside it, ending at punctuation, a stop word or MAX_NAME_WORDS."""
    position = _GAP_AFTER_PHRASE.match(norm, start).end()  # type: ignore[union-attr]
    first: Optional[int] = None
    last: Optional[int] = None
    taken = 0
    while taken < MAX_NAME_WORDS:
        word = _WORD.match(norm, position)
        if not word:
            break
        if _is_name_word(word.group(), text[word.start() : word.end()], capitalised, lists):
            first = word.start() if first is None else first
            last, taken = word.end(), taken + 1
        elif first is None or word.group() not in lists.particles:
            break
        blank = _BLANK.match(norm, word.end())
        if not blank:
            break
        position = blank.end()
    # A trailing particle ("Ana de") stays: `last` ends at the last name word.
    return (first, last) if first is not None and last is not None else None


def _name_before(norm: str, phrase_start: int, lists: Words) -> Optional[Span]:
    """K'iche' order: up to MAX_NAME_WORDS_BEFORE words right before "nubʼiʼ"."""
    start: Optional[int] = None
    end: Optional[int] = None
    position = phrase_start
    for _ in range(MAX_NAME_WORDS_BEFORE):
        before = norm[:position].rstrip(" \t")
        if len(before) == position:  # no blank: not a separate word
            break
        word = _LAST_WORD.search(before)
        if not word or word.group() in lists.stop_words:
            break
        start, position = word.start(), word.start()
        end = word.end() if end is None else end
    return (start, end) if start is not None and end is not None else None


def _name_spans(norm: str, text: str, lists: Words) -> List[Span]:
    any_case, capitalised, before = _patterns(lists)
    spans: List[Span] = []
    for pattern, needs_capital in ((any_case, False), (capitalised, True)):
        if pattern is None:
            continue
        for match in pattern.finditer(norm):
            span = _name_after(norm, text, match.end(), needs_capital, lists)
            if span:
                spans.append(span)
    if before is not None:
        for match in before.finditer(norm):
            span = _name_before(norm, match.start(), lists)
            if span:
                spans.append(span)
    return spans


def _merge(spans: List[Span]) -> List[Span]:
    merged: List[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def personal_spans(text: str) -> List[Span]:
    """Where personal data sits in text (sorted, not overlapping)."""
    norm = normalize(text)
    lists = words()
    spans = (
        _url_spans(norm)
        + [m.span() for m in _EMAIL.finditer(norm)]
        + _number_spans(norm)
        + _name_spans(norm, text, lists)
    )
    return _merge([span for span in spans if span[1] > span[0]])


def scrub(text: str) -> str:
    """text with every piece of personal data replaced by MARK."""
    pieces: List[str] = []
    position = 0
    for start, end in personal_spans(text):
        pieces.append(text[position:start])
        pieces.append(MARK)
        position = end
    pieces.append(text[position:])
    return "".join(pieces)
