"""Pages for marketing and compliance only: the approved wording library and the audit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from claimkb.kb.model import Claim, KnowledgeBase, SignOff
from claimkb.render.html import Page, render
from claimkb.report import claim_row


def _by_topic(claims: list[Claim]) -> list[tuple[str, list[Claim]]]:
    return [(topic, [c for c in claims if topic in c.topic]) for topic in sorted({t for c in claims for t in c.topic})]


def wording_page(claims: list[Claim], *, digest: str | None = None, directory_urls: bool = True) -> Page:
    approved = [c for c in claims if c.review.status == "approved"]
    proposed = [c for c in claims if c.review.status in ("draft", "in-review")]
    return render(
        "wording.html",
        "wording.md",
        None,  # titled by the navigation
        digest=digest,
        directory_urls=directory_urls,
        approved=(len(approved), _by_topic(approved)),
        proposed=(len(proposed), _by_topic(proposed)),
    )


def audit_rows(claims: list[Claim], today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for claim in claims:
        row = claim_row(claim)
        row.update(
            overdue=claim.review.next_review < today,
            due_within_30_days=today <= claim.review.next_review <= today + dt.timedelta(days=30),
            awaiting_sign_off_days=(today - claim.review.reviewed).days if claim.review.status == "in-review" else None,
            internal_notes=claim.internal_notes or "",
            path=claim.path,
        )
        rows.append(row)
    return rows


def _renewed(claim: Claim) -> list[tuple[SignOff, SignOff, list[str]]]:
    """Each approval that a later edit invalidated, the approval after it, and what changed between them."""
    approvals = [s for s in claim.review.log if s.decision == "approve"]
    return [
        (
            first,
            then,
            [
                f"{name} {a} -> {b}"
                for name, a, b in (
                    ("verdict", first.verdict, then.verdict),
                    ("certainty", first.certainty, then.certainty),
                )
                if a != b
            ],
        )
        for first, then in zip(approvals, approvals[1:], strict=False)
    ]


def audit_page(
    kb: KnowledgeBase, claims: list[Claim], today: dt.date, *, digest: str | None = None, directory_urls: bool = True
) -> Page:
    cited = {key for c in claims for key in c.reference_keys}
    soon = today + dt.timedelta(days=30)
    # An approval is invalidated when the record is edited afterwards: the validator refuses it
    # until compliance approves again, and the log keeps both approvals.
    return render(
        "audit.html",
        "audit.md",
        None,  # titled by the navigation
        digest=digest,
        directory_urls=directory_urls,
        today=today,
        claims=claims,
        verdicts=Counter(c.verdict for c in claims),
        statuses=Counter(c.review.status for c in claims),
        overdue=[c for c in claims if c.review.next_review < today],
        awaiting=sorted((c for c in claims if c.review.status == "in-review"), key=lambda c: c.review.reviewed),
        due=[c for c in claims if today <= c.review.next_review <= soon],
        renewed=[(c, first, then, changed) for c in claims for first, then, changed in _renewed(c)],
        signed=sorted(((s, c) for c in claims for s in c.review.log), key=lambda sc: (sc[0].date, sc[1].id)),
        no_citation=[c for c in claims if not c.citations],
        incomplete=[(key, kb.references[key]) for key in sorted(cited) if kb.references[key].incomplete],
        unverified=sorted(key for key in cited if not kb.references[key].verified),
    )
