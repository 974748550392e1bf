"""``claimkb new ID``: a record with every field, ready for an editor."""

from __future__ import annotations

import datetime as dt

from claimkb.records import SCHEMA_LINE, SCHEMA_NAME

TEMPLATE = """{schema_line}../src/claimkb/schema/{schema_name}
id: {id}
title: TODO short headline of the claim
topic: [todo]
source:
  document: TODO-source-document-id
  section: TODO heading the quote stands under
  quote: "TODO the claim's words, copied verbatim from the source document"
claim: TODO the assertion, stated plainly.
# uncited | vague | identified | misrepresented
citation_status: uncited
# BibTeX key of the source the article points to, once identified
article_cites: null
# supported | partly-supported | overstated | unsupported | misrepresents-source | contradicted | not-assessed
verdict: not-assessed
conclusion: TODO one sentence that explains the verdict.
# GRADE: high | moderate | low | very-low
certainty: very-low
evidence:
  summary: >-
    TODO what the article says, and what was studied. TODO what was found, and
    the caveats (2 to 5 plain sentences for the public).
  citations: []
  # - key: bibtexkey2024
  #   stance: supports          # supports | partly-supports | contradicts | context
  #   design: rct               # systematic-review | rct | non-randomised | case-series | ...
  #   intervention: whole-body  # localized-vapour | whole-body | cold-pack | cold-water | ...
  #   note: "What the source shows, with a locator (page, table or short quote)"
wording:
  approved: []
  avoid: []
  no_alternative: TODO say why nothing honest can be said, or add approved wording
match: []
regulators: []
review:
  status: draft
  reviewer: TODO
  reviewed: {today}
  next_review: {next_review}
internal_notes: null
"""


def scaffold(claim_id: str, today: dt.date) -> str:
    next_review = today.replace(year=today.year + 1) if not (today.month == 2 and today.day == 29) \
        else today + dt.timedelta(days=365)
    return TEMPLATE.format(schema_line=SCHEMA_LINE, schema_name=SCHEMA_NAME, id=claim_id,
                           today=today.isoformat(), next_review=next_review.isoformat())
