"""`senda content export FILE` / `senda content import FILE`: the content as a spreadsheet.

NGO staff who work in LibreOffice or Excel export every text (Spanish answers,
buttons, topic titles and their translations) with its status, sources and
dates, edit it, and import it back. An import checks every row first and then
changes all the files it touches or none (see content_import and content_apply).

    rows = export_content(Path("answers.xlsx"))      # or .csv
    result = import_content(Path("answers.xlsx"))
    print(result.format())                           # problems, or what changed
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List

from actions.content.paths import project_root
from actions.content_tools.apply import prepare_files, write_atomically
from actions.content_tools.rows import COLUMNS, load_state
from actions.content_tools.sheet_files import SheetError, kind, read_sheet, write_sheet
from actions.content_tools.sheet_import import Problem, plan_import

__all__ = ["ImportResult", "Problem", "SheetError", "export_content", "import_content"]


@dataclass
class ImportResult:
    file: str
    problems: List[Problem] = field(default_factory=list)
    changed_files: List[Path] = field(default_factory=list)
    rows: int = 0  # rows read (header and blank rows not counted)
    changed_texts: List[str] = field(default_factory=list)  # "utter_x [es]", …

    @property
    def ok(self) -> bool:
        return not self.problems

    def format(self, root: Path | None = None) -> str:
        """What the command prints for staff."""
        if self.problems:
            lines = [problem.line() for problem in self.problems]
            count = len(self.problems)
            lines.append(
                f"{count} problem{'s' if count != 1 else ''} in {self.file}: nothing "
                "was changed. Fix them in the spreadsheet and import it again."
            )
            return "\n".join(lines)
        if not self.changed_files:
            return f"{self.file}: {self.rows} rows read; nothing to change."
        base = root or project_root()
        names = [str(p.relative_to(base)) if p.is_relative_to(base) else str(p) for p in self.changed_files]
        return "\n".join(
            [
                f"{self.file}: {self.rows} rows read; {len(self.changed_texts)} "
                f"texts changed: {', '.join(self.changed_texts)}",
                "Files written: " + ", ".join(names),
                "Run `senda content check`, then `senda content publish` to make them live.",
            ]
        )


def export_content(path: Path, root: Path | None = None) -> int:
    """Write every text and language to `path` (.xlsx or .csv); returns the number of rows.

    Raises SheetError for any other kind of file name.
    """
    kind(path)
    state = load_state(root or project_root())
    write_sheet(path, COLUMNS, [row.cells() for row in state.rows.values()])
    return len(state.rows)


def import_content(path: Path, root: Path | None = None) -> ImportResult:
    """Check every row of an edited export, then apply all of it, or nothing if any row is wrong."""
    root = root or project_root()
    result = ImportResult(file=path.name)
    try:
        sheet = read_sheet(path)
    except SheetError as error:
        result.problems.append(Problem(path.name, None, None, error.reason))
        return result
    result.rows = max(len(sheet) - 1, 0)
    plan, result.problems = plan_import(sheet, load_state(root), path.name)
    if result.problems or plan.empty:
        return result
    files = prepare_files(root, plan)
    write_atomically(files)
    result.changed_files = sorted(files)
    result.changed_texts = [f"{e.text.id} [es]" for e in plan.spanish] + [
        f"{e.text.id} [{e.language}]" for e in plan.translations
    ]
    return result
