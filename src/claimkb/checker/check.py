"""Check copy: one Problem per finding.

``Checker(bundle).check(copy)`` (``Checker.for_kb(kb)`` from a checkout)
reads each sentence (``detect``), links the claims among them to
the records they assert (``link``: level from the record's verdict, its approved wording as
the suggestion, and why it matched), flags claims no record covers (``unreviewed-claim``),
and runs the overreaching-language rules.
"""

from __future__ import annotations

import multiprocessing
import os

from claimkb.checker.bundle import Bundle, CheckedClaim, make_bundle, read_bundle
from claimkb.checker.claims import ClaimMatcher, stems
from claimkb.checker.concepts import ConceptIndex
from claimkb.checker.copytext import CopySentence, CopyText
from claimkb.checker.detect import SUBJECT, Reading, read, read_in_context
from claimkb.checker.link import Link, Linker, explain
from claimkb.kb.model import KnowledgeBase, claim_url
from claimkb.kb.problems import LEVELS, Problem
from claimkb.kb.rulekinds import KINDS
from claimkb.kb.rules import Rule
from claimkb.kb.terms import word_prefixes
from claimkb.kb.vocab import VERDICTS

KNOWN_CLAIM = "known-claim"
UNREVIEWED_CLAIM = "unreviewed-claim"
UNREVIEWED_LEVEL = "warning"
# The checker's own rules, beside those of rules/overreach.yaml: (id, level, what it finds).
CHECKER_RULES = {
    KNOWN_CLAIM: ("verdict", "The copy asserts a claim the knowledge base has reviewed"),
    UNREVIEWED_CLAIM: (UNREVIEWED_LEVEL, "The copy makes a health claim that no record covers"),
}


