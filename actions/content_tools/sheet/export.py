"""`senda content export FILE`: every text and language as a spreadsheet for staff.

One row per text (Spanish answers, buttons, topic titles) and language, with its
status, sources and dates (rows.py), in .xlsx or .csv (files.py). Staff edit it in
LibreOffice or Excel and bring it back with `senda content import` (importing.py).
"""

from __future__ import annotations

from pathlib import Path

from actions.content.paths import project_root
from actions.content_tools.sheet.files import kind, write_sheet
from actions.content_tools.sheet.rows import COLUMNS, load_state


def export_content(path: Path, root: Path | None = None) -> int:
    """Write every text and language to `path` (.xlsx or .csv); returns the number of rows.

    Raises SheetError for any other kind of file name.
    """
    kind(path)
    state = load_state(root or project_root())
    write_sheet(path, COLUMNS, [row.cells() for row in state.rows.values()])
    return len(state.rows)
