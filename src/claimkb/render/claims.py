"""Claim pages, the claims index and the ClaimReview JSON-LD each claim page embeds."""

from __future__ import annotations

from typing import Any

from claimkb.kb.model import Claim, KnowledgeBase, SourceDocument, claim_url
from claimkb.kb.vocab import BEST_RATING, VERDICTS, WORST_RATING
from claimkb.render.html import Page, render
from claimkb.render.places import appears_in, places

SITE_NAME = "claimkb"


def creative_work(document: SourceDocument | None) -> dict[str, Any]:
    """schema.org CreativeWork for a source document (https://schema.org/CreativeWork)."""
    work: dict[str, Any] = {"@type": "CreativeWork"}
    if document:
        work["headline"] = document.title
        work["publisher"] = {"@type": "Organization", "name": document.publisher}
        if document.url:
            work["url"] = document.url
        if document.date:
            work["datePublished"] = document.date.isoformat()
    return work


def claim_review(claim: Claim, kb: KnowledgeBase, site_url: str) -> dict[str, Any]:
    """schema.org ClaimReview for one claim (https://schema.org/ClaimReview): one CreativeWork in
    ``itemReviewed.appearance`` per appearance a reviewer confirmed (on either site)."""
    verdict = VERDICTS[claim.verdict]
    works = [creative_work(kb.documents.get(a.document)) for a in claim.confirmed_appearances]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label, "ratingExplanation": claim.conclusion}
    if verdict.rating is not None:
        rating.update(ratingValue=verdict.rating, bestRating=BEST_RATING, worstRating=WORST_RATING)
    unknown = {"@type": "Organization", "name": "unknown"}
    author = works[0].get("publisher", unknown) if works else unknown
    item: dict[str, Any] = {"@type": "Claim", "author": author, "appearance": works}
    if works:
        item["firstAppearance"] = works[0]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(claim.id, site_url),
        "claimReviewed": claim.claim,
        "datePublished": claim.review.reviewed.isoformat(),
        "author": {"@type": "Organization", "name": SITE_NAME},
        "reviewRating": rating,
        "itemReviewed": item,
    }


def history(claim: Claim) -> list[tuple[str, str]]:
    """The sign-off history as fact-checkers show updates, newest first (no names): (date, what happened)."""
    lines = []
    before = None
    for entry in claim.review.log:
        changes: list[str] = []
        if before is not None and entry.verdict != before.verdict:
            changes.append(
                f"verdict changed from {VERDICTS[before.verdict].label} to {VERDICTS[entry.verdict].label}"
                if before.verdict in VERDICTS and entry.verdict in VERDICTS
                else "verdict changed"
            )
        if before is not None and entry.certainty != before.certainty:
            changes.append(f"certainty changed from {before.certainty} to {entry.certainty}")
        what = {
            "approve": "signed off by compliance",
            "request-changes": "changes requested by compliance",
            "retire": "retired",
        }[entry.decision]
        lines.append((entry.date.isoformat(), what + (f"; {'; '.join(changes)}" if changes else "")))
        before = entry
    return list(reversed(lines))


def claim_page(
    claim: Claim,
    kb: KnowledgeBase,
    audience: str,
    site_url: str,
    names: bool = False,
    *,
    digest: str | None = None,
    directory_urls: bool = True,
) -> Page:
    """A claim's page. It is made from the claim, the references it cites and the title, publisher, address
    and date of the documents it appears in only (``claim_inputs``), so a cache may key it on those."""
    review = claim.review
    approval = review.approval
    shown = [(place, kb.documents.get(place.appearance.document)) for place in places(claim, audience)]
    return render(
        "claim.html",
        f"claims/{claim.id}.md",
        claim.title,
        digest=digest,
        directory_urls=directory_urls,
        claim=claim,
        verdict=VERDICTS[claim.verdict],
        places=shown,
        refs={key: kb.references[key] for key in claim.reference_keys},
        internal=audience == "internal",
        approver=review.approver if (names or audience == "internal") else None,
        signed_off=(approval.date if approval else review.reviewed).isoformat(),
        history=history(claim),
        json_ld=claim_review(claim, kb, site_url),
    )


def claim_inputs(claim: Claim, kb: KnowledgeBase) -> tuple[object, ...]:
    """Everything of the knowledge base a claim's page is made from (``claim_page``)."""
    metas = []
    for doc_id in dict.fromkeys(a.document for a in claim.appearances):
        document = kb.documents.get(doc_id)
        metas.append((doc_id, document.title, document.publisher, document.url, document.date) if document else None)
    return (claim, tuple(kb.references[key] for key in claim.reference_keys), tuple(metas))


def claims_index(
    claims: list[Claim],
    documents: list[SourceDocument],
    audience: str,
    *,
    digest: str | None = None,
    directory_urls: bool = True,
) -> Page:
    """The claims index; each row names the documents ``audience`` sees its claim in (a filter reads them)."""
    return render(
        "claims_index.html",
        "claims/index.md",
        None,  # titled by the navigation
        digest=digest,
        directory_urls=directory_urls,
        claims=claims,
        documents=documents,
        appears_in={claim.id: appears_in(claim, audience) for claim in claims},
    )
