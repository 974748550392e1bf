"""substitution: every occurrence of a key of the rule's ``swap`` is a finding, with its value
as the suggested replacement."""

from __future__ import annotations

from typing import Iterator

from claimkb.checker.rules import Rule


def findings(rule: Rule, text: str) -> Iterator[tuple[int, int, str, str]]:
    for term, pattern in rule.compiled:
        replacement = rule.swap[term]
        for match in pattern.finditer(text):
            message = rule.message.replace("{match}", match.group(0)).replace("{replacement}", replacement)
            yield match.start(), match.end(), message, replacement
