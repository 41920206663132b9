"""What the content checks look for in a text: links, phone numbers, {placeholders}.

One place, so the check, the spreadsheet import and the rendering rules read a text
the same way.
"""

from __future__ import annotations

import re
from typing import List

URL = re.compile(r"(?:https?://|www\.)[^\s)]+")
PHONE = re.compile(r"(?<![\w/.-])\+?\d[\d\s-]{1,14}\d(?![\w/])|(?<![\w/.-])\d{3,}(?![\w/])")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
YEAR = re.compile(r"(?:19|20)\d{2}")


def tokens(pattern: "re.Pattern[str]", text: str) -> List[str]:
    """The links, numbers or placeholders of a text, in a comparable form."""
    if pattern is PHONE:  # numbers inside links are the links' business
        return sorted(m.strip().rstrip(".,;:") for m in pattern.findall(URL.sub(" ", text)))
    return sorted(m.rstrip(".,;:") for m in pattern.findall(text))


def has_number(text: str, number: str) -> bool:
    """Whether `number` stands in the text as a number of its own: not part of a longer
    number ("911" in "800 911 2000"), a link or a street address ("Calle 110")."""
    bare = URL.sub(" ", text)
    return (
        any(found.strip().rstrip(".,;:") == number for found in PHONE.findall(bare))
        or re.search(rf"☎\s*{re.escape(number)}(?!\d)", bare) is not None
    )


def stated_phones(text: str) -> List[str]:
    """The phone numbers a text states itself (years, such as 2026, are not phones)."""
    return [t for t in tokens(PHONE, text) if not YEAR.fullmatch(t)]
