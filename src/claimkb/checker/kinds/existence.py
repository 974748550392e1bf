"""existence: every occurrence of any of the rule's tokens is a finding."""

from __future__ import annotations

from typing import Iterator

from claimkb.checker.rules import Rule


def findings(rule: Rule, text: str) -> Iterator[tuple[int, int, str, str]]:
    for term, pattern in rule.compiled:
        for match in pattern.finditer(text):
            yield match.start(), match.end(), rule.message.replace("{match}", match.group(0)), ""
