"""Which records does a claim assert? Linking by concepts, by a record's own patterns, and by
near-verbatim reuse of its words; each link says why, in words a reviewer can check.

By concepts: a record's ``about`` lists alternatives, each a set of concepts that together
assert it; a sentence read as a claim links every record one of whose alternatives it names
in full. Where one record's alternative is a strict part of another's that also matched
("noradrenaline" against "noradrenaline ... tranquilliser"), the more specific record wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimkb.checker.claims import ClaimMatcher
from claimkb.checker.concepts import ConceptHit
from claimkb.checker.detect import Reading
from claimkb.kb.model import Claim


@dataclass(frozen=True)
class Link:
    claim: Claim
    start: int  # the span of the sentence the link rests on
    end: int
    why: str


def _quote(hit: ConceptHit) -> str:
    return f"'{hit.words}'"


def _by_concepts(reading: Reading, claims: list[Claim]) -> list[tuple[Claim, frozenset[str]]]:
    """(record, the concepts it rests on) for each record the sentence names in full."""
    present = reading.concepts
    matched: dict[str, tuple[Claim, list[frozenset[str]]]] = {}
    for claim in claims:
        satisfied = [frozenset(a) for a in claim.about if set(a) <= present]
        if satisfied:
            matched[claim.id] = (claim, satisfied)

    def outdone(claim_id: str, alternative: frozenset[str]) -> bool:
        return any(
            alternative < other for other_id, (_, others) in matched.items() if other_id != claim_id for other in others
        )

    result = []
    for claim_id, (claim, satisfied) in matched.items():
        kept = [a for a in satisfied if not outdone(claim_id, a)]
        if kept:
            result.append((claim, max(kept, key=len)))
    return result


def explain(reading: Reading, concepts: frozenset[str]) -> str:
    """'dimples' is cellulite; 'fight' states a benefit."""
    parts = []
    own = {h.concept.id: h for h in reversed(reading.hits)}
    borrowed = {h.concept.id: h for h in reversed(reading.borrowed)}
    for concept in sorted(concepts, key=lambda c: (own.get(c) or borrowed[c]).start if c in own else 10**6):
        if concept in own:
            parts.append(f"{_quote(own[concept])} is {own[concept].concept.label}")
        else:
            parts.append(f"{_quote(borrowed[concept])} ({borrowed[concept].concept.label}) is said just before")
    if reading.assertion is not None and reading.assertion.concept.id in concepts:
        pass  # an assertion is a claim by itself
    elif reading.presumed:
        parts.append("the question presumes the benefit the next sentence promises")
    elif reading.predicate is not None:
        parts.append(f"{_quote(reading.predicate)} states a benefit or an effect")
    return "; ".join(parts)


class Linker:
    def __init__(self, claims: list[Claim], matcher: ClaimMatcher, subjects: frozenset[str]) -> None:
        self.claims = [c for c in claims if c.about]
        self.matcher = matcher
        self.subjects = subjects  # outcomes and mechanisms: they need a benefit stated to make a claim

    def links(self, reading: Reading) -> list[Link]:
        """The records a sentence asserts (none when it is hedged, or repeats approved wording)."""
        if reading.hedged or self.matcher.is_approved(reading.text):
            return []
        found: dict[str, Link] = {}
        if reading.claim or not reading.question:
            for claim, alternative in _by_concepts(reading, self.claims):
                stated = reading.predicate is not None or reading.presumed or bool(reading.borrowed)
                if alternative & self.subjects and not (reading.claim and stated):
                    continue  # an outcome without a stated benefit is not a claim, beside an assertion or not
                spans = [h for h in reading.hits if h.concept.id in alternative]
                start = min((h.start for h in spans), default=0)
                end = max((h.end for h in spans), default=len(reading.text))
                found[claim.id] = Link(claim, start, end, explain(reading, alternative))
        if not (reading.question and not reading.claim):
            for hit in self.matcher.find(reading.text):
                if hit.claim.id not in found:
                    why = (
                        f"matches the record's pattern {hit.term!r}"
                        if hit.how == "pattern"
                        else f"repeats the record's own words (similarity {hit.score:.0f}%)"
                    )
                    found[hit.claim.id] = Link(hit.claim, hit.start, hit.end, why)
        return sorted(found.values(), key=lambda link: (link.start, link.claim.id))
