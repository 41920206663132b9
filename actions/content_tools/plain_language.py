"""Answers a reader on a cheap phone can follow: short, plain, one link that fits.

Warnings for an information answer (a topic that gets 👍/👎: pathways, smugglers,
children, protection, rumours) over MAX_CHARS in Spanish, or with a sentence over
MAX_WORDS; an error for any link over MAX_URL characters, in an answer or in the
directory, since a long link wraps into several lines on a small screen and is
easily cut when copied.
"""

from __future__ import annotations

import re
from typing import List, Sequence

from actions.content.answers import Content, iter_texts
from actions.content.directory import Resource
from actions.content.feedback import is_rated
from actions.content_tools.patterns import PLACEHOLDER, URL
from actions.content_tools.report import ERROR, WARNING, Report

MAX_CHARS = 700
MAX_WORDS = 25
MAX_URL = 100
# A sentence ends at . ! ? ; or a line break; "EE. UU." splits too, which only shortens.
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def sentences(text: str) -> List[str]:
    return [s.strip() for s in SENTENCE_END.split(PLACEHOLDER.sub(" ", text)) if s.strip()]


def words(sentence: str) -> int:
    return len(URL.sub("", sentence).split())


def long_urls(text: str) -> List[str]:
    return [u for u in (m.rstrip(".,;:") for m in URL.findall(text)) if len(u) > MAX_URL]


def check_plain_language(content: Content, directory: Sequence[Resource], report: Report) -> None:
    for context, text in iter_texts(content):
        for url in long_urls(text):
            report.add(
                ERROR,
                context,
                f"a link of {len(url)} characters (over {MAX_URL}): use "
                f"the organisation's shorter page: {url[:60]}…",
            )
    for name, variations in content.responses.items():
        variation = variations[0]
        topic = str((variation.get("metadata") or {}).get("topic") or "")
        if not is_rated(topic, content.topics):
            continue
        text = PLACEHOLDER.sub("", variation.get("text") or "").strip()
        if len(text) > MAX_CHARS:
            report.add(
                WARNING,
                name,
                f"{len(text)} characters, over {MAX_CHARS} for a reader on "
                "a phone: put the next step first and cut the rest",
            )
        for sentence in sentences(variation.get("text") or ""):
            if words(sentence) > MAX_WORDS:
                report.add(
                    WARNING,
                    name,
                    f"a sentence of {words(sentence)} words (over {MAX_WORDS}): split it: «{sentence[:50]}…»",
                )
    for resource in directory:
        for url in long_urls(resource.url or ""):
            report.add(
                ERROR,
                f"resource {resource.id}",
                f"a link of {len(url)} characters (over {MAX_URL}): use the organisation's shorter page",
            )
