"""The rumour tests' fixture: a private copy of the content, read as the live content."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest

from bot.settings import PROJECT_ROOT


@pytest.fixture
def content_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the content, read as the live (published) content."""
    for name in ("responses", "locales", "nlu"):
        shutil.copytree(PROJECT_ROOT / name, tmp_path / name)
    monkeypatch.setenv("SENDA_ROOT", str(tmp_path))
    yield tmp_path
