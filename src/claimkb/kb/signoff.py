"""Compliance sign-off: the fingerprint of what was approved, and the policy for the next review.

The fingerprint is a hash of a canonical form of what the public and marketing see, with a
format version in front (``v1:...``), so that a later change of form can be migrated instead
of voiding every approval. Checker tuning (``match``, ``about``), the review block itself and
internal notes are not in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from claimkb.kb.model import Claim

FINGERPRINT_VERSION = "v1"
NEXT_REVIEW_MONTHS = 6  # the policy: a decision is looked at again this many months later
# The fields of a record the fingerprint covers (README: "How to review a claim").
FINGERPRINTED = (
    "claim",
    "title",
    "verdict",
    "certainty",
    "conclusion",
    "evidence.summary",
    "evidence.citations (key, stance, design, intervention, note)",
    "wording.approved",
    "wording.avoid",
    "wording.no_alternative",
    "citation_status",
    "appearances[0].quote (where the claim was first published; later appearances are not in it)",
)


def canonical(claim: Claim) -> dict[str, Any]:
    return {
        "claim": claim.claim,
        "title": claim.title,
        "verdict": claim.verdict,
        "certainty": claim.certainty,
        "conclusion": claim.conclusion,
        "summary": claim.summary,
        "citations": [[c.key, c.stance, c.design, c.intervention, c.note] for c in claim.citations],
        "approved": list(claim.wording.approved),
        "avoid": list(claim.wording.avoid),
        "no_alternative": claim.wording.no_alternative,
        "citation_status": claim.citation_status,
        "quote": claim.source.quote,
    }


def fingerprint(claim: Claim) -> str:
    text = json.dumps(canonical(claim), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return f"{FINGERPRINT_VERSION}:{hashlib.sha256(text.encode('utf-8')).hexdigest()[:32]}"


def next_review(day: dt.date, months: int = NEXT_REVIEW_MONTHS) -> dt.date:
    """``day`` plus ``months``, on the last day of the month where that day does not exist."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
