"""The answers' source content: responses/*.yml (Spanish) and responses/topics.yml."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List


from actions.paths import live_responses_dir, responses_dir
from actions.reloading import Reloading
from actions.yaml_files import read_yaml

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

    def variation(self, name: str) -> Variation:
        """The first variation of a response (Senda writes one per answer)."""
        return self.responses[name][0]


def content_files(root: Path | None = None) -> List[Path]:
    return sorted((root or responses_dir()).glob("*.yml"))


def load_content(root: Path | None = None) -> Content:
    content = Content()
    for path in content_files(root):
        data = read_yaml(path)
        for name, variations in (data.get("responses") or {}).items():
            content.responses[name] = list(variations)
            content.origins[name] = path.name
        for topic_id, entry in (data.get("topics") or {}).items():
            content.topics[topic_id] = Topic(id=topic_id, theme=entry["theme"], title=entry["title"])
    return content


def topic_of(response_name: str) -> str:
    return response_name[len("utter_"):] if response_name.startswith("utter_") else response_name


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


@lru_cache(maxsize=1)
def content_store() -> Reloading[Content]:
    """The published answers the assistant renders, re-read when a new snapshot lands."""
    return Reloading(lambda: content_files(live_responses_dir()),
                     lambda: load_content(live_responses_dir()))
