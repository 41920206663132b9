"""What is wrong in an imported spreadsheet, one problem per cell, as staff will read it.

Every problem names the row and the column as the spreadsheet shows them (the header
is row 1), so staff who do not write code can find and fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional


@dataclass(frozen=True)
class Problem:
    file: str
    row: Optional[int]  # as the spreadsheet numbers it (the header is 1)
    column: Optional[str]
    message: str

    def line(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" line {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class Problems:
    """The problems found in one file, gathered while every row is read and checked."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: List[Problem] = []

    def add(self, line: Optional[int], column: Optional[str], message: str) -> None:
        self.items.append(Problem(self.file, line, column, message))
