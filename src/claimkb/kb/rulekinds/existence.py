"""existence: every occurrence of any of the rule's tokens is a finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from claimkb.kb.terms import longest_first

if TYPE_CHECKING:
    from claimkb.kb.rules import Rule

NAME = "existence"
FIELD = "tokens"
DESCRIPTION = "flag each token (a word, phrase or /regex/)"


def read(value: Any) -> tuple[tuple[str, ...], dict[str, str]]:
    """The terms to look for, and the replacement of each (none for this kind)."""
    return tuple(value), {}


def findings(rule: Rule, text: str) -> Iterator[tuple[int, int, str, str]]:
    matches = ((term, m) for term, pattern in rule.compiled for m in pattern.finditer(text))
    for _, match in longest_first(matches):
        yield match.start(), match.end(), rule.message.replace("{match}", match.group(0)), ""


def describe(rule: Rule) -> list[tuple[str, str]]:
    """(flagged term, suggestion) rows for the checker page."""
    return [(term, "") for term in rule.terms]
