"""Which records does a claim assert? Linking by concepts, by a record's own patterns, and by
near-verbatim reuse of its words; each link says why, in words a reviewer can check.

By concepts: a record's ``about`` lists alternatives, each a set of concepts that together
assert it; a sentence read as a claim links every record one of whose alternatives it names
in full. Where one record's alternative is a strict part of another's that also matched
("noradrenaline" against "noradrenaline ... tranquilliser"), the more specific record wins.

A claim of range (a concept marked ``umbrella``: "everything from joint pain to fine lines to
stubborn fat") names the record about the range; the outcomes it lists are its examples and
name no record of their own. Praise (a concept marked ``intensifier``: "amazing for TMJ")
beside a specific claim is part of it, and names no record of its own. A benefit said to come
through a mechanism no record is about ("lymphatic drainage for puffy legs") is that
mechanism's claim: its outcomes name only records about a mechanism.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from claimkb.checker.bundle import CheckedClaim
from claimkb.checker.claims import ClaimMatcher
from claimkb.checker.concepts import ConceptHit
from claimkb.checker.detect import Reading


@dataclass(frozen=True)
class Link:
    claim: CheckedClaim
    start: int  # the span of the sentence the link rests on
    end: int
    why: str


def _quote(hit: ConceptHit) -> str:
    return f"'{hit.words}'"


def _by_concepts(
    reading: Reading,
    by_concept: dict[str, list[CheckedClaim]],
    allowed: Callable[[frozenset[str]], bool] | None = None,
    broader: dict[str, str] | None = None,
) -> list[tuple[CheckedClaim, frozenset[str]]]:
    """(record, the concepts it rests on) for each record the sentence names in full (through an
    alternative that ``allowed`` accepts, when given)."""
    present = reading.concepts
    candidates = {c.id: c for concept in present for c in by_concept.get(concept, ())}
    matched: dict[str, tuple[CheckedClaim, list[frozenset[str]]]] = {}
    for claim in candidates.values():
        satisfied = [frozenset(a) for a in claim.about if set(a) <= present]
        satisfied = [a for a in satisfied if allowed is None or allowed(a)]
        if satisfied:
            matched[claim.id] = (claim, satisfied)

    broader = broader or {}

    def widened(alternative: frozenset[str]) -> frozenset[str]:  # with what its concepts are kinds of
        return alternative | {broader[c] for c in alternative if c in broader}

    def outdone(claim_id: str, alternative: frozenset[str]) -> bool:
        """A strict part of another record's alternative, or broader than it ("pain" against
        "jaw pain" when the sentence names the jaw): the more specific record wins."""
        return any(
            alternative < other or (alternative != other and alternative <= widened(other))
            for other_id, (_, others) in matched.items()
            if other_id != claim_id
            for other in others
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
    own = {h.concept.id: h for h in reversed(reading.hits + reading.predicates)}
    borrowed = {h.concept.id: h for h in reversed(reading.borrowed)}
    answered = {h.concept.id: h for h in reversed(reading.answered)}
    predicate = reading.predicate
    said = False  # whether the predicate's words were already named as a concept

    def place(concept: str) -> tuple[int, int, str]:  # its own words in order, then those said before or after
        if concept in own:
            return (0, own[concept].start, concept)
        return (1, borrowed[concept].start, concept) if concept in borrowed else (2, answered[concept].start, concept)

    for concept in sorted(concepts, key=place):
        if concept in own:
            hit = own[concept]
            if hit is predicate or (predicate is not None and hit.concept.id == predicate.concept.id):
                continue  # the benefit is said once, below
            same = predicate is not None and (hit.start, hit.end) == (predicate.start, predicate.end)
            said = said or same
            parts.append(f"{_quote(hit)} is {hit.concept.label}" + (" and states a benefit" if same else ""))
        elif concept in borrowed:
            parts.append(f"{_quote(borrowed[concept])} ({borrowed[concept].concept.label}) is said just before")
        else:
            parts.append(f"{_quote(answered[concept])} ({answered[concept].concept.label}) is said just after")
    if reading.assertion is not None and reading.assertion.concept.id in concepts:
        pass  # an assertion is a claim by itself
    elif reading.under:
        parts.append(f"it is listed under '{reading.under}', which states the benefit")
    elif reading.affirmed:
        parts.append("it says yes to the question just before it")
    elif reading.presumed:
        parts.append("the question presumes the benefit the next sentence promises")
    elif predicate is not None and not said:
        parts.append(f"{_quote(predicate)} states a benefit or an effect")
    elif reading.priced:
        parts.append("it is sold at a price for it")
    return "; ".join(parts)


class Linker:
    def __init__(
        self,
        claims: list[CheckedClaim],
        matcher: ClaimMatcher,
        subjects: frozenset[str],
        broader: dict[str, str] | None = None,
        umbrellas: frozenset[str] = frozenset(),
        intensifiers: frozenset[str] = frozenset(),
        mechanisms: frozenset[str] = frozenset(),
    ) -> None:
        self.by_concept: dict[str, list[CheckedClaim]] = {}  # concept -> the records an alternative of which names it
        for claim in claims:
            for concept in dict.fromkeys(x for alternative in claim.about for x in alternative):
                self.by_concept.setdefault(concept, []).append(claim)
        self.matcher = matcher
        self.subjects = subjects  # outcomes and mechanisms: they need a benefit stated to make a claim
        self.broader = broader or {}  # concept -> the concept it is a kind of
        self.umbrellas = umbrellas  # claims of range: what they name beside them are examples
        self.intensifiers = intensifiers  # praise: part of the specific claim it stands beside
        self.about = frozenset(self.by_concept)  # every concept some record is about
        self.mechanisms = mechanisms & self.about  # the mechanisms records are about
        self.unrecorded_mechanisms = mechanisms - self.about  # "it flushes out toxins": no record is about it

    def links(
        self, reading: Reading, prefixes: set[str] | None = None, sentence_stems: list[str] | None = None
    ) -> list[Link]:
        """The records a sentence asserts (none when it is hedged). ``prefixes`` and ``sentence_stems``:
        its trigger prefixes and stems, when the caller has them."""
        if reading.hedged:
            return []
        found: dict[str, Link] = {}
        if reading.claim or not reading.question:
            # An outcome needs a benefit stated (a predicate, the promise after a question, the
            # outcome borrowed from before, "anyone ... is a candidate"), beside an assertion or not.
            stated = reading.claim and (
                reading.predicate is not None
                or reading.presumed
                or reading.affirmed
                or bool(reading.borrowed)
                or any(h.kind == "population" for h in reading.hits)
                or reading.priced
                or bool(reading.under)
            )
            allowed = None if stated else (lambda alternative: not alternative & self.subjects)
            by_concepts = _by_concepts(reading, self.by_concept, allowed, self.broader)
            if any(h.concept.id in self.unrecorded_mechanisms for h in reading.hits):
                # "lymphatic drainage for heavy legs": the benefit is said to come through a body
                # process no record is about; its outcomes name no record through concepts alone
                by_concepts = [(c, alternative) for c, alternative in by_concepts if alternative & self.mechanisms]
            if any(alternative & self.umbrellas for _, alternative in by_concepts):
                # "everything from joint pain to fine lines": the range is the claim, not each example
                by_concepts = [(c, alternative) for c, alternative in by_concepts if alternative & self.umbrellas]
            elif any(not alternative <= self.intensifiers for _, alternative in by_concepts):
                # "amazing for TMJ": the praise strengthens the claim about the jaw; it is no claim of its own
                by_concepts = [
                    (c, alternative) for c, alternative in by_concepts if not alternative <= self.intensifiers
                ]
            for claim, alternative in by_concepts:
                spans = [h for h in reading.hits if h.concept.id in alternative]
                start = min((h.start for h in spans), default=0)
                end = max((h.end for h in spans), default=len(reading.text))
                found[claim.id] = Link(claim, start, end, explain(reading, alternative))
        if not (reading.question and not reading.claim):
            for hit in self.matcher.find(reading.text, prefixes, sentence_stems):
                if hit.claim.id not in found:
                    why = (
                        f"matches the record's pattern {hit.term!r}"
                        if hit.how == "pattern"
                        else f"repeats the record's own words (similarity {hit.score:.0f}%)"
                    )
                    found[hit.claim.id] = Link(hit.claim, hit.start, hit.end, why)
        return sorted(found.values(), key=lambda link: (link.start, link.claim.id))
