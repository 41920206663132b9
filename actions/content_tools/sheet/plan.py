"""What a checked import changes: the Spanish edits and the translation edits.

checking.py makes a plan from the rows; applying.py turns it into new file contents.
An empty plan still brings the catalogs up to date with the Spanish (`make pot`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List

from actions.content.catalogs import Review
from actions.content_tools.sheet.rows import Text
from actions.content_tools.sheet.yaml_edit import SpanishEdit


@dataclass
class TranslationEdit:
    text: Text
    language: str
    string: str
    review: Review


@dataclass
class Plan:
    spanish: List[SpanishEdit] = field(default_factory=list)
    translations: List[TranslationEdit] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.spanish and not self.translations
