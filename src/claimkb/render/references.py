"""Citations formatted from BibTeX, and the bibliography page."""

from __future__ import annotations

import re

from claimkb.kb.model import Claim, KnowledgeBase, Reference
from claimkb.render.text import anchor, claim_link, md, url

_DOI = "https://doi.org/"
_PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"


def _authors(field: str | None) -> str:
    if not field:
        return ""
    names = [n.strip() for n in re.split(r"\s+and\s+", field) if n.strip()]
    shown = []
    for name in names[:6]:
        if name.lower() == "others":
            continue
        if "," in name:
            last, first = [p.strip() for p in name.split(",", 1)]
            initials = "".join(part[0] for part in re.split(r"[\s.\-]+", first) if part)
            shown.append(f"{last} {initials}".strip())
        else:
            shown.append(name.strip("{}"))
    etal = len(names) > 6 or any(n.lower() == "others" for n in names)
    return ", ".join(shown) + (", et al." if etal else "")


def citation_markdown(ref: Reference) -> str:
    """One reference as a line of Markdown: authors, year, title, journal, links, caveats."""
    parts = []
    authors = _authors(ref.get("author"))
    year = ref.get("year")
    if authors:
        parts.append(md(authors) + (f" ({md(year)})." if year else "."))
    elif year:
        parts.append(f"({md(year)}).")
    parts.append(f"*{md(ref.get('title'))}*.")
    venue = ref.get("journal") or ref.get("howpublished") or ref.get("publisher")
    if venue:
        detail = venue
        if ref.get("volume"):
            detail += f" {ref.get('volume')}"
            if ref.get("number"):
                detail += f"({ref.get('number')})"
        if ref.get("pages"):
            detail += f": {ref.get('pages')}"
        parts.append(md(detail) + ".")
    links = []
    if ref.get("doi"):
        links.append(f"[doi:{md(ref.get('doi'))}](<{url(_DOI + (ref.get('doi') or ''))}>)")
    if ref.get("pmid"):
        links.append(f"[PubMed {md(ref.get('pmid'))}](<{url(_PUBMED + (ref.get('pmid') or '') + '/')}>)")
    if ref.get("url"):
        links.append(f"[link](<{url(ref.get('url') or '')}>)")
    if links:
        parts.append(" · ".join(links))
    if ref.incomplete:
        parts.append(f"<small>Details incomplete: {md(ref.get('note'))}</small>")
    return " ".join(parts)


def short_label(ref: Reference) -> str:
    """ "Klimenko 2008" for a person's work; the title's first words for an organisation's or an anonymous one."""
    author = (ref.get("author") or "").split(" and ")[0].strip()
    name = author.split(",")[0].strip() if "," in author else ""
    if not name:
        words = (ref.get("title") or ref.key).strip("[] ").split()
        name = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
    return f"{name} {ref.get('year')}".strip() if ref.get("year") else name


def bibliography_page(kb: KnowledgeBase, claim_ids: set[str]) -> str:
    """Every reference cited by a published claim, with links back to those claims."""
    lines = [
        "# References",
        "",
        "Every source cited on this site. Each identifier (DOI, PubMed ID or address) was seen "
        "in a public record; where some details could not be seen, the entry says so.",
        "",
    ]
    cited: dict[str, list[Claim]] = {}
    for claim in kb.claims:
        if claim.id in claim_ids:
            for key in claim.reference_keys:
                cited.setdefault(key, []).append(claim)
    for key in sorted(cited, key=lambda k: (short_label(kb.references[k]).lower(), k)):
        ref = kb.references[key]
        lines += [
            f"## {md(short_label(ref))} {{ #{anchor(key)} }}",
            "",
            citation_markdown(ref),
            "",
            "Cited by: " + ", ".join(claim_link(c.id, md(c.title), "") for c in cited[key]),
            "",
        ]
    return "\n".join(lines)
