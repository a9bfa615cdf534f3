"""Problems found in the data: values with a place, collected and reported together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at a 1-based line and column, with what to do about it."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{text}\n    → {self.hint}" if self.hint else text


def format_problems(problems: Iterable[Problem]) -> str:
    """All problems sorted by place, then a count, ready to print."""
    ordered = sorted(problems)
    lines = [problem.format() for problem in ordered]
    files = len({problem.path for problem in ordered})
    lines.append(f"{len(ordered)} problem i {files} {'fil' if files == 1 else 'filer'}.")
    return "\n".join(lines)


class ProblemsFound(Exception):
    """Raised where a caller needs valid data and the data has problems."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__(format_problems(self.problems))
