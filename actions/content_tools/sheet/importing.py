"""`senda content import FILE`: an edited spreadsheet back into the content.

An import reads every row (reading.py) and checks it (checking.py) first, then
changes all the files it touches or none (applying.py); staff get one message per
bad row, or what changed.

    result = import_content(Path("answers.xlsx"))     # or .csv
    print(result.format())                            # problems, or what changed
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Sequence, Tuple

from actions.content.languages import language_config
from actions.content.paths import project_root
from actions.content_tools.sheet.applying import prepare_files, write_atomically
from actions.content_tools.sheet.checking import spanish_edit, translation_edit
from actions.content_tools.sheet.files import SheetError, SheetRow, read_sheet
from actions.content_tools.sheet.plan import Plan
from actions.content_tools.sheet.problems import Problem, Problems
from actions.content_tools.sheet.reading import read_columns, read_rows
from actions.content_tools.sheet.rows import ContentState, load_state


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


def plan_import(sheet: Sequence[SheetRow], state: ContentState, file: str) -> Tuple[Plan, List[Problem]]:
    """What the sheet changes, and every problem found in it (sorted by row)."""
    problems = Problems(file)
    columns = read_columns(sheet, problems)
    if columns is None:
        return Plan(), problems.items
    rows = read_rows(sheet[1:], columns, state, problems)
    source = language_config().source
    plan = Plan()
    for row in rows:
        if row.language == source:
            spanish = spanish_edit(row, state, problems)
            if spanish is not None:
                plan.spanish.append(spanish)
    # A translation given with its Spanish change is checked against the new Spanish.
    new_spanish = {e.text.id: e.new_text for e in plan.spanish if e.new_text is not None}
    for row in rows:
        if row.language != source:
            translation = translation_edit(row, state, new_spanish, problems)
            if translation is not None:
                plan.translations.append(translation)
    return plan, sorted(problems.items, key=lambda problem: problem.row or 0)
