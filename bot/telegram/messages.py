"""Text for Telegram: split at paragraph boundaries, escaped as HTML, links made clickable.

Telegram refuses a message over 4096 characters (counted in UTF-16 units) and a
message whose HTML does not parse, so answers are split first and then escaped:
content can never break a message, whatever characters it holds.
"""

from __future__ import annotations

import html
import re
from typing import List

from actions.content.text import TELEGRAM_MAX_MESSAGE as MAX_MESSAGE
from actions.content.text import telegram_length

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+")
_TRAILING = ".,;:!?)»”’"


def _hard_split(text: str, limit: int) -> List[str]:
    """Split one over-long paragraph at line breaks, then spaces, then anywhere."""
    pieces: List[str] = []
    rest = text
    while telegram_length(rest) > limit:
        window = rest[:limit]
        while telegram_length(window) > limit:  # characters outside the BMP count twice
            window = window[:-1]
        cut = max(window.rfind("\n"), window.rfind(" "))
        if cut <= 0:
            cut = len(window)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def split_text(text: str, limit: int = MAX_MESSAGE) -> List[str]:
    """Chunks of at most `limit`, cut between paragraphs wherever possible."""
    chunks: List[str] = []
    current = ""
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        for piece in _hard_split(paragraph.strip(), limit):
            candidate = f"{current}\n\n{piece}" if current else piece
            if telegram_length(candidate) <= limit:
                current = candidate
            else:
                chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return [chunk for chunk in chunks if chunk.strip()]


def _link(match: "re.Match[str]") -> str:
    url = match.group(0)
    stripped = url.rstrip(_TRAILING)
    tail = url[len(stripped) :]
    href = stripped if stripped.startswith("http") else f"https://{stripped}"
    return (
        f'<a href="{html.escape(href, quote=True)}">{html.escape(stripped, quote=False)}</a>'
        + html.escape(tail, quote=False)
    )


def to_html(text: str) -> str:
    """Plain text as Telegram HTML: everything escaped, URLs as links."""
    out: List[str] = []
    last = 0
    for match in _URL.finditer(text):
        out.append(html.escape(text[last : match.start()], quote=False))
        out.append(_link(match))
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)
