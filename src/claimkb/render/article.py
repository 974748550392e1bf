"""The annotated article: a source document's full text, the quote of each appearance of each claim
the site shows there highlighted in its verdict's colour and linked to its claim page."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from claimkb.kb.model import Claim, SourceDocument
from claimkb.kb.textnorm import normalise, normalise_with_map
from claimkb.render.citations import external
from claimkb.render.html import Page, render
from claimkb.render.places import Place, places


@dataclass(frozen=True)
class Highlight:
    claim: Claim
    anchor: str  # its id on the page (claim pages link to it)
    proposed: bool  # linked by claimkb ingest, not yet confirmed (the internal site only)
    start: int  # offsets into the raw text
    end: int


def highlights(document: SourceDocument, shown: list[Place]) -> list[Highlight]:
    """Where each appearance's quote stands in the document's raw text. The same claim quoting the
    same words twice takes their next occurrence each time (the first again when there is no other)."""
    flat, where = normalise_with_map(document.text)
    found = []
    after: dict[tuple[str, str], int] = {}
    for place in shown:
        needle = normalise(place.appearance.quote)
        if place.appearance.document != document.id or not needle:
            continue
        key = (place.claim.id, needle)
        at = flat.find(needle, after.get(key, 0))
        at = at if at >= 0 else flat.find(needle)
        if at >= 0:
            after[key] = at + 1
            end = where[at + len(needle) - 1] + 1
            found.append(Highlight(place.claim, place.anchor, place.appearance.proposed, where[at], end))
    return sorted(found, key=lambda h: (h.start, -h.end))


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph: plain text, a highlighted quote (``mark``), or a highlight's number (``number``)."""

    text: str
    mark: Highlight | None = None
    number: int = 0


def _pieces(text: str, offset: int, marks: list[Highlight], numbers: dict[str, int]) -> list[Piece]:
    end = offset + len(text)
    inside = [h for h in marks if h.start < end and offset < h.end]
    cuts = sorted({offset, end} | {max(offset, min(end, x)) for h in inside for x in (h.start, h.end)})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        segment = text[a - offset : b - offset]
        covering = [h for h in inside if h.start <= a and b <= h.end]
        shortest = min(covering, key=lambda h: h.end - h.start) if covering else None
        pieces.append(Piece(segment, shortest))
        pieces += [Piece("", h, numbers[h.anchor]) for h in inside if h.end == b]
    return pieces


def article_page(
    document: SourceDocument,
    claims: list[Claim],
    audience: str,
    *,
    digest: str | None = None,
    directory_urls: bool = True,
) -> Page:
    """The annotated page of ``document``: every appearance there of ``claims`` that ``audience`` sees."""
    marks = highlights(document, [place for claim in claims for place in places(claim, audience)])
    numbers = {h.anchor: i for i, h in enumerate(marks, start=1)}
    headings = {normalise(item.text) for item in document.not_claims if item.reason == "heading"}
    blocks = []
    for start, end in _blocks(document.text):
        marker = _HEADING_MARK.match(document.text, start)  # a Markdown (or HTML) heading: "## Prices"
        marked = marker is not None and "\n" not in document.text[start:end].rstrip("\n")
        if marker is not None and marked:
            start = marker.end()
        heading = marked or normalise(document.text[start:end]) in headings
        blocks.append((heading, _pieces(document.text[start:end], start, marks, numbers)))
    return render(
        "article.html",
        f"article/{document.id}.md",
        f"The article: {document.title}",
        digest=digest,
        directory_urls=directory_urls,
        taken=tuple(numbers),
        document=document,
        original=external(document.url or ""),
        blocks=blocks,
    )


_HEADING_MARK = re.compile(r"[ \t]*#{1,6}[ \t]+")
_PARAGRAPH = re.compile(r"(?:^[ \t]*\S[^\n]*(?:\n|\Z))+", re.M)


def _blocks(text: str) -> list[tuple[int, int]]:
    """The spans of the raw text's paragraphs (runs of non-blank lines)."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        block = match.group(0)
        start = match.start() + len(block) - len(block.lstrip())
        spans.append((start, match.start() + len(block.rstrip())))
    return spans
