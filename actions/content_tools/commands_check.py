"""`senda content check`: a text names the bot's commands as its language calls them.

Every command name works in every language, but a text tells people what to type:
an English text that says /borrar teaches a Spanish word the English command menu
does not show (/delete). The names per language are the ones the bot registers
(locales/languages.yml `commands`). An error: a text, Spanish or a translation,
that names a command of another language only.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Tuple

from actions.content.answers import Content, iter_texts
from actions.content.catalogs import Catalogs
from actions.content.languages import language_config
from actions.content_tools.patterns import URL
from actions.content_tools.report import ERROR, Report

# "/borrar" as a word of its own: not in a link, a date (24/7) or a path.
COMMAND = re.compile(r"(?<![\w/.:])/([a-z]+)\b")


def commands_named(text: str) -> List[str]:
    return COMMAND.findall(URL.sub(" ", text))


def _texts(content: Content, catalogs: Catalogs) -> Iterable[Tuple[str, str, str]]:
    """(context, language, text) for the Spanish and every translation."""
    config = language_config()
    for context, source in iter_texts(content):
        yield context, config.source, source
        for language in config.codes:
            hit = catalogs.lookup(language, context, source) if language != config.source else None
            if hit is not None:
                yield context, language, hit.text


def check_command_names(content: Content, catalogs: Catalogs, report: Report) -> None:
    config = language_config()
    every = config.command_ids()  # any language's name -> command id
    for context, language, text in _texts(content, catalogs):
        own = config.get(language).commands
        for name in sorted(set(commands_named(text))):
            if name in every and name not in own.values():
                right = own.get(every[name])
                fix = f"write /{right}" if right else "this language has no such command"
                shown: Optional[str] = None if language == config.source else language
                report.add(
                    ERROR,
                    context,
                    f"names /{name}, the command of another language: {fix} (locales/languages.yml)",
                    shown,
                )
