"""Load and validate a whole knowledge base: records -> validated model + problems.

Layout under the root folder::

    claims/<id>.yaml        one record per claim
    references.bib          the BibTeX file of references
    sources/<id>.yaml       each source document, its full text beside it
    rules/overreach.yaml    the copy checker's overreaching-language rules (optional)
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from claimkb.kb.bib import read_references
from claimkb.kb.concepts import Concept, read_concepts
from claimkb.kb.layout import CLAIMS_DIR, CONCEPTS_FILE, REFERENCES_FILE, RULES_FILE, SOURCES_DIR, Layout
from claimkb.kb.model import Claim, KnowledgeBase, Reference, SourceDocument
from claimkb.kb.problems import Problem, sort_problems
from claimkb.kb.records import read_claim
from claimkb.kb.rules import Rule, read_rules
from claimkb.kb.sources import read_source
from claimkb.kb.textnorm import normalise
from claimkb.kb.vocab import SUPPORTING_STANCES, VERDICTS_NEEDING_SUPPORT
from claimkb.kb.yamlfile import YamlDocument


def _reference_problems(claim: Claim, doc: YamlDocument, references: dict[str, Reference]) -> list[Problem]:
    problems = []
    hint = f"add the entry to {REFERENCES_FILE}, or fix the key"
    for i, citation in enumerate(claim.citations):
        if citation.key not in references:
            problems.append(
                doc.problem(
                    ("evidence", "citations", i, "key"),
                    "unknown-reference",
                    f"evidence.citations[{i}].key: {citation.key!r} is not in {REFERENCES_FILE}",
                    hint,
                )
            )
    for i, regulator in enumerate(claim.regulators):
        if regulator.key not in references:
            problems.append(
                doc.problem(
                    ("regulators", i, "key"),
                    "unknown-reference",
                    f"regulators[{i}].key: {regulator.key!r} is not in {REFERENCES_FILE}",
                    hint,
                )
            )
    if claim.article_cites and claim.article_cites not in references:
        problems.append(
            doc.problem(
                ("article_cites",),
                "unknown-reference",
                f"article_cites: {claim.article_cites!r} is not in {REFERENCES_FILE}",
                hint,
            )
        )
    if claim.verdict in VERDICTS_NEEDING_SUPPORT and not any(
        c.stance in SUPPORTING_STANCES and c.key in references and references[c.key].verified for c in claim.citations
    ):
        problems.append(
            doc.problem(
                ("verdict",),
                "unverified-support",
                f"verdict: {claim.verdict!r} rests only on references whose details were not verified",
                "a supporting reference needs a seenin field: the address where its details were seen",
            )
        )
    return problems


def _quote_problems(
    claim: Claim, doc: YamlDocument, documents: dict[str, SourceDocument], normalised_texts: dict[str, str]
) -> list[Problem]:
    """Each appearance names a registered document and quotes it verbatim."""
    legacy = "appearances" not in doc.data
    problems = []
    for i, place in enumerate(claim.appearances):
        where: tuple[str | int, ...] = ("source",) if legacy else ("appearances", i)
        name = "source" if legacy else f"appearances[{i}]"
        if place.document not in documents:
            known = ", ".join(sorted(documents)) or "none registered"
            problems.append(
                doc.problem(
                    (*where, "document"),
                    "unknown-document",
                    f"{name}.document: {place.document!r} is not a registered source document",
                    f"register it in {SOURCES_DIR}/ (known: {known})",
                )
            )
        elif normalise(place.quote) not in normalised_texts[place.document]:
            problems.append(
                doc.problem(
                    (*where, "quote"),
                    "quote-not-found",
                    f"{name}.quote: not found verbatim in {place.document}",
                    "copy the words exactly from the source document (quotes and spacing may differ)",
                )
            )
    return problems


ABOUT_KINDS = ("outcome", "mechanism", "population", "context", "assertion", "predicate")


def _concept_problems(claim: Claim, known: dict[str, Concept], doc: YamlDocument) -> list[Problem]:
    """A record's ``about`` may name only concepts the thesaurus defines (and not hedges)."""
    problems = []
    for i, alternative in enumerate(claim.about):
        for n, concept in enumerate(alternative):
            if concept in known and known[concept].kind in ABOUT_KINDS:
                continue
            what = "a hedge" if concept in known else f"not in {CONCEPTS_FILE}"
            problems.append(
                doc.problem(
                    ("about", i, n),
                    "unknown-concept",
                    f"about[{i}][{n}]: {concept!r} is {what}",
                    f"name a concept defined in {CONCEPTS_FILE}, or add it there",
                )
            )
    return problems


