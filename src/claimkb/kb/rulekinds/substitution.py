"""substitution: every occurrence of a key of the rule's ``swap`` is a finding, with its value
as the suggested replacement."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from claimkb.kb.terms import longest_first

if TYPE_CHECKING:
    from claimkb.kb.rules import Rule

NAME = "substitution"
FIELD = "swap"
DESCRIPTION = "flag each key of swap and suggest its value"


def read(value: Any) -> tuple[tuple[str, ...], dict[str, str]]:
    """The terms to look for, and the replacement of each."""
    return tuple(value), dict(value)


def findings(rule: Rule, text: str) -> Iterator[tuple[int, int, str, str]]:
    matches = ((term, m) for term, pattern in rule.compiled for m in pattern.finditer(text))
    for term, match in longest_first(matches):
        replacement = rule.replacements[term]
        message = rule.message.replace("{match}", match.group(0)).replace("{replacement}", replacement)
        yield match.start(), match.end(), message, replacement


def describe(rule: Rule) -> list[tuple[str, str]]:
    """(flagged term, suggestion) rows for the checker page."""
    return list(rule.replacements.items())
