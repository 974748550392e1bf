"""Claim pages, the claims index and the ClaimReview JSON-LD each claim page embeds."""

from __future__ import annotations

from typing import Any

from claimkb.kb.model import Claim, KnowledgeBase, claim_url
from claimkb.kb.vocab import BEST_RATING, VERDICTS, WORST_RATING
from claimkb.render.html import Page, render

SITE_NAME = "claimkb"


def claim_review(claim: Claim, kb: KnowledgeBase, site_url: str) -> dict[str, Any]:
    """schema.org ClaimReview for one claim (https://schema.org/ClaimReview)."""
    verdict = VERDICTS[claim.verdict]
    document = kb.documents.get(claim.source.document)
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if document:
        appearance["headline"] = document.title
        appearance["publisher"] = {"@type": "Organization", "name": document.publisher}
        if document.url:
            appearance["url"] = document.url
        if document.date:
            appearance["datePublished"] = document.date.isoformat()
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": verdict.label, "ratingExplanation": claim.conclusion}
    if verdict.rating is not None:
        rating.update(ratingValue=verdict.rating, bestRating=BEST_RATING, worstRating=WORST_RATING)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(claim.id, site_url),
        "claimReviewed": claim.claim,
        "datePublished": claim.review.reviewed.isoformat(),
        "author": {"@type": "Organization", "name": SITE_NAME},
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "author": appearance.get("publisher", {"@type": "Organization", "name": "unknown"}),
            "appearance": appearance,
            "firstAppearance": appearance,
        },
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
    """A claim's page. It is made from the claim, the references it cites and its document's title and
    publisher only (``claim_inputs``), so a cache may key it on those."""
    review = claim.review
    approval = review.approval
    return render(
        "claim.html",
        f"claims/{claim.id}.md",
        claim.title,
        digest=digest,
        directory_urls=directory_urls,
        claim=claim,
        verdict=VERDICTS[claim.verdict],
        document=kb.documents.get(claim.source.document),
        refs={key: kb.references[key] for key in claim.reference_keys},
        internal=audience == "internal",
        approver=review.approver if (names or audience == "internal") else None,
        signed_off=(approval.date if approval else review.reviewed).isoformat(),
        history=history(claim),
        json_ld=claim_review(claim, kb, site_url),
    )


def claim_inputs(claim: Claim, kb: KnowledgeBase) -> tuple[object, ...]:
    """Everything of the knowledge base a claim's page is made from (``claim_page``)."""
    document = kb.documents.get(claim.source.document)
    meta = (document.id, document.title, document.publisher, document.url, document.date) if document else None
    return (claim, tuple(kb.references[key] for key in claim.reference_keys), meta)


def claims_index(claims: list[Claim], *, digest: str | None = None, directory_urls: bool = True) -> Page:
    return render(
        "claims_index.html",
        "claims/index.md",
        None,  # titled by the navigation
        digest=digest,
        directory_urls=directory_urls,
        claims=claims,
    )
