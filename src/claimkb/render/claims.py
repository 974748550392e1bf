"""Claim pages, the claims index and the ClaimReview JSON-LD each claim page embeds."""

from __future__ import annotations

import html
from typing import Any

from claimkb.kb.model import Claim, KnowledgeBase, claim_url
from claimkb.kb.vocab import (
    BEST_RATING,
    CERTAINTY,
    CERTAINTY_LABEL,
    CITATION_STATUS,
    CITATION_STATUS_LABEL,
    DESIGN_LABEL,
    INTERVENTIONS,
    STANCE_LABEL,
    VERDICTS,
    WORST_RATING,
)
from claimkb.render.references import citation_markdown
from claimkb.render.text import badge, claim_link, front_matter, json_for_script, md, table

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


def _citations(claim: Claim, kb: KnowledgeBase) -> list[str]:
    if not claim.citations:
        return ["No study was found that tests this claim."]
    lines = []
    for citation in claim.citations:
        lines += [
            f"- **{STANCE_LABEL[citation.stance]}** · {DESIGN_LABEL[citation.design]} · "
            f"studied: {INTERVENTIONS[citation.intervention]}. {md(citation.note)}  ",
            f"    {citation_markdown(kb.references[citation.key])}",
        ]
    return lines


def _wording(claim: Claim) -> list[str]:
    lines = ["## Wording for marketing", ""]
    if claim.wording.approved:
        lines += ["What may be said instead:", ""]
        lines += [f"- {md(sentence)}" for sentence in claim.wording.approved]
    else:
        lines += ['!!! failure "Do not use"', "", f"    {md(claim.wording.no_alternative)}"]
    if claim.wording.avoid:
        lines += ["", "Phrases to avoid: " + ", ".join(f"“{md(p)}”" for p in claim.wording.avoid) + "."]
    return lines + [""]


def history(claim: Claim) -> list[str]:
    """The sign-off history as fact-checkers show updates, newest first (no names)."""
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
        lines.append(
            f"- **Updated {entry.date.isoformat()}**: {what}" + (f"; {'; '.join(changes)}" if changes else "") + "."
        )
        before = entry
    return list(reversed(lines))


def _review(claim: Claim, audience: str, names: bool = False) -> list[str]:
    review = claim.review
    lines = ["## Review", ""]
    approval = review.approval
    if review.status == "approved":
        who = md(review.approver) + " for compliance" if (names or audience == "internal") and review.approver else ""
        when = (approval.date if approval else review.reviewed).isoformat()
        lines.append(f"The current text was signed off by {who or 'compliance'} on {when}.")
    else:
        lines.append(f"Last reviewed {review.reviewed.isoformat()}. Not yet signed off by compliance.")
    if review.log:
        lines += ["", *history(claim)]
    if audience == "internal":
        lines += [
            "",
            table(
                ["status", "approver", "reviewed", "next review", "record"],
                [
                    [
                        review.status,
                        md(review.approver or "-"),
                        review.reviewed.isoformat(),
                        review.next_review.isoformat(),
                        md(claim.path),
                    ]
                ],
            ),
        ]
        if review.log:
            lines += [
                "",
                table(
                    ["date", "reviewer", "decision", "verdict", "certainty", "note"],
                    [
                        [s.date.isoformat(), md(s.reviewer), s.decision, s.verdict, s.certainty, md(s.note)]
                        for s in review.log
                    ],
                ),
            ]
        if claim.internal_notes:
            lines += ["", '!!! abstract "Internal notes (not published)"', "", f"    {md(claim.internal_notes)}"]
    return lines + [""]


def claim_page(claim: Claim, kb: KnowledgeBase, audience: str, site_url: str, names: bool = False) -> str:
    verdict = VERDICTS[claim.verdict]
    document = kb.documents.get(claim.source.document)
    where = f"*{md(document.title)}*" if document else md(claim.source.document)
    if claim.source.section:
        where += f", section “{md(claim.source.section)}”"
    lines = [
        front_matter(claim.title) + f"# {md(claim.title)}",
        "",
        f'{badge(claim.verdict)} <span class="claimkb-certainty">Certainty: {CERTAINTY_LABEL[claim.certainty]}</span>',
        "",
        f'!!! {verdict.admonition} "{verdict.label}"',
        "",
        f"    {md(claim.conclusion)}",
        "",
        "## What the article says",
        "",
        f"> {md(claim.source.quote)}",
        "",
        f"From {where}. [See it in the annotated article](../article/{claim.source.document}.md#claim-{claim.id}).",
        "",
        f"**The claim, plainly:** {md(claim.claim)}",
        "",
        "## How the article backs it",
        "",
        f"**{CITATION_STATUS_LABEL[claim.citation_status]}.** {CITATION_STATUS[claim.citation_status]}",
    ]
    if claim.article_cites:
        lines += ["", f"The article points to: {citation_markdown(kb.references[claim.article_cites])}"]
    lines += (
        [
            "",
            "## What the evidence says",
            "",
            md(claim.summary),
            "",
            f"Certainty of the evidence: **{CERTAINTY_LABEL[claim.certainty]}**. {CERTAINTY[claim.certainty]}",
            "",
            "### Sources",
            "",
        ]
        + _citations(claim, kb)
        + [""]
    )
    if claim.regulators:
        lines += ["### Regulators", ""]
        for regulator in claim.regulators:
            lines += [f"- {md(regulator.note)}  ", f"    {citation_markdown(kb.references[regulator.key])}"]
        lines += [""]
    lines += _wording(claim) + _review(claim, audience, names)
    lines += [
        '<script type="application/ld+json">',
        json_for_script(claim_review(claim, kb, site_url)),
        "</script>",
        "",
    ]
    return "\n".join(lines)


def claims_index(claims: list[Claim]) -> str:
    rows = []
    for claim in claims:
        topics = " ".join(f'<span class="claimkb-topic">{html.escape(t)}</span>' for t in claim.topic)
        rows.append(
            [
                claim_link(claim.id, md(claim.title), "claims"),
                topics,
                badge(claim.verdict),
                CITATION_STATUS_LABEL[claim.citation_status],
                CERTAINTY_LABEL[claim.certainty],
            ]
        )
    return "\n".join(
        [
            "# Claims",
            "",
            f"Every claim of the article, {len(claims)} in all. Choose a verdict or a topic to filter; "
            "click a column heading to sort.",
            "",
            '<div class="claimkb-index" markdown>',
            "",
            table(["Claim", "Topic", "Verdict", "Citation status", "Certainty"], rows),
            "",
            "</div>",
            "",
        ]
    )
