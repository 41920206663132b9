"""Where the project's content lives. One place, so tests and tools agree.

Staff edit the working content (responses/, locales/). The running assistant
reads the last published snapshot (published/current, made by `senda content
publish`), or the working content when nothing was published yet.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def project_root() -> Path:
    """The project root; SENDA_ROOT overrides it (tests use a copy to edit content)."""
    return Path(os.environ.get("SENDA_ROOT", PROJECT_ROOT))


def responses_dir() -> Path:
    return project_root() / "responses"


def locales_dir() -> Path:
    return project_root() / "locales"


def nlu_dir() -> Path:
    return project_root() / "nlu"


def published_dir() -> Path:
    return project_root() / "published"


def live_root() -> Path:
    """The published snapshot the assistant answers from (a symlink swapped atomically)."""
    current = published_dir() / "current"
    return current if current.is_dir() else project_root()


def live_responses_dir() -> Path:
    return live_root() / "responses"


def live_locales_dir() -> Path:
    return live_root() / "locales"
