"""One problem type for the validator and the checker alike (after yamllint)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

LEVELS = ("error", "warning", "suggestion")  # most severe first


@dataclass(frozen=True, order=True)
class Problem:
    """A finding at a position in a file.

    ``line`` and ``column`` count from 1; 0 means "the whole file".
    ``message`` starts with the field it concerns where there is one.
    ``hint`` says how to fix it (for the copy checker: the suggested wording).
    The checker also fills in where the finding ends and the claim it matched.
    """

    path: str
    line: int
    column: int
    level: str
    rule: str
    message: str
    hint: str = ""
    end_line: int = 0
    end_column: int = 0
    claim: str = ""
    verdict: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.level} [{self.rule}] {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order: path, then line, then column."""
    return sorted(set(problems))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)
