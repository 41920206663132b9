"""Render any utter_* in the conversation's language: the heart of the /nlg route.

Spanish text and buttons come from responses/, translations from locales/.
A missing or stale translation falls back to Spanish with a short notice in the
user's language. Placeholders are filled from slots, the action's arguments and
the resource directory.
"""

from __future__ import annotations

import logging
import re
import string
from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence

from actions.content.answers import Content, content_store, topic_of
from actions.content.catalogs import Catalogs, catalog_store
from actions.content.directory import (
    NO_PHONE_NOTE,
    TOPIC_TYPES,
    UNDATED_NOTE,
    UNVERIFIED_NOTE,
    Resource,
)
from actions.content.directory_render import Marks, country_name, render_resources
from actions.content.feedback import is_rated, rating_buttons
from actions.content.ids import SECOND_NEED_KEY, UTTER_SERVICE_ERROR
from actions.content.languages import language_config

logger = logging.getLogger(__name__)

MISSING_NOTICE = "utter_translation_missing"
DRAFT_NOTICE = "utter_translation_draft"
SHOW, WITH_SOURCE, SOURCE_ONLY = "show", "with_source", "source"
ASK_COUNTRY = "utter_ask_country"
# Placeholders that hold lists of contacts: in a draft shown with its Spanish, only once.
LISTS = ("resources", "nearby")


