"""Reading the YAML files staff edit."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def read_yaml(path: Path) -> Any:
    """The file's data ({} when empty). Read from a stream, so a syntax error names the
    file, line and column, which is what staff need to find it."""
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream) or {}
