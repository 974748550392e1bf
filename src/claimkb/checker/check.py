"""Check copy: one Problem per finding.

``Checker(kb).check(copy)`` returns the claims of the knowledge base the copy repeats
(level from the claim's verdict, its approved wording as the suggestion) and the
overreaching language the rules file finds.
"""

from __future__ import annotations

import multiprocessing
import os

from claimkb.checker.claims import ClaimMatcher
from claimkb.checker.copytext import CopySentence, CopyText
from claimkb.kb.hedging import hedged
from claimkb.kb.model import Claim, KnowledgeBase, claim_url
from claimkb.kb.problems import LEVELS, Problem
from claimkb.kb.rulekinds import KINDS
from claimkb.kb.rules import Rule
from claimkb.kb.terms import word_prefixes
from claimkb.kb.vocab import VERDICTS

KNOWN_CLAIM = "known-claim"


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
        return claim_url(claim.id, self.site_url)

    def _claim_problem(self, copy: CopyText, start: int, end: int, claim: Claim, sentence: str) -> Problem:
        verdict = VERDICTS[claim.verdict]
        level = verdict.check_level
        qualifier = ""
        if hedged(sentence, claim.certainty) and level != "suggestion":
            level, qualifier = "suggestion", "hedged mention of "
        message = f"{qualifier}claim '{claim.id}' ({verdict.label.lower()}): {claim.conclusion} See {self.link(claim)}"
        return copy.finding(start, end, level, KNOWN_CLAIM, message, _suggestion(claim), claim.id, claim.verdict)

    def check(self, copy: CopyText) -> list[Problem]:
        sentences = copy.sentences()
        workers = _workers(len(sentences))
        if workers > 1:  # long copy: share the sentences out over the cores (forked workers)
            global _FORKED
            _FORKED = (self, copy, sentences)
            chunks = [(i * len(sentences) // workers, (i + 1) * len(sentences) // workers) for i in range(workers)]
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_check_chunk, chunks)
            _FORKED = None
            found = [problem for part in parts for problem in part]
        else:
            found = self._check_sentences(copy, sentences)
        return sorted(found, key=lambda p: (p.line, p.column, LEVELS.index(p.level), p.rule, p.claim))

    def _check_sentences(self, copy: CopyText, sentences: list[CopySentence]) -> list[Problem]:
        found: list[Problem] = []
        for sentence in sentences:
            plain = sentence.text
            prefixes = word_prefixes(plain)
            for hit in self.matcher.find(plain, prefixes):
                start, end = sentence.source_span(hit.start, hit.end)
                if not copy.disabled((KNOWN_CLAIM, hit.claim.id), start):
                    found.append(self._claim_problem(copy, start, end, hit.claim, plain))
            for rule in self.rules:
                if rule.triggers is not None and not rule.triggers & prefixes:
                    continue
                for a, b, message, suggestion in KINDS[rule.kind].findings(rule, plain):
                    start, end = sentence.source_span(a, b)
                    if copy.disabled((rule.id,), start):
                        continue
                    if rule.link:
                        message += f" See {rule.link}"
                    found.append(copy.finding(start, end, rule.level, rule.id, message, suggestion))
        return found


PARALLEL_FROM = 3000  # sentences; below this, starting workers costs more than it saves
_FORKED: tuple[Checker, CopyText, list[CopySentence]] | None = None


def _workers(sentences: int) -> int:
    if sentences < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _check_chunk(bounds: tuple[int, int]) -> list[Problem]:
    """In a forked worker: check one stretch of the sentences (the checker came with the fork)."""
    assert _FORKED is not None
    checker, copy, sentences = _FORKED
    return checker._check_sentences(copy, sentences[bounds[0] : bounds[1]])


def filter_level(problems: list[Problem], minimum: str) -> list[Problem]:
    keep = LEVELS[: LEVELS.index(minimum) + 1]
    return [p for p in problems if p.level in keep]