class _KeepMissing(dict):
    """str.format_map mapping that leaves unknown {placeholders} untouched."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: Mapping[str, Any]) -> str:
    try:
        return string.Formatter().vformat(text, (), _KeepMissing(values))
    except (ValueError, IndexError):
        # A stray brace in content must never break a reply.
        logger.warning("could not fill placeholders in a response")
        return text


def _lines_of(text: str, drop: Callable[[str], bool]) -> str:
    kept = [line for line in text.split("\n") if not drop(line.strip())]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def fill_answer(text: str, values: Mapping[str, Any]) -> str:
    """`fill`, where a line holding only a placeholder with nothing to show goes away
    rather than leaving a blank line (which Telegram and Rasa read as a new paragraph)."""
    empty = {f"{{{key}}}" for key, value in values.items() if str(value).strip() == ""}
    return fill(_lines_of(text, lambda line: line in empty), values).strip()


def without_lists(text: str) -> str:
    """The text without its lists of contacts: a draft shows them, the Spanish after it not."""
    placeholders = {f"{{{name}}}" for name in LISTS}
    text = _lines_of(text, lambda line: line in placeholders)
    for placeholder in placeholders:
        text = text.replace(placeholder, "")
    return text.strip()


@dataclass
class Rendered:
    text: str
    buttons: List[Dict[str, str]]
    language: str
    translated: bool
    draft: bool
    topic: str  # metadata.topic (a rumour's answer: smuggler_myths), else from the name

    def as_nlg(self, name: str) -> Dict[str, Any]:
        """Rasa's NLG response; extra keys land in the BotUttered event's metadata."""
        return {
            "text": self.text,
            "buttons": self.buttons,
            "language": self.language,
            "translated": self.translated,
            "draft": self.draft,
            "topic": self.topic,
        }


class Renderer:
    def __init__(
        self, content: Content, catalogs: Catalogs, directory: Optional[Sequence[Resource]] = None
    ) -> None:
        self.content = content
        self.catalogs = catalogs
        self.directory = directory  # None: the live directory
        self.source = language_config().source

    def translate(self, language: str, context: str, source_text: str) -> tuple[str, bool, bool]:
        """(text, found, draft) for one string; found is False when Spanish is used instead."""
        if language == self.source:
            return source_text, True, False
        hit = self.catalogs.lookup(language, context, source_text)
        if hit is None:
            return source_text, False, False
        return hit.text, True, hit.draft

    def topic_title(self, topic_id: str, language: str) -> str:
        topic = self.content.topics[topic_id]
        return self.translate(language, f"topic:{topic_id}", topic.title)[0]

    def part(self, name: str, language: str) -> tuple[str, List[Dict[str, str]]]:
        """A response used inside another answer (a label, a note, the country question):
        its text and buttons in the language as the drafts setting says, with no label,
        notice or Spanish of its own. Empty when the content has no such response."""
        if name not in self.content.responses:
            return "", []
        variation = self.content.variation(name)
        source = variation.get("text") or ""
        text, _, draft = self.translate(language, name, source)
        if draft and language_config().get(language).drafts == SOURCE_ONLY:
            text = source
        return text, self._buttons(name, variation, language)

    def _buttons(self, name: str, variation: Mapping[str, Any], language: str) -> List[Dict[str, str]]:
        return [
            {"title": self.translate(language, name, b["title"])[0], "payload": b["payload"]}
            for b in variation.get("buttons") or []
        ]

    def unverified_note(self, language: str) -> Marks:
        """How a resource line says it is not current: past its verification window
        ({date} left to fill) or with no dated source."""
        return Marks(
            since=self.part(UNVERIFIED_NOTE, language)[0], undated=self.part(UNDATED_NOTE, language)[0]
        )

    def no_phone_note(self, language: str) -> str:
        """The line that ends a contact list with no phone, with {phone} left to fill."""
        return self.part(NO_PHONE_NOTE, language)[0]

    def render(
        self,
        name: str,
        language: Optional[str],
        slots: Mapping[str, Any],
        arguments: Mapping[str, Any],
    ) -> Rendered:
        language = language if language in language_config().codes else self.source
        if name not in self.content.responses:
            logger.error("no content for response %s", name)
            name = UTTER_SERVICE_ERROR
        variation = self.content.variation(name)
        metadata = variation.get("metadata") or {}
        country = slots.get("country")
        country = country if country in language_config().countries else None
        # An answer that names the user's country says another one when none is chosen
        # (metadata.no_country), one that is not itself replaced.
        instead = str(metadata.get("no_country") or "")
        if (
            not country
            and instead in self.content.responses
            and not (self.content.variation(instead).get("metadata") or {}).get("no_country")
        ):
            return self.render(instead, language, slots, arguments)
        source_text = variation.get("text") or ""
        text, found, draft = self.translate(language, name, source_text)
        policy = language_config().get(language).drafts
        if draft and policy == SOURCE_ONLY:
            text, found, draft = source_text, False, False
        # The reviewed Spanish follows the draft, after a label; lists are shown once.
        with_source = draft and policy == WITH_SOURCE and name not in (DRAFT_NOTICE, MISSING_NOTICE)
        buttons = self._buttons(name, variation, language)
        values: Dict[str, Any] = {k: v for k, v in slots.items() if v is not None}
        values.update({k: v for k, v in arguments.items() if v is not None})
        if country:
            values.setdefault("country_name", country_name(country, language))
        # metadata.topic names what the answer is about (a rumour's correction:
        # smuggler_myths); answers without one are named after their topic.
        topic = str(metadata.get("topic") or topic_of(name))
        if "{resources}" in text and "resources" not in values:
            # metadata.resources_of: list another topic's services (a legal case: legal_aid).
            listed = str(metadata.get("resources_of") or topic)
            values["resources"] = render_resources(
                listed,
                country,
                language,
                self.unverified_note(language),
                self.directory,
                self.no_phone_note(language),
            )
            if not country and listed in TOPIC_TYPES and listed != "emergency":
                # Without a country only regional services fit: ask, with buttons.
                ask, ask_buttons = self.part(ASK_COUNTRY, language)
                values["resources"] = "\n\n".join(p for p in (values["resources"], ask) if p)
                buttons = ask_buttons + buttons
        text = fill_answer(text, values)
        if with_source:
            label = self.part(DRAFT_NOTICE, language)[0]
            spanish = fill_answer(without_lists(source_text), values)
            text = "\n\n".join(part for part in (text, label, spanish) if part)
        if not found:
            notice = (
                self.render(MISSING_NOTICE, language, {}, {})
                if name != MISSING_NOTICE and MISSING_NOTICE in self.content.responses
                else None
            )
            if notice is not None and notice.translated:
                text = f"{notice.text}\n\n{text}"
        if is_rated(topic, self.content.topics):
            buttons = buttons + rating_buttons(topic)  # 👍/👎 last, under the answer's own
        return Rendered(
            text=text, buttons=buttons, language=language, translated=found, draft=draft, topic=topic
        )


def current_renderer() -> Renderer:
    return Renderer(content_store().get(), catalog_store().get())


def render_nlg_request(body: Mapping[str, Any]) -> Dict[str, Any]:
    """Answer one request from Rasa's CallbackNaturalLanguageGenerator."""
    name = str(body.get("response") or UTTER_SERVICE_ERROR)
    tracker = body.get("tracker") or {}
    slots = tracker.get("slots") or {}
    arguments = {k: v for k, v in (body.get("arguments") or {}).items() if isinstance(v, (str, int, float))}
    renderer = current_renderer()
    rendered = renderer.render(name, slots.get("language"), slots, arguments)
    second = second_need_button(renderer, name, tracker.get("latest_message") or {}, rendered.language)
    if second and second not in rendered.buttons:
        rendered.buttons.insert(0, second)  # first: the other need is not lost
    return rendered.as_nlg(name)


def second_need_button(
    renderer: "Renderer", name: str, parse: Mapping[str, Any], language: str
) -> Optional[Dict[str, str]]:
    """A button for the second need of a message (SecondOpinion's `second_need`),
    under the answer to its first need only."""
    intent = str((parse.get("intent") or {}).get("name") or "")
    second = str(parse.get(SECOND_NEED_KEY) or "")
    if not second or name != f"utter_{intent}" or second not in renderer.content.topics:
        return None
    return {"title": renderer.topic_title(second, language), "payload": f"/{second}"}
