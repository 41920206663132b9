"""The command line's sentences (messages.yml), by key: settings errors and the analytics
commands' help and errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

from actions.content.once import once

MESSAGES_FILE = Path(__file__).with_name("messages.yml")


@once
def _messages() -> Dict[str, str]:
    from actions.content.yaml_files import read_yaml

    return dict(read_yaml(MESSAGES_FILE))


def message(key: str, **values: Any) -> str:
    """A sentence of messages.yml, filled in."""
    return _messages()[key].format(**values)
