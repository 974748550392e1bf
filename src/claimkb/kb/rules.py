"""The overreaching-language rules file (``rules/overreach.yaml``): read, validate, compile."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from claimkb.kb.problems import Problem
from claimkb.kb.rulekinds import KINDS
from claimkb.kb.schema import read_listing
from claimkb.kb.terms import PatternError, TermPattern, compile_term, triggers
from claimkb.kb.yamlfile import YamlDocument

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
    compiled: tuple[tuple[str, TermPattern], ...] = field(default=(), hash=False, compare=False)
    triggers: frozenset[str] | None = None  # prefixes one of which a match needs; None: always try
    unless: tuple[TermPattern, ...] = field(default=(), hash=False, compare=False)  # matches inside these do not count
    item: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)  # as written in the rules file

    def excepted(self, text: str, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` stands inside one of the rule's ``unless`` phrases
        ("not suitable for everyone" for the rule that flags "suitable for everyone")."""
        return any(m.start() <= start and end <= m.end() for p in self.unless for m in p.finditer(text))


def _bad(term: str) -> bool:
    try:
        compile_term(term)
        return False
    except PatternError:
        return True


def _rule_triggers(terms: list[str]) -> frozenset[str] | None:
    found: set[str] = set()
    for term in terms:
        term_triggers = triggers(term)
        if term_triggers is None:
            return None
        found |= term_triggers
    return frozenset(found)


def rule_from_item(item: dict[str, Any]) -> Rule:
    """The rule one validated item of the rules file defines (PatternError for a bad pattern).

    The item itself is kept on the rule: the checker bundle carries rules as their items."""
    kind = KINDS[item["kind"]]
    terms, replacements = kind.read(item[kind.FIELD])
    return Rule(
        item["id"],
        item["kind"],
        item["level"],
        item["message"],
        item.get("link", ""),
        terms,
        replacements,
        tuple((term, compile_term(term)) for term in terms),
        _rule_triggers(list(terms)),
        tuple(compile_term(t) for t in item.get("unless") or ()),
        item,
    )


def _pattern_problems(doc: YamlDocument, i: int, item: dict[str, Any]) -> list[Problem]:
    """A bad-pattern problem for each of the item's terms and ``unless`` phrases that does not compile."""
    hint = "fix the /regex/, or drop the slashes to match it as plain words"
    problems = []
    for n, term in enumerate(item.get("unless") or ()):
        if _bad(term):
            problems.append(
                doc.problem(
                    ("rules", i, "unless", n), "bad-pattern", f"rules[{i}].unless[{n}]: {term!r} does not compile", hint
                )
            )
    kind = KINDS[item["kind"]]
    value = item[kind.FIELD]
    for n, term in enumerate(kind.read(value)[0]):
        try:
            compile_term(term)
        except PatternError as exc:
            where = ("rules", i, kind.FIELD, term if isinstance(value, dict) else n)
            message = f"rules[{i}]: {term!r} does not compile: {exc}"
            problems.append(doc.problem(where, "bad-pattern", message, hint, key=isinstance(value, dict)))
    return problems


def read_rules(file: Path, shown_as: str) -> tuple[list[Rule], list[Problem]]:
    """The rules in ``file``; no file means no rules (a rule with a bad pattern is left out)."""
    doc, problems = read_listing(
        file, shown_as, SCHEMA_NAME, "rules", "duplicate-rule-id", "rule", "give each rule its own id"
    )
    if doc is None:
        return [], problems
    rules = []
    for i, item in enumerate(doc.data["rules"]):
        bad = _pattern_problems(doc, i, item)
        problems += bad
        if not bad:
            rules.append(rule_from_item(item))
    return rules, problems
