"""One problem type for the validator and the checker alike (after yamllint)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

LEVELS = ("error", "warning", "suggestion")  # most severe first


@dataclass(frozen=True, order=True, slots=True)
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
    why: str = ""  # the checker: why the copy matched, in words a reviewer can check

    def format(self) -> str:
        """The one text form of a finding: ``path:line:col: level [rule] message``, then why and hint."""
        text = f"{self.path}:{self.line}:{self.column}: {self.level} [{self.rule}] {self.message}"
        if self.why:
            text += f"\n    why: {self.why}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, Any]:
        """The one JSON form of a finding, for ``validate`` and ``check`` alike.

        ``suggestion`` repeats ``hint`` under the name ``check``'s JSON has always used.
        """
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "level": self.level,
            "message": self.message,
            "hint": self.hint or None,
            "suggestion": self.hint or None,
            "claim": self.claim or None,
            "verdict": self.verdict or None,
            "why": self.why or None,
        }

    @property
    def is_error(self) -> bool:
        return self.level == "error"


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file order: path, then line, then column."""
    return sorted(set(problems))


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.is_error for p in problems)


def text_lines(problems: Iterable[Problem]) -> Iterator[str]:
    """The text form, a finding at a time (long copy has many: they are written as they come)."""
    for p in problems:
        yield p.format() + "\n"


def json_lines(problems: Iterable[Problem]) -> Iterator[str]:
    """The JSON form (a list), a finding at a time: the same text ``json.dumps(list, indent=2)`` makes."""
    first = True
    for p in problems:
        item = json.dumps(p.as_dict(), indent=2, ensure_ascii=False).replace("\n", "\n  ")
        yield ("[\n  " if first else ",\n  ") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def as_text(problems: Sequence[Problem]) -> str:
    return "".join(text_lines(problems))


def as_json(problems: Sequence[Problem]) -> str:
    return "".join(json_lines(problems))
