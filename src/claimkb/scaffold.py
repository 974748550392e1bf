"""``claimkb new ID``: a record with every field, ready for an editor."""

from __future__ import annotations

import datetime as dt
import json

from claimkb.kb.model import SourceDocument
from claimkb.kb.records import SCHEMA_LINE, SCHEMA_NAME
from claimkb.kb.segments import find_span
from claimkb.kb.textnorm import normalise
from claimkb.kb.vocab import (
    CERTAINTY,
    CITATION_STATUS,
    CLAIM_KINDS,
    DESIGN_LABEL,
    INTERVENTIONS,
    REVIEW_STATUS,
    STANCE_LABEL,
    VERDICTS,
)

TEMPLATE = """{schema_line}../src/claimkb/kb/schema/{schema_name}
id: {id}
title: TODO short headline of the claim
topic: [todo]
appearances:
  - document: {document}
    section: {section}
    quote: {quote}
claim: TODO the assertion, stated plainly.
# what it is about: {claim_kinds}
claim_kind: treatment
# {citation_statuses}
citation_status: uncited
# BibTeX key of the source the article points to, once identified
article_cites: null
# {verdicts}
verdict: not-assessed
conclusion: TODO one sentence that explains the verdict.
# GRADE: {certainties}
certainty: very-low
# why certainty is above very low although no citation studied the treatment sold; only
# where such a reason exists
indirect_reason: null
evidence:
  summary: >-
    TODO what the article says, and what was studied. TODO what was found, and
    the caveats (2 to 5 plain sentences for the public).
  citations: []
  # - key: bibtexkey2024
  #   stance: supports          # {stances}
  #   design: rct               # {designs}
  #   intervention: whole-body  # {interventions}
  #   note: "What the source shows, with a locator (page, table or short quote)"
wording:
  approved: []
  avoid: []
  no_alternative: TODO say why nothing honest can be said, or add approved wording
match: []
# what the claim is about, in concepts of rules/concepts.yaml: [[concept, ...], ...]
about: []
regulators: []
# compliance signs it off with: claimkb review ID --approve --reviewer "Full Name"
review:
  status: draft               # {statuses}
  reviewed: {today}
  next_review: {next_review}
internal_notes: null
"""


def locate_quote(quote: str, documents: dict[str, SourceDocument]) -> tuple[str, str | None] | None:
    """(document id, the heading the quote stands under) of the first document holding it."""
    for doc_id in sorted(documents):
        document = documents[doc_id]
        text = normalise(document.text)
        span = find_span(text, quote)
        if span is None:
            continue
        headings = [
            (found.start, item.text)
            for item in document.not_claims
            if item.reason == "heading"
            for found in [find_span(text, item.text)]
            if found and found.start < span.start
        ]
        return doc_id, (max(headings)[1] if headings else None)
    return None


def scaffold(
    claim_id: str, today: dt.date, document: str | None = None, section: str | None = None, quote: str | None = None
) -> str:
    """The record's text; where the quote is known, its document and section are filled in."""
    next_review = (
        today.replace(year=today.year + 1)
        if not (today.month == 2 and today.day == 29)
        else today + dt.timedelta(days=365)
    )
    return TEMPLATE.format(
        schema_line=SCHEMA_LINE,
        schema_name=SCHEMA_NAME,
        id=claim_id,
        document=document or "TODO-source-document-id",
        section=json.dumps(section) if section else "TODO heading the quote stands under",
        quote=json.dumps(normalise(quote), ensure_ascii=False)
        if quote
        else '"TODO the claim\'s words, copied verbatim from the source document"',
        today=today.isoformat(),
        next_review=next_review.isoformat(),
        **_choices(),
    )


def _choices() -> dict[str, str]:
    """The scaffold's comments list every allowed value, from the vocabulary."""
    return {
        name: " | ".join(values)
        for name, values in (
            ("citation_statuses", CITATION_STATUS),
            ("verdicts", VERDICTS),
            ("certainties", CERTAINTY),
            ("stances", STANCE_LABEL),
            ("designs", DESIGN_LABEL),
            ("interventions", INTERVENTIONS),
            ("statuses", REVIEW_STATUS),
            ("claim_kinds", CLAIM_KINDS),
        )
    }
