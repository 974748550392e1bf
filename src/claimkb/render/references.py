"""The bibliography page: every reference cited by a published claim."""

from __future__ import annotations

from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.render.citations import short_label
from claimkb.render.html import Page, anchor, render


def bibliography_page(
    kb: KnowledgeBase, claim_ids: set[str], digest: str | None = None, directory_urls: bool = True
) -> Page:
    """Every reference cited by a published claim, with links back to those claims."""
    cited: dict[str, list[Claim]] = {}
    for claim in kb.claims:
        if claim.id in claim_ids:
            for key in claim.reference_keys:
                cited.setdefault(key, []).append(claim)
    keys = sorted(cited, key=lambda k: (short_label(kb.references[k]).lower(), k))
    entries = [(anchor(key), short_label(kb.references[key]), kb.references[key], cited[key]) for key in keys]
    return render(
        "references.html",
        "references.md",
        None,  # titled by the navigation
        digest=digest,
        directory_urls=directory_urls,
        taken=tuple(e[0] for e in entries),
        entries=entries,
    )
