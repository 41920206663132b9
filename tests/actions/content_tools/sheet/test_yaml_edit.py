"""responses/*.yml edited in place: a file with no edit is written back as it was."""

from __future__ import annotations

import yaml

from actions.content_tools.sheet.yaml_edit import edit_file
from bot.settings import PROJECT_ROOT


def test_unedited_yaml_files_are_written_back_byte_for_byte() -> None:
    for path in sorted((PROJECT_ROOT / "responses").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        if "responses" in data or "topics" in data:
            assert edit_file(text, []) == text, path.name
