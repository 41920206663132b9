"""What `senda content check` found: findings, errors and warnings, and how they print.

One small module so every rule module (content_check, plain_language, review_dates…)
reports the same way without importing the check itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    level: str
    answer: str
    message: str
    language: Optional[str] = None

    def line(self) -> str:
        where = f"{self.answer} [{self.language}]" if self.language else self.answer
        return f"{self.level}: {where}: {self.message}"


@dataclass
class Report:
    findings: List[Finding] = field(default_factory=list)

    def add(self, level: str, answer: str, message: str, language: Optional[str] = None) -> None:
        self.findings.append(Finding(level, answer, message, language))

    @property
    def errors(self) -> List[Finding]:
        return [f for f in self.findings if f.level == ERROR]

    @property
    def warnings(self) -> List[Finding]:
        return [f for f in self.findings if f.level == WARNING]

    def format(self) -> str:
        lines = [f.line() for f in self.errors] + [f.line() for f in self.warnings]
        lines.append(f"{len(self.errors)} errors, {len(self.warnings)} warnings")
        return "\n".join(lines)
