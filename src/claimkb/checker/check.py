"""Check copy: one Problem per finding.

``Checker(kb).check(copy)`` returns the claims of the knowledge base the copy repeats
(level from the claim's verdict, its approved wording as the suggestion) and the
overreaching language the rules file finds.
"""

from __future__ import annotations

from claimkb.checker.claims import ClaimMatcher
from claimkb.checker.copytext import CopyText
from claimkb.checker.kinds import existence, substitution
from claimkb.checker.rules import Rule
from claimkb.checker.terms import word_prefixes
from claimkb.hedging import hedged
from claimkb.model import Claim, KnowledgeBase
from claimkb.problems import LEVELS, Problem
from claimkb.scales import VERDICTS

KNOWN_CLAIM = "known-claim"
KINDS = {"existence": existence, "substitution": substitution}


def _suggestion(claim: Claim) -> str:
    if claim.wording.approved:
        return claim.wording.approved[0]
    return f"do not use: {claim.wording.no_alternative}"


class Checker:
    """Built once per knowledge base; checks any number of pieces of copy."""

    def __init__(self, kb: KnowledgeBase, site_url: str = "") -> None:
        self.matcher = ClaimMatcher(kb)
        self.rules: list[Rule] = list(kb.rules)
        self.site_url = site_url.rstrip("/")

    def link(self, claim: Claim) -> str:
        return f"{self.site_url}/claims/{claim.id}/" if self.site_url else f"claims/{claim.id}/"

    def _claim_problem(self, copy: CopyText, start: int, end: int, claim: Claim, sentence: str) -> Problem:
        verdict = VERDICTS[claim.verdict]
        level = verdict.check_level
        qualifier = ""
        if hedged(sentence, claim.certainty) and level != "suggestion":
            level, qualifier = "suggestion", "hedged mention of "
        line, column = copy.position(start)
        end_line, end_column = copy.position(max(end - 1, start))
        message = (f"{qualifier}claim '{claim.id}' ({verdict.label.lower()}): {claim.conclusion} "
                   f"See {self.link(claim)}")
        return Problem(copy.path, line, column, level, KNOWN_CLAIM, message, _suggestion(claim),
                       end_line, end_column + 1, claim.id, claim.verdict)

    def check(self, copy: CopyText) -> list[Problem]:
        found: list[Problem] = []
        for sentence in copy.sentences():
            plain = sentence.text
            for hit in self.matcher.find(plain):
                start, end = sentence.source_span(hit.start, hit.end)
                if not copy.disabled((KNOWN_CLAIM, hit.claim.id), start):
                    found.append(self._claim_problem(copy, start, end, hit.claim, plain))
            prefixes = word_prefixes(plain)
            for rule in self.rules:
                if rule.triggers is not None and not rule.triggers & prefixes:
                    continue
                for a, b, message, suggestion in KINDS[rule.kind].findings(rule, plain):
                    start, end = sentence.source_span(a, b)
                    if copy.disabled((rule.id,), start):
                        continue
                    line, column = copy.position(start)
                    end_line, end_column = copy.position(max(end - 1, start))
                    if rule.link:
                        message += f" See {rule.link}"
                    found.append(Problem(copy.path, line, column, rule.level, rule.id, message, suggestion,
                                         end_line, end_column + 1))
        return sorted(found, key=lambda p: (p.line, p.column, LEVELS.index(p.level), p.rule, p.claim))


def filter_level(problems: list[Problem], minimum: str) -> list[Problem]:
    keep = LEVELS[: LEVELS.index(minimum) + 1]
    return [p for p in problems if p.level in keep]
