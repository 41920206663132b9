"""The supported languages, read from locales/languages.yml (the one list)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple

import yaml

from actions.content.once import once
from actions.content.paths import locales_dir

DRAFT_POLICIES = ("show", "with_source", "source")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    babel_locale: str
    telegram_code: Optional[str] = None
    # command id (menu, language, help, privacy, delete) -> Telegram command name
    commands: Dict[str, str] = field(default_factory=dict)
    # What users see when a translation is still a draft (not reviewed by a native
    # speaker): "show" it, show it "with_source" (then the reviewed Spanish), or
    # show only the "source" (Spanish).
    drafts: str = "show"

    def __post_init__(self) -> None:
        if self.drafts not in DRAFT_POLICIES:
            raise ValueError(
                f"locales/languages.yml: {self.code}: drafts must be one of "
                f"{', '.join(DRAFT_POLICIES)}, not {self.drafts!r}"
            )


@dataclass(frozen=True)
class LanguageConfig:
    source: str
    languages: Tuple[Language, ...]
    countries: Tuple[str, ...]

    @property
    def codes(self) -> Tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def get(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    def command_ids(self) -> Dict[str, str]:
        """Every command name in any language -> its command id."""
        return {name: command for lang in self.languages for command, name in lang.commands.items()}

    def from_telegram(self, language_code: Optional[str]) -> Optional[str]:
        """Senda's language for Telegram's language_code ("en-US" -> "en"), if we speak it."""
        prefix = (language_code or "").split("-")[0].lower()
        for lang in self.languages:
            if lang.telegram_code and lang.telegram_code == prefix:
                return lang.code
        return None


@once
def language_config() -> LanguageConfig:
    data = yaml.safe_load((locales_dir() / "languages.yml").read_text(encoding="utf-8"))
    return LanguageConfig(
        source=data["source"],
        languages=tuple(Language(**entry) for entry in data["languages"]),
        countries=tuple(data["countries"]),
    )
