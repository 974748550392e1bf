"""The home page, and the generated tables the hand-written methodology page includes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.kb.vocab import VERDICTS
from claimkb.render.html import Page, environment, render, templates_digest
from claimkb.render.places import documents

# Markers the hand-written pages in docs/ may contain, and the table (a macro of
# templates/scales.html) the site adapter puts in place of each.
MARKERS = {
    "<!-- claimkb:verdict-scale -->": "verdict_scale",
    "<!-- claimkb:certainty-scale -->": "certainty_scale",
    "<!-- claimkb:citation-status-scale -->": "citation_status_scale",
}


def scale(name: str, digest: str | None = None) -> Markup:
    """One of the tables of templates/scales.html, as HTML."""
    module = environment(digest or templates_digest()).get_template("scales.html").module
    return Markup(getattr(module, name)())


def fill_markers(markdown: str) -> str:
    """A hand-written page with each marker replaced by its table (an HTML block Markdown leaves alone)."""
    digest = None
    for marker, name in MARKERS.items():
        if marker in markdown:
            digest = digest or templates_digest()
            markdown = markdown.replace(marker, scale(name, digest))
    return markdown


def _either(labels: Iterable[str]) -> str:
    """ "a, b or c"."""
    items = list(labels)
    return ", ".join(items[:-1]) + (" or " if len(items) > 1 else "") + items[-1]


def _signed_off(claims: list[Claim]) -> str:
    """What is true of compliance's sign-off: how many records are approved."""
    approved = sum(c.review.status == "approved" for c in claims)
    if approved == 0:
        return "none signed off by compliance yet"
    if approved == len(claims):
        return "all signed off by compliance"
    return f"{approved} of them signed off by compliance"


def home_page(
    kb: KnowledgeBase, claims: list[Claim], audience: str, *, digest: str | None = None, directory_urls: bool = True
) -> Page:
    counts = Counter(c.verdict for c in claims)
    flagged_verdicts = [v for v in VERDICTS.values() if v.flagged]
    return render(
        "home.html",
        "index.md",
        None,  # titled by the navigation
        digest=digest,
        directory_urls=directory_urls,
        claims=claims,
        signed_off=_signed_off(claims),
        flagged=sum(counts[v.value] for v in flagged_verdicts),
        flagged_labels=_either(v.label.lower() for v in flagged_verdicts),
        documents=documents(kb, claims, audience),
        counts=counts,
        internal=audience == "internal",
    )
