"""existence: every occurrence of any of the rule's tokens is a finding."""

from __future__ import annotations

from typing import Iterator

from claimkb.kb.rulekinds import longest_first
from claimkb.kb.rules import Rule


def findings(rule: Rule, text: str) -> Iterator[tuple[int, int, str, str]]:
    matches = ((term, m) for term, pattern in rule.compiled for m in pattern.finditer(text))
    for _, match in longest_first(matches):
        yield match.start(), match.end(), rule.message.replace("{match}", match.group(0)), ""
