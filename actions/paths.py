"""Where the project's content lives. One place, so tests and tools agree."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def project_root() -> Path:
    """The project root; SENDA_ROOT overrides it (tests use a copy to edit content)."""
    return Path(os.environ.get("SENDA_ROOT", PROJECT_ROOT))


def responses_dir() -> Path:
    return project_root() / "responses"


def locales_dir() -> Path:
    return project_root() / "locales"


def nlu_dir() -> Path:
    return project_root() / "nlu"
