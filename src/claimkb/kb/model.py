"""The validated knowledge base: plain frozen data, built only from records that passed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from claimkb.kb.concepts import Concept
    from claimkb.kb.rules import Rule


def claim_url(claim_id: str, site_url: str = "") -> str:
    """A claim page's address: absolute under ``site_url``, else relative to the site's root."""
    path = f"claims/{claim_id}/"
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


@dataclass(frozen=True)
class Citation:
    key: str
    stance: str
    design: str
    intervention: str
    note: str


@dataclass(frozen=True)
class SourceRef:
    """One place a claim appears: a source document, its words there, and the heading above."""

    document: str
    quote: str
    section: str | None = None
    proposed: bool = False  # linked by claimkb ingest, not yet confirmed by a reviewer


@dataclass(frozen=True)
class Wording:
    approved: tuple[str, ...]
    avoid: tuple[str, ...]
    no_alternative: str | None = None


@dataclass(frozen=True)
class RegulatorRef:
    key: str
    note: str


@dataclass(frozen=True)
class SignOff:
    """One decision in a record's sign-off log."""

    date: dt.date
    reviewer: str
    decision: str  # approve | request-changes | retire
    verdict: str  # the verdict and certainty at that moment
    certainty: str
    note: str = ""


@dataclass(frozen=True)
class Review:
    status: str
    reviewed: dt.date  # the date of the last decision
    next_review: dt.date
    approver: str | None = None  # approved only
    fingerprint: str | None = None  # approved only: what was approved
    log: tuple[SignOff, ...] = ()

    @property
    def approval(self) -> SignOff | None:
        """The decision that approved the current content, when the record is approved."""
        if self.status != "approved":
            return None
        return next((s for s in reversed(self.log) if s.decision == "approve"), None)


@dataclass(frozen=True)
class Claim:
    id: str
    title: str
    topic: tuple[str, ...]
    appearances: tuple[SourceRef, ...]  # the first is where the claim was first published
    claim: str
    citation_status: str
    article_cites: str | None
    verdict: str
    conclusion: str
    certainty: str
    summary: str
    citations: tuple[Citation, ...]
    wording: Wording
    review: Review
    claim_kind: str = "treatment"  # vocab.CLAIM_KINDS
    indirect_reason: str | None = None  # why certainty is above very low on indirect evidence
    match: tuple[str, ...] = ()
    about: tuple[tuple[str, ...], ...] = ()  # alternatives, each concepts that together assert the claim
    regulators: tuple[RegulatorRef, ...] = ()
    internal_notes: str | None = None
    path: str = ""

    @property
    def source(self) -> SourceRef:
        """Where the claim was first published (its first appearance)."""
        return self.appearances[0]

    @property
    def confirmed_appearances(self) -> tuple[SourceRef, ...]:
        """The appearances a reviewer has confirmed: what the public site shows."""
        return tuple(a for a in self.appearances if not a.proposed)

    @property
    def reference_keys(self) -> tuple[str, ...]:
        """Every BibTeX key the record uses, in order of first use."""
        keys = [c.key for c in self.citations] + [r.key for r in self.regulators]
        if self.article_cites:
            keys.insert(0, self.article_cites)
        return tuple(dict.fromkeys(keys))


@dataclass(frozen=True)
class Reference:
    """One BibTeX entry, its LaTeX decoded."""

    key: str
    entry_type: str
    fields: dict[str, str] = field(hash=False, compare=False)
    line: int = 0

    def get(self, name: str) -> str | None:
        return self.fields.get(name)

    @property
    def verified(self) -> bool:
        """Whether the entry records the address where its details were seen (``seenin``)."""
        return bool(self.fields.get("seenin"))

    @property
    def incomplete(self) -> bool:
        """Whether its note says that some details were not seen."""
        note = (self.fields.get("note") or "").lower()
        return any(word in note for word in ("not seen", "not shown", "not captured", "unverified"))


@dataclass(frozen=True)
class NotAClaim:
    text: str
    reason: str
    note: str | None = None


@dataclass(frozen=True)
class SourceDocument:
    id: str
    title: str
    publisher: str
    text: str
    date: dt.date | None = None
    url: str | None = None
    not_claims: tuple[NotAClaim, ...] = ()
    path: str = ""  # the registry entry (.yaml)
    text_path: str = ""  # the full text beside it


@dataclass(frozen=True)
class KnowledgeBase:
    claims: tuple[Claim, ...]
    references: dict[str, Reference] = field(hash=False)
    documents: dict[str, SourceDocument] = field(hash=False)
    rules: tuple[Rule, ...] = ()  # the copy checker's overreaching-language rules
    concepts: tuple[Concept, ...] = ()  # the copy checker's concept thesaurus

    def claim(self, claim_id: str) -> Claim:
        return next(c for c in self.claims if c.id == claim_id)
