"""The overreaching-language rules file (``rules/overreach.yaml``): read, validate, compile."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from claimkb.kb.problems import Problem
from claimkb.kb.rulekinds import KINDS
from claimkb.kb.schema import read_listing
from claimkb.kb.terms import compile_term, triggers

RULES_FILE = "rules/overreach.yaml"
SCHEMA_NAME = "rules.schema.json"


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    level: str
    message: str
    link: str = ""
    terms: tuple[str, ...] = ()  # what the rule looks for: words, phrases, /regexes/
    replacements: dict[str, str] = field(default_factory=dict, hash=False, compare=False)  # term -> suggestion
    compiled: tuple[tuple[str, re.Pattern[str]], ...] = field(default=(), hash=False, compare=False)
    triggers: frozenset[str] | None = None  # prefixes one of which a match needs; None: always try


def _rule_triggers(terms: list[str]) -> frozenset[str] | None:
    found: set[str] = set()
    for term in terms:
        term_triggers = triggers(term)
        if term_triggers is None:
            return None
        found |= term_triggers
    return frozenset(found)


def read_rules(file: Path, shown_as: str) -> tuple[list[Rule], list[Problem]]:
    """The rules in ``file``; no file means no rules."""
    doc, problems = read_listing(
        file, shown_as, SCHEMA_NAME, "rules", "duplicate-rule-id", "rule", "give each rule its own id"
    )
    if doc is None:
        return [], problems
    rules = []
    for i, item in enumerate(doc.data["rules"]):
        kind = KINDS[item["kind"]]
        value = item[kind.FIELD]
        terms, replacements = kind.read(value)
        compiled = []
        for n, term in enumerate(terms):
            try:
                compiled.append((term, compile_term(term)))
            except re.error as exc:
                where = ("rules", i, kind.FIELD, term if isinstance(value, dict) else n)
                problems.append(
                    doc.problem(
                        where,
                        "bad-pattern",
                        f"rules[{i}]: {term!r} does not compile: {exc}",
                        "fix the /regex/, or drop the slashes to match it as plain words",
                        key=isinstance(value, dict),
                    )
                )
        rules.append(
            Rule(
                item["id"],
                item["kind"],
                item["level"],
                item["message"],
                item.get("link", ""),
                terms,
                replacements,
                tuple(compiled),
                _rule_triggers(list(terms)),
            )
        )
    return rules, problems
