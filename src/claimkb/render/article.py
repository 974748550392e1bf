"""The annotated article: the source's full text, each quote highlighted in its verdict's
colour and linked to its claim page."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from claimkb.kb.model import Claim, SourceDocument
from claimkb.kb.textnorm import normalise, normalise_with_map
from claimkb.render.citations import external
from claimkb.render.html import Page, render


@dataclass(frozen=True)
class Highlight:
    claim: Claim
    start: int  # offsets into the raw text
    end: int


def highlights(document: SourceDocument, claims: list[Claim]) -> list[Highlight]:
    """Where each claim's quote stands in the document's raw text."""
    flat, where = normalise_with_map(document.text)
    found = []
    for claim in claims:
        needle = normalise(claim.source.quote)
        at = flat.find(needle) if needle else -1
        if claim.source.document == document.id and at >= 0:
            found.append(Highlight(claim, where[at], where[at + len(needle) - 1] + 1))
    return sorted(found, key=lambda h: (h.start, -h.end))


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph: plain text, a highlighted quote (``claim``), or a claim's number (``number``)."""

    text: str
    claim: Claim | None = None
    number: int = 0


def _pieces(text: str, offset: int, marks: list[Highlight], numbers: dict[str, int]) -> list[Piece]:
    end = offset + len(text)
    inside = [h for h in marks if h.start < end and offset < h.end]
    cuts = sorted({offset, end} | {max(offset, min(end, x)) for h in inside for x in (h.start, h.end)})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        segment = text[a - offset : b - offset]
        covering = [h for h in inside if h.start <= a and b <= h.end]
        shortest = min(covering, key=lambda h: h.end - h.start).claim if covering else None
        pieces.append(Piece(segment, shortest))
        pieces += [Piece("", h.claim, numbers[h.claim.id]) for h in inside if h.end == b]
    return pieces


def article_page(
    document: SourceDocument, claims: list[Claim], *, digest: str | None = None, directory_urls: bool = True
) -> Page:
    marks = highlights(document, claims)
    numbers = {h.claim.id: i for i, h in enumerate(marks, start=1)}
    headings = {normalise(item.text) for item in document.not_claims if item.reason == "heading"}
    blocks = [
        (normalise(document.text[start:end]) in headings, _pieces(document.text[start:end], start, marks, numbers))
        for start, end in _blocks(document.text)
    ]
    return render(
        "article.html",
        f"article/{document.id}.md",
        f"The article: {document.title}",
        digest=digest,
        directory_urls=directory_urls,
        taken=tuple(f"claim-{claim_id}" for claim_id in numbers),
        document=document,
        original=external(document.url or ""),
        blocks=blocks,
    )


_PARAGRAPH = re.compile(r"(?:^[ \t]*\S[^\n]*(?:\n|\Z))+", re.M)


def _blocks(text: str) -> list[tuple[int, int]]:
    """The spans of the raw text's paragraphs (runs of non-blank lines)."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        block = match.group(0)
        start = match.start() + len(block) - len(block.lstrip())
        spans.append((start, match.start() + len(block.rstrip())))
    return spans
