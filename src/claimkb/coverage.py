"""Sentence-by-sentence coverage of a source document: each sentence is quoted by a
record, or explained in the source registry as deliberately not a claim."""

from __future__ import annotations

from dataclasses import dataclass

from claimkb.kb.model import KnowledgeBase, SourceDocument
from claimkb.kb.problems import Problem
from claimkb.kb.segments import Sentence, find_span, sentences
from claimkb.kb.textnorm import normalise


@dataclass(frozen=True)
class SentenceCoverage:
    sentence: Sentence
    claim_ids: tuple[str, ...]
    reason: str | None  # why it is not a claim, when the registry says so

    @property
    def covered(self) -> bool:
        return bool(self.claim_ids or self.reason)


def document_coverage(kb: KnowledgeBase, document: SourceDocument) -> list[SentenceCoverage]:
    text = normalise(document.text)
    quoted = [
        (claim.id, find_span(text, place.quote))
        for claim in kb.claims
        for place in claim.appearances  # proposed ones too: a reviewer has yet to confirm them
        if place.document == document.id
    ]
    explained = [(item.reason, find_span(text, item.text)) for item in document.not_claims]
    result = []
    for sentence in sentences(document.text):
        ids = tuple(cid for cid, span in quoted if span and span.overlaps(sentence.span))
        reason = next(
            (
                why
                for why, span in explained
                if span and span.start <= sentence.span.start and sentence.span.end <= span.end
            ),
            None,
        )
        result.append(SentenceCoverage(sentence, ids, reason))
    return result


def uncovered_problems(document: SourceDocument, rows: list[SentenceCoverage]) -> list[Problem]:
    """An ``uncovered-sentence`` error for each sentence neither quoted nor explained."""
    return [
        Problem(
            document.text_path,
            row.sentence.line,
            1,
            "error",
            "uncovered-sentence",
            f"sentence {row.sentence.text[:60]!r} is neither quoted nor explained",
            "quote it in a record, or list it under not_claims with a reason",
        )
        for row in rows
        if not row.covered
    ]
