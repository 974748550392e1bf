"""The home page, and the generated tables the hand-written methodology page includes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.kb.vocab import CERTAINTY, CERTAINTY_LABEL, CITATION_STATUS, CITATION_STATUS_LABEL, VERDICTS
from claimkb.render.text import badge, md, table


def verdict_scale(counts: Counter[str] | None = None) -> str:
    header = ["Verdict", "Meaning"] + (["Claims"] if counts is not None else [])
    rows = []
    for verdict in VERDICTS.values():
        row = [badge(verdict.value), verdict.meaning]
        if counts is not None:
            row.append(str(counts.get(verdict.value, 0)))
        rows.append(row)
    return table(header, rows)


def certainty_scale() -> str:
    return table(["Certainty", "Meaning"], [[CERTAINTY_LABEL[k], v] for k, v in CERTAINTY.items()])


def citation_status_scale() -> str:
    return table(["Citation status", "Meaning"], [[CITATION_STATUS_LABEL[k], v] for k, v in CITATION_STATUS.items()])


# Markers the hand-written pages in docs/ may contain; the site adapter fills them in.
MARKERS = {
    "<!-- claimkb:verdict-scale -->": lambda: verdict_scale(),
    "<!-- claimkb:certainty-scale -->": certainty_scale,
    "<!-- claimkb:citation-status-scale -->": citation_status_scale,
}


def fill_markers(markdown: str) -> str:
    for marker, render in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, render())
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


def home_page(kb: KnowledgeBase, claims: list[Claim], audience: str) -> str:
    counts = Counter(c.verdict for c in claims)
    flagged_verdicts = [v for v in VERDICTS.values() if v.flagged]
    flagged = sum(counts[v.value] for v in flagged_verdicts)
    documents = sorted({c.source.document for c in claims})
    lines = [
        "# Health claims, checked against the evidence",
        "",
        "claimkb records the health claims a marketing article makes and checks each one against "
        "the published research: what the article said, how it backed the claim, what the studies "
        "actually found, and how certain that evidence is.",
        "",
        f"**{len(claims)} claims** checked against the evidence; {_signed_off(claims)}. "
        f"**{flagged}** of them are {_either(v.label.lower() for v in flagged_verdicts)}.",
        "",
        "## The articles",
        "",
    ]
    for doc_id in documents:
        document = kb.documents[doc_id]
        lines.append(
            f"- [{md(document.title)}](article/{doc_id}.md), published by {md(document.publisher)}: "
            f"{sum(c.source.document == doc_id for c in claims)} claims"
        )
    lines += [
        "",
        "## Verdicts",
        "",
        verdict_scale(counts),
        "",
        "Browse [all claims](claims/index.md), read [how verdicts are reached](methodology.md), "
        "or see the [references](references.md).",
        "",
    ]
    if audience == "internal":
        lines += [
            "## For marketing and compliance",
            "",
            "This is the internal site. See the [approved wording library](wording.md) and the "
            "[compliance audit](audit.md).",
            "",
        ]
    return "\n".join(lines)
