"""Citations formatted from BibTeX: what a citation shows, for templates/macros.html to lay out."""

from __future__ import annotations

import re
from typing import Any

from claimkb.kb.model import Reference

_DOI = "https://doi.org/"
_PUBMED = "https://pubmed.ncbi.nlm.nih.gov/"


def external(address: str) -> str:
    """An http(s) address for an href, with no character that could end or bend it; "" for anything else."""
    if not re.match(r"https?://", address, re.I):
        return ""
    return re.sub(r'[<>"\\\s]', lambda m: f"%{ord(m.group(0)):02X}", address)


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


def cite(ref: Reference) -> dict[str, Any]:
    """What a citation shows (templates/macros.html lays it out): authors, year, title, venue, links, caveats."""
    venue = ref.get("journal") or ref.get("howpublished") or ref.get("publisher")
    if venue and ref.get("volume"):
        venue += f" {ref.get('volume')}" + (f"({ref.get('number')})" if ref.get("number") else "")
    if venue and ref.get("pages"):
        venue += f": {ref.get('pages')}"
    links = []
    if ref.get("doi"):
        links.append((f"doi:{ref.get('doi')}", external(_DOI + (ref.get("doi") or ""))))
    if ref.get("pmid"):
        links.append((f"PubMed {ref.get('pmid')}", external(_PUBMED + (ref.get("pmid") or "") + "/")))
    if ref.get("url"):
        links.append(("link", external(ref.get("url") or "")))
    return {
        "authors": _authors(ref.get("author")),
        "year": ref.get("year"),
        "title": ref.get("title"),
        "venue": venue,
        "links": [(label, address) for label, address in links if address],
        "incomplete": ref.get("note") if ref.incomplete else None,
    }


def short_label(ref: Reference) -> str:
    """ "Klimenko 2008" for a person's work; the title's first words for an organisation's or an anonymous one."""
    author = (ref.get("author") or "").split(" and ")[0].strip()
    name = author.split(",")[0].strip() if "," in author else ""
    if not name:
        words = (ref.get("title") or ref.key).strip("[] ").split()
        name = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
    return f"{name} {ref.get('year')}".strip() if ref.get("year") else name
