"""The names the metrics count by, read from the project's one list of each.

Languages and countries come from locales/languages.yml; the topics people ask about
are the topics of responses/topics.yml outside the theme "conversation" (greetings,
menus, privacy, "other topic"), so settings answers (choose language, country set),
fallbacks and the bot's own messages, which have no entry there, never count as topics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Tuple

from bot.analytics.kinds import FALLBACK_ANSWERS, RUMOUR_ANSWER_PREFIX

CONVERSATION_THEME = "conversation"
TOPICS_FILE = "topics.yml"
UNKNOWN = "unknown"  # key of a conversation whose language or country was never set


@dataclass(frozen=True)
class Vocabulary:
    languages: Tuple[str, ...]
    countries: Tuple[str, ...]
    answer_topics: Tuple[str, ...]  # topics that count as "asked", in catalog order
    fallback_answers: Tuple[str, ...] = tuple(sorted(FALLBACK_ANSWERS))
    rumour_prefix: str = RUMOUR_ANSWER_PREFIX


def load_vocabulary(responses: Optional[Path] = None) -> Vocabulary:
    """Read the lists (responses/topics.yml of the working content unless `responses`
    names another folder)."""
    from actions.content.languages import language_config
    from actions.content.paths import responses_dir
    from actions.content.yaml_files import read_yaml

    config = language_config()
    catalog = read_yaml((responses or responses_dir()) / TOPICS_FILE).get("topics") or {}
    topics = tuple(
        topic_id for topic_id, entry in catalog.items() if (entry or {}).get("theme") != CONVERSATION_THEME
    )
    return Vocabulary(languages=config.codes, countries=config.countries, answer_topics=topics)
