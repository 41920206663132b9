"""`senda content preview ID`: an answer in each language as a Telegram chat shows it.

It renders the working content (what staff are editing, before publishing:
answers, translations and the resource directory) with
the same renderer and message splitting the bot uses, and says for each
language whether the text is reviewed, a draft, stale or missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence

from actions.content.answers import Content
from actions.content.catalogs import Catalogs
from actions.content.directory import Resource
from actions.content.languages import language_config
from actions.content.render import Renderer
from actions.content.text import telegram_length
from bot.telegram.messages import split_text

RULE = "─" * 40


@dataclass
class Preview:
    language: str
    status: str
    messages: List[str]
    buttons: List[str]

    def format(self) -> str:
        header = f"── {self.language} · {self.status} "
        lines = [header + RULE[: max(3, 60 - len(header))]]
        for number, message in enumerate(self.messages, 1):
            if len(self.messages) > 1:
                lines.append(f"[message {number} of {len(self.messages)}]")
            lines.append(message)
        lines.extend(f"  [ {title} ]" for title in self.buttons)
        size = sum(telegram_length(m) for m in self.messages)
        lines.append(
            f"({size} characters, {len(self.messages)} message{'s' if len(self.messages) != 1 else ''})"
        )
        return "\n".join(lines)


def status_of(content: Content, catalogs: Catalogs, name: str, language: str) -> str:
    config = language_config()
    if language == config.source:
        return "source text"
    source = content.variation(name).get("text") or ""
    hit = catalogs.lookup(language, name, source)
    if hit is None:
        if (name, source) in catalogs.stale.get(language, set()):
            return "STALE: the Spanish changed, users see the Spanish"
        return "MISSING: users see the Spanish"
    if hit.draft:
        return f"DRAFT, not reviewed (users see: drafts: {config.get(language).drafts})"
    who = f" by {hit.review.by}" if hit.review.by else ""
    when = f" on {hit.review.on.isoformat()}" if hit.review.on else ""
    return f"reviewed{who}{when}"


def preview(
    content: Content,
    catalogs: Catalogs,
    name: str,
    languages: Optional[List[str]] = None,
    country: Optional[str] = None,
    directory: Optional[Sequence[Resource]] = None,
) -> List[Preview]:
    renderer = Renderer(content, catalogs, directory)
    slots = {"country": country} if country else {}
    previews = []
    for language in languages or list(language_config().codes):
        rendered = renderer.render(name, language, {**slots, "language": language}, {})
        previews.append(
            Preview(
                language=language,
                status=status_of(content, catalogs, name, language),
                messages=split_text(rendered.text),
                buttons=[b["title"] for b in rendered.buttons],
            )
        )
    return previews
