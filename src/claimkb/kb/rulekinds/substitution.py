"""substitution: every occurrence of a key of the rule's ``swap`` is a finding, with its value
as the suggested replacement."""

from __future__ import annotations

from typing import Iterator

from claimkb.kb.rulekinds import longest_first
from claimkb.kb.rules import Rule


def findings(rule: Rule, text: str) -> Iterator[tuple[int, int, str, str]]:
    matches = ((term, m) for term, pattern in rule.compiled for m in pattern.finditer(text))
    for term, match in longest_first(matches):
        replacement = rule.swap[term]
        message = rule.message.replace("{match}", match.group(0)).replace("{replacement}", replacement)
        yield match.start(), match.end(), message, replacement