class Checker:
    """Built once per knowledge base; checks any number of pieces of copy."""

    def __init__(self, bundle: Bundle, site_url: str | None = None) -> None:
        """``site_url``: where links to claim pages point (default: the bundle's site)."""
        self.matcher = ClaimMatcher(bundle.claims)
        self.index = ConceptIndex(bundle.concepts)
        subjects = frozenset(c.id for c in bundle.concepts if c.kind in SUBJECT)
        self.linker = Linker(
            self.matcher.claims,
            self.matcher,
            subjects,
            {c.id: c.broader for c in bundle.concepts if c.broader},
            frozenset(c.id for c in bundle.concepts if c.umbrella),
            frozenset(c.id for c in bundle.concepts if c.intensifier),
            frozenset(c.id for c in bundle.concepts if c.kind == "mechanism"),
        )
        self.unrecorded = subjects - self.linker.about  # outcomes and mechanisms no record is about
        self.rules: list[Rule] = list(bundle.rules)
        self.site_url = (bundle.site_url if site_url is None else site_url).rstrip("/")
        self._messages: dict[str, str] = {}

    @classmethod
    def for_kb(cls, kb: KnowledgeBase, site_url: str = "") -> Checker:
        """The checker of a validated knowledge base, through its bundle (as ``--kb`` would see it)."""
        return cls(read_bundle(make_bundle(kb, site_url), "the knowledge base"))

    def link(self, claim: CheckedClaim) -> str:
        return claim_url(claim.id, self.site_url)

    def _claim_problem(self, copy: CopyText, sentence: CopySentence, link: Link) -> Problem:
        claim = link.claim
        verdict = VERDICTS[claim.verdict]
        start, end = sentence.source_span(link.start, link.end)
        message = self._messages.get(claim.id)
        if message is None:  # one string per claim, shared by its findings (long copy has many)
            message = self._messages[claim.id] = (
                f"claim '{claim.id}' ({verdict.label.lower()}): {claim.conclusion} See {self.link(claim)}"
            )
        return copy.finding(
            start, end, verdict.check_level, KNOWN_CLAIM, message, claim.suggestion, claim.id, claim.verdict, link.why
        )

    def _unreviewed_problem(self, copy: CopyText, sentence: CopySentence, reading: Reading) -> Problem:
        start, end = sentence.source_span(0, len(sentence.text))
        said = reading.hits + reading.borrowed + reading.answered
        about = sorted({h.concept.label for h in said if h.kind in ("outcome", "mechanism")})
        message = (
            f"a health claim{' about ' + ', '.join(about) if about else ''} that no record covers: it is not "
            "in the knowledge base, so send it to compliance before it is published"
        )
        return copy.finding(
            start,
            end,
            UNREVIEWED_LEVEL,
            UNREVIEWED_CLAIM,
            message,
            "have compliance review the claim, or say only what an approved wording says",
            "",
            "",
            explain(reading, reading.concepts),
        )

    def check(self, copy: CopyText) -> list[Problem]:
        sentences = copy.sentences()
        workers = _workers(len(sentences))
        if workers > 1:  # long copy: share the sentences out over the cores (forked workers)
            global _FORKED
            _FORKED = (self, copy, sentences)
            cuts = [_cut(sentences, i * len(sentences) // workers) for i in range(workers + 1)]
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                parts = pool.map(_check_chunk, list(zip(cuts, cuts[1:], strict=False)))
            _FORKED = None
            found = [problem for part in parts for problem in part]
        else:
            found = []
            cuts = sorted({_cut(sentences, at) for at in range(0, len(sentences), WINDOW)} | {len(sentences)})
            for lo, hi in zip(cuts, cuts[1:], strict=False):  # a window at a time: memory stays flat
                found += self._check_sentences(copy, sentences, lo, hi)
        return sorted(found, key=lambda p: (p.line, p.column, LEVELS.index(p.level), p.rule, p.claim))

    def _check_sentences(
        self, copy: CopyText, sentences: list[CopySentence], lo: int = 0, hi: int | None = None
    ) -> list[Problem]:
        """Findings in ``sentences[lo:hi]``; ``CONTEXT`` sentences on either side are read for context."""
        hi = len(sentences) if hi is None else hi
        first, last = max(lo - CONTEXT, 0), min(hi + CONTEXT, len(sentences))
        every_prefix = [word_prefixes(s.text) for s in sentences[first:last]]
        readings = read_in_context(
            [
                read(s.text, self.index, s.unit, s.block, p, s.row)
                for s, p in zip(sentences[first:last], every_prefix, strict=True)
            ]
        )
        found: list[Problem] = []
        for sentence, reading, prefixes in zip(
            sentences[lo:hi], readings[lo - first : hi - first], every_prefix[lo - first : hi - first], strict=True
        ):
            plain = sentence.text
            sentence_stems = stems(plain)
            approved = self.matcher.is_approved(plain, sentence_stems)  # approved wording is never a finding
            links = [] if approved else self.linker.links(reading, prefixes, sentence_stems)
            for link in links:
                start, _ = sentence.source_span(link.start, link.end)
                if not copy.disabled((KNOWN_CLAIM, link.claim.id), start):
                    found.append(self._claim_problem(copy, sentence, link))
            # A claim no record covers, or one that also names outcomes no record is about
            # ("Boost your immune system with our Frost and Glow package").
            unlinked = reading.claim and not links
            beyond = reading.claim and any(h.concept.id in self.unrecorded for h in reading.hits)
            if (unlinked or beyond) and not approved and not reading.hedged:
                start, _ = sentence.source_span(0, 1)
                if not copy.disabled((UNREVIEWED_CLAIM,), start):
                    found.append(self._unreviewed_problem(copy, sentence, reading))
            for rule in self.rules:
                if rule.triggers is not None and not rule.triggers & prefixes:
                    continue
                for a, b, message, suggestion in KINDS[rule.kind].findings(rule, plain):
                    start, end = sentence.source_span(a, b)
                    if copy.disabled((rule.id,), start) or rule.excepted(plain, a, b):
                        continue
                    if rule.link:
                        message += f" See {rule.link}"
                    found.append(copy.finding(start, end, rule.level, rule.id, message, suggestion))
        return found


PARALLEL_FROM = 3000  # sentences; below this, starting workers costs more than it saves
# Sentences; above this (several MB of copy) one process checks them: each forked worker would
# hold a copy of the copy and its findings, and memory matters more than speed at that size.
PARALLEL_UP_TO = 40_000
_FORKED: tuple[Checker, CopyText, list[CopySentence]] | None = None


def _workers(sentences: int) -> int:
    if not PARALLEL_FROM <= sentences <= PARALLEL_UP_TO or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


WINDOW = 4000  # sentences read at once (their readings and word prefixes are held together)
# Sentences read on either side of a window for context: a sentence borrows from the one before
# it, and a chain of set-up questions ("Jaw pain? Headaches? Meet CryoJaw.") reaches further.
CONTEXT = 3


def _cut(sentences: list[CopySentence], at: int) -> int:
    """A place at or after ``at`` to cut the sentences for separate checking (each part is read with
    the sentence on either side for context): not at a bullet or a cell, which are read with the
    lead-in or the row they stand in."""
    while 0 < at < len(sentences) and sentences[at].unit in ("bullet", "cell"):
        at += 1
    return at


def _check_chunk(bounds: tuple[int, int]) -> list[Problem]:
    """In a forked worker: check one stretch of the sentences (the checker came with the fork)."""
    assert _FORKED is not None
    checker, copy, sentences = _FORKED
    return checker._check_sentences(copy, sentences, bounds[0], bounds[1])


def filter_level(problems: list[Problem], minimum: str) -> list[Problem]:
    keep = LEVELS[: LEVELS.index(minimum) + 1]
    return [p for p in problems if p.level in keep]
