"""The supported languages, read from locales/languages.yml (the one list)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Tuple

import yaml

from actions.paths import locales_dir


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    babel_locale: str


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


@lru_cache(maxsize=1)
def language_config() -> LanguageConfig:
    data = yaml.safe_load((locales_dir() / "languages.yml").read_text(encoding="utf-8"))
    return LanguageConfig(
        source=data["source"],
        languages=tuple(Language(**entry) for entry in data["languages"]),
        countries=tuple(data["countries"]),
    )
