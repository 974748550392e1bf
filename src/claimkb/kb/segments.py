"""Where things stand in a source document: its sentences, and the span of each quote.

Positions are offsets into the document's normalised text (``textnorm.normalise``), so a
quote that differs only in typographic quotes or spacing still finds its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimkb.kb.textnorm import normalise

# A sentence ends at . ! or ? (perhaps followed by a closing quote or bracket) before a
# space and a capital letter, a digit or an opening quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[])")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Sentence:
    span: Span
    text: str
    paragraph: int
    line: int  # line of the raw text where the sentence's paragraph starts (from 1)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """The document's paragraphs, normalised, with the line each starts on; headings count."""
    found: list[tuple[int, str]] = []
    lines: list[str] = []
    first = 0
    for number, line in enumerate(text.splitlines() + [""], start=1):
        if line.strip():
            if not lines:
                first = number
            lines.append(line)
        elif lines:
            found.append((first, normalise(" ".join(lines))))
            lines = []
    return found


def sentences(text: str) -> list[Sentence]:
    """Split a document into sentences with their spans in ``normalise(text)``."""
    found: list[Sentence] = []
    offset = 0
    for number, (line, paragraph) in enumerate(paragraphs(text)):
        start = 0
        for match in _SENTENCE_END.finditer(paragraph):
            end = match.start() + len(match.group(0).rstrip())
            found.append(Sentence(Span(offset + start, offset + end), paragraph[start:end], number, line))
            start = match.end()
        found.append(Sentence(Span(offset + start, offset + len(paragraph)), paragraph[start:], number, line))
        offset += len(paragraph) + 1  # the single space that joins paragraphs
    return found


def find_span(normalised_document: str, passage: str) -> Span | None:
    """The span of ``passage`` in the normalised document, or None."""
    needle = normalise(passage)
    at = normalised_document.find(needle) if needle else -1
    return Span(at, at + len(needle)) if at >= 0 else None