def _unused_reference_problems(used: set[str], references: dict[str, Reference], shown: str) -> list[Problem]:
    return [
        Problem(
            shown,
            ref.line,
            1,
            "warning",
            "unused-reference",
            f"{key}: no record cites this reference",
            "cite it from a record, or remove it",
        )
        for key, ref in references.items()
        if key not in used
    ]


def _review_date_problems(claim: Claim, doc: YamlDocument, today: dt.date) -> list[Problem]:
    if claim.review.reviewed > today:
        return [
            doc.problem(
                ("review", "reviewed"),
                "review-in-future",
                f"review.reviewed: {claim.review.reviewed} is after today ({today})",
                "a review cannot have happened yet: correct the date",
                level="warning",
            )
        ]
    return []


@dataclass(frozen=True)
class _Shared:
    """What the checks of one record read besides the record itself."""

    references: dict[str, Reference]
    documents: dict[str, SourceDocument]
    normalised_texts: dict[str, str]
    today: dt.date
    concepts: dict[str, Concept] | None  # by id; None when the thesaurus itself has problems
    remember: bool = False  # reuse what reading an unchanged record file gave last time


# Records read before, by path: (size, mtime) and what reading gave. Only a long-lived process
# that reads the knowledge base again and again (mkdocs serve) asks for it (``remember``).
_READ: dict[Path, tuple[tuple[int, int], tuple[Claim | None, YamlDocument | None, list[Problem]]]] = {}


def _read_claim(file: Path, shown: str, remember: bool) -> tuple[Claim | None, YamlDocument | None, list[Problem]]:
    if not remember:
        return read_claim(file, shown)
    stat = file.stat()
    key = (stat.st_size, stat.st_mtime_ns)
    known = _READ.get(file)
    if known is None or known[0] != key:
        known = _READ[file] = (key, read_claim(file, shown))
    claim, doc, problems = known[1]
    return claim, doc, list(problems)


def _record(file: Path, shown: str, shared: _Shared) -> tuple[Claim | None, list[Problem]]:
    """One record, with every problem that needs only it and the shared files."""
    claim, doc, problems = _read_claim(file, shown, shared.remember)
    if claim is None or doc is None:
        return None, problems
    problems += _reference_problems(claim, doc, shared.references)
    problems += _quote_problems(claim, doc, shared.documents, shared.normalised_texts)
    problems += _review_date_problems(claim, doc, shared.today)
    if shared.concepts is not None:
        problems += _concept_problems(claim, shared.concepts, doc)
    return claim, problems


Kept = TypeVar("Kept")
Outcome = tuple[Any, tuple[str, ...] | None, list[Problem]]  # (what is kept of the claim, its reference keys, problems)
PARALLEL_FROM = 400  # records; below this, starting workers costs more than it saves
_FORKED: tuple[list[tuple[Path, str]], _Shared, Callable[[Claim], Any]] | None = None


def _outcome(file: Path, shown: str, shared: _Shared, keep: Callable[[Claim], Any]) -> Outcome:
    claim, problems = _record(file, shown, shared)
    return (None, None, problems) if claim is None else (keep(claim), claim.reference_keys, problems)


def _outcomes_of(bounds: tuple[int, int]) -> list[Outcome]:
    """In a forked worker: one stretch of the records (the list came with the fork)."""
    assert _FORKED is not None
    records, shared, keep = _FORKED
    return [_outcome(file, shown, shared, keep) for file, shown in records[bounds[0] : bounds[1]]]


