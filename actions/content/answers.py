"""The answers' source content: responses/*.yml (Spanish) and responses/topics.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

from actions.content.once import once
from actions.content.paths import live_responses_dir, responses_dir
from actions.content.reloading import Reloading
from actions.content.yaml_files import ContentError, read_yaml, section, text_field

Variation = Dict[str, Any]


@dataclass(frozen=True)
class Topic:
    id: str
    theme: str
    title: str


@dataclass
class Content:
    responses: Dict[str, List[Variation]] = field(default_factory=dict)
    topics: Dict[str, Topic] = field(default_factory=dict)
    # Where each response was read from (file, line), for tools and error messages.
    origins: Dict[str, str] = field(default_factory=dict)
    # (file, key) of top-level keys no tool reads: usually a typo (`responces:`).
    unknown_sections: List[Tuple[str, str]] = field(default_factory=list)

    def variation(self, name: str) -> Variation:
        """The first variation of a response (Senda writes one per answer)."""
        return self.responses[name][0]


def content_files(root: Path | None = None) -> List[Path]:
    return sorted((root or responses_dir()).glob("*.yml"))


# Sections a responses/*.yml file may hold: Rasa's domain keys and Senda's own.
SECTIONS = frozenset(
    {
        "version",
        "intents",
        "entities",
        "slots",
        "forms",
        "actions",
        "session_config",
        "responses",
        "topics",
        "rumours",
        "resources",
        "verification_window_days",
        "places",
    }
)


def _variations(path: Path, name: str, value: Any) -> List[Variation]:
    where = str(name)
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise ContentError(path, where, "an answer is a list that starts with `- text:`")
    for variation in value:
        text_field(path, where, variation, "text", required=False)
        buttons = variation.get("buttons") or []
        if not isinstance(buttons, list) or not all(isinstance(b, dict) for b in buttons):
            raise ContentError(path, where, "`buttons` is a list of `- title: … payload: …`")
        for button in buttons:
            text_field(path, f"{where} button", button, "title")
            text_field(path, f"{where} button", button, "payload")
    return list(value)


def load_content(root: Path | None = None) -> Content:
    """The answers and topics; a ContentError names the file and entry of a wrong shape."""
    content = Content()
    for path in content_files(root):
        data = read_yaml(path)
        content.unknown_sections.extend((path.name, str(key)) for key in data if key not in SECTIONS)
        for name, variations in section(path, data, "responses", dict).items():
            content.responses[name] = _variations(path, name, variations)
            content.origins[name] = path.name
        for topic_id, entry in section(path, data, "topics", dict).items():
            if not isinstance(entry, dict):
                raise ContentError(path, f"topic {topic_id}", "needs `theme` and `title`")
            content.topics[topic_id] = Topic(
                id=topic_id,
                theme=text_field(path, f"topic {topic_id}", entry, "theme"),
                title=text_field(path, f"topic {topic_id}", entry, "title"),
            )
    return content


def topic_of(response_name: str) -> str:
    return response_name[len("utter_") :] if response_name.startswith("utter_") else response_name


def iter_texts(content: Content) -> Iterable[tuple[str, str]]:
    """(context, Spanish text) for every translatable string: answers, buttons, topic titles."""
    for name, variations in content.responses.items():
        for variation in variations:
            if variation.get("text"):
                yield name, variation["text"]
            for button in variation.get("buttons") or []:
                yield name, button["title"]
    for topic in content.topics.values():
        yield f"topic:{topic.id}", topic.title


@once
def content_store() -> Reloading[Content]:
    """The published answers the assistant renders, re-read when a new snapshot lands."""
    return Reloading(lambda: content_files(live_responses_dir()), lambda: load_content(live_responses_dir()))
