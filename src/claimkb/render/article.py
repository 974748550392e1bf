"""The annotated article: the source's full text, each quote highlighted in its verdict's
colour and linked to its claim page."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from claimkb.kb.model import Claim, SourceDocument
from claimkb.kb.textnorm import normalise, normalise_with_map
from claimkb.kb.vocab import VERDICTS
from claimkb.render.text import front_matter, md, url


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


def _paragraph_markdown(
    text: str, offset: int, marks: list[Highlight], numbers: dict[str, int], headings: set[str]
) -> str:
    end = offset + len(text)
    inside = [h for h in marks if h.start < end and offset < h.end]
    cuts = sorted({offset, end} | {max(offset, min(end, x)) for h in inside for x in (h.start, h.end)})
    pieces = []
    for a, b in itertools.pairwise(cuts):
        segment = text[a - offset : b - offset]
        covering = [h for h in inside if h.start <= a and b <= h.end]
        if covering:
            shortest = min(covering, key=lambda h: h.end - h.start)
            verdict = shortest.claim.verdict
            pieces.append(
                f"[{md(segment, keep_edges=True)}](../claims/{shortest.claim.id}.md)"
                f'{{ .claimkb-hl .claimkb-{verdict} title="{VERDICTS[verdict].label}" }}'
            )
        else:
            pieces.append(md(segment, keep_edges=True))
        for h in inside:
            if h.end == b:
                n = numbers[h.claim.id]
                pieces.append(
                    f"<sup>[{n}](../claims/{h.claim.id}.md){{ #claim-{h.claim.id} "
                    f".claimkb-ref .claimkb-{h.claim.verdict} }}</sup>"
                )
    line = "".join(pieces)
    return f"## {line}" if normalise(text) in headings else line


def article_page(document: SourceDocument, claims: list[Claim]) -> str:
    marks = highlights(document, claims)
    numbers = {h.claim.id: i for i, h in enumerate(marks, start=1)}
    headings = {normalise(item.text) for item in document.not_claims if item.reason == "heading"}
    legend = " ".join(
        f'<span class="claimkb-hl claimkb-{v.value}">{v.label}</span>'
        for v in VERDICTS.values()
        if v.value != "not-assessed"
    )
    meta = [md(document.publisher)]
    if document.date:
        meta.append(document.date.isoformat())
    if document.url:
        meta.append(f"[original](<{url(document.url)}>)")
    lines = [
        front_matter(f"The article: {document.title}") + f"# The article: {md(document.title)}",
        "",
        f"Published by {', '.join(meta)}. The full text as supplied, with each claim highlighted "
        "in the colour of its verdict; select a highlight or its number to read the claim's review.",
        "",
        f'<p class="claimkb-legend">{legend}</p>',
        "",
        '<div class="claimkb-article" markdown>',
        "",
    ]
    for start, end in _blocks(document.text):
        lines += [_paragraph_markdown(document.text[start:end], start, marks, numbers, headings), ""]
    lines += ["</div>", ""]
    return "\n".join(lines)


_PARAGRAPH = re.compile(r"(?:^[ \t]*\S[^\n]*(?:\n|\Z))+", re.M)


def _blocks(text: str) -> list[tuple[int, int]]:
    """The spans of the raw text's paragraphs (runs of non-blank lines)."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        block = match.group(0)
        start = match.start() + len(block) - len(block.lstrip())
        spans.append((start, match.start() + len(block.rstrip())))
    return spans