def _outcomes(
    records: list[tuple[Path, str]], shared: _Shared, keep: Callable[[Claim], Any], workers: int
) -> list[Outcome]:
    """Each record's outcome, in order; shared out over forked workers when there are many (only
    what ``keep`` returns comes back from a worker: small, so it costs little to send)."""
    workers = min(workers, os.cpu_count() or 1)
    if workers < 2 or len(records) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [_outcome(file, shown, shared, keep) for file, shown in records]
    global _FORKED
    _FORKED = (records, shared, keep)
    try:
        chunks = [(i * len(records) // workers, (i + 1) * len(records) // workers) for i in range(workers)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [outcome for part in pool.map(_outcomes_of, chunks) for outcome in part]
    finally:
        _FORKED = None


@dataclass
class Survey(Generic[Kept]):
    """A knowledge base read and checked: what was kept of each record that could be built, the
    shared files, and every problem."""

    kept: list[Kept]
    references: dict[str, Reference]
    documents: dict[str, SourceDocument]
    rules: list[Rule]
    concepts: list[Concept]
    problems: list[Problem]


def survey(
    root: Path,
    keep: Callable[[Claim], Kept],
    today: dt.date | None = None,
    workers: int = 1,
    remember: bool = False,
) -> Survey[Kept]:
    """Read and check everything under ``root``, keeping ``keep(claim)`` of each record.

    With ``workers`` above 1, many records are read by forked processes: commands do this (the
    MkDocs plugin, inside a threaded server, does not), and keep only what they need of each
    record (``claimkb validate`` nothing, ``claimkb check`` what its bundle holds). With
    ``remember``, a record file unchanged since the last call in this process is not parsed again.
    """
    today = today or dt.date.today()
    layout = Layout(root)
    problems: list[Problem] = []
    if not layout.claims.is_dir():
        problems.append(
            Problem(
                CLAIMS_DIR,
                0,
                0,
                "error",
                "no-claims-folder",
                f"no {CLAIMS_DIR}/ folder under {root}",
                "run claimkb from the knowledge base's folder, or pass --root DIR",
            )
        )
    references, bib_problems = read_references(layout.references, layout.shown(layout.references))
    problems += bib_problems

    documents: dict[str, SourceDocument] = {}
    for file in sorted(layout.sources.glob("*.yaml")) if layout.sources.is_dir() else []:
        source, source_problems = read_source(file, layout.shown(file))
        problems += source_problems
        if source is not None:
            documents[source.id] = source
    normalised_texts = {key: normalise(doc.text) for key, doc in documents.items()}
    rules, rule_problems = read_rules(layout.rules, layout.shown(layout.rules))
    problems += rule_problems
    concepts, concept_problems = read_concepts(layout.concepts, layout.shown(layout.concepts))
    problems += concept_problems

    records = []
    files = sorted(layout.claims.iterdir()) if layout.claims.is_dir() else []
    for file in files:
        shown = layout.shown(file)
        if file.name.startswith("."):
            continue
        if file.suffix != ".yaml":
            problems.append(
                Problem(
                    shown,
                    0,
                    0,
                    "warning",
                    "ignored-file",
                    "not a .yaml file, so not read as a record",
                    "rename it to <id>.yaml if it is a record",
                )
            )
            continue
        records.append((file, shown))
    shared = _Shared(
        references,
        documents,
        normalised_texts,
        today,
        None if concept_problems else {c.id: c for c in concepts},
        remember,
    )
    kept: list[Kept] = []
    used: set[str] = set()
    for part, keys, record_problems in _outcomes(records, shared, keep, workers):
        problems += record_problems
        if keys is not None:
            kept.append(part)
            used.update(keys)
    if len(kept) == len(records):
        # Only when every record was read: otherwise a reference may just look unused.
        problems += _unused_reference_problems(used, references, layout.shown(layout.references))
    return Survey(kept, references, documents, rules, concepts, sort_problems(problems))


def load_knowledge_base(
    root: Path, today: dt.date | None = None, remember: bool = False
) -> tuple[KnowledgeBase, list[Problem]]:
    """Read everything under ``root``; the model holds only the records that could be built.

    ``today`` (default: the real date) is the date review dates are judged against;
    ``remember``: see ``survey``.
    """
    found = survey(root, lambda claim: claim, today, remember=remember)
    claims = tuple(sorted(found.kept, key=lambda c: c.id))
    kb = KnowledgeBase(claims, found.references, found.documents, tuple(found.rules), tuple(found.concepts))
    return kb, found.problems


__all__ = [
    "CLAIMS_DIR",
    "CONCEPTS_FILE",
    "REFERENCES_FILE",
    "RULES_FILE",
    "SOURCES_DIR",
    "Layout",
    "load_knowledge_base",
    "survey",
]
