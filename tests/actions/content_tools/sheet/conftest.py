"""The spreadsheet tests' fixture: a copy of the project's responses/ and locales/."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest

from actions.content.languages import language_config
from bot.settings import PROJECT_ROOT


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    content = tmp_path / "project"
    for name in ("responses", "locales"):
        shutil.copytree(PROJECT_ROOT / name, content / name)
    monkeypatch.setenv("SENDA_ROOT", str(content))
    language_config.cache_clear()
    yield content
    language_config.cache_clear()
