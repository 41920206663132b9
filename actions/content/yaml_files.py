"""Reading the YAML files staff edit, and saying exactly where one is wrong."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Mapping, Optional

import yaml


class ContentError(ValueError):
    """A content file staff edited has the wrong shape: which file, which entry, what."""

    def __init__(self, path: Path, where: str, problem: str) -> None:
        self.path, self.where, self.problem = path, where, problem
        super().__init__(f"{path.parent.name}/{path.name}: {where}: {problem}")


def read_yaml(path: Path) -> Any:
    """The file's data ({} when empty). Read from a stream, so a syntax error names the
    file, line and column, which is what staff need to find it."""
    with path.open(encoding="utf-8") as stream:
        data = yaml.safe_load(stream) or {}
    if not isinstance(data, Mapping):
        raise ContentError(path, "the whole file", "must be sections such as `responses:`")
    return data


def section(path: Path, data: Mapping[str, Any], key: str, kind: type) -> Any:
    """`data[key]` when it is a `kind` (empty when absent); a ContentError otherwise."""
    value = data.get(key)
    if value is None:
        return kind()
    if not isinstance(value, kind):
        shape = "a list (lines starting with -)" if kind is list else "named entries (name: …)"
        raise ContentError(path, key, f"must be {shape}")
    return value


def text_field(path: Path, where: str, entry: Mapping[str, Any], key: str, required: bool = True) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or value == "":
        raise ContentError(
            path, where, f"`{key}` must be a text" + (" and is missing" if value is None else "")
        )
    return str(value)


def as_date(value: Any) -> Optional[date]:
    """A date staff wrote ("2026-12-07", or what YAML made of it: a date, or a datetime
    when a time was added); None when it is empty or not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10]) if value else None
    except ValueError:
        return None
