"""Where the site shows a claim: the appearances an audience may see, each with the id of its
highlight on the annotated page of its document, and the documents an audience sees."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from claimkb.kb.model import Claim, KnowledgeBase, SourceDocument, SourceRef


@dataclass(frozen=True)
class Place:
    """One appearance of a claim as the site shows it."""

    claim: Claim
    appearance: SourceRef
    anchor: str  # the id of its highlight on article/<document>


def places(claim: Claim, audience: str) -> list[Place]:
    """The claim's appearances an audience sees, in the record's order: the public site only those a
    reviewer confirmed, the internal site every one (proposed ones marked by the templates).

    A highlight's id is ``claim-ID`` for the claim's first appearance in a document and ``claim-ID--N``
    for its Nth there, counted over all its appearances, so an id is the same on both sites (claim ids
    never hold two hyphens in a row, so these ids never collide)."""
    seen: Counter[str] = Counter()
    shown = []
    for appearance in claim.appearances:
        seen[appearance.document] += 1
        if audience == "internal" or not appearance.proposed:
            n = seen[appearance.document]
            shown.append(Place(claim, appearance, f"claim-{claim.id}" + (f"--{n}" if n > 1 else "")))
    return shown


def appears_in(claim: Claim, audience: str) -> list[str]:
    """The ids of the documents an audience sees the claim in, in the record's order."""
    return list(dict.fromkeys(place.appearance.document for place in places(claim, audience)))


def documents(kb: KnowledgeBase, claims: list[Claim], audience: str) -> list[tuple[SourceDocument, int]]:
    """The source documents an audience sees, by id, each with how many of ``claims`` it shows there: the
    internal site every registered document, the public site those in which a claim it shows appears."""
    counts = Counter(doc_id for claim in claims for doc_id in appears_in(claim, audience))
    return [(kb.documents[d], counts[d]) for d in sorted(kb.documents) if audience == "internal" or counts[d]]
