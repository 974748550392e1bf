"""The concept thesaurus (``rules/concepts.yaml``): read, validate, compile.

Each concept has an id, a kind (``vocab.CONCEPT_KINDS``), a label a finding names it by, and
terms: words and phrases (matched after stemming) or /regexes/.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimkb.kb.problems import Problem
from claimkb.kb.schema import read_listing
from claimkb.kb.terms import PatternError, compile_term, is_regex

SCHEMA_NAME = "concepts.schema.json"


@dataclass(frozen=True)
class Concept:
    id: str
    kind: str
    label: str
    terms: tuple[str, ...]
    broader: str = ""  # the id of a concept this one is a kind of ("soreness" is a kind of "pain")
    umbrella: bool = False  # a claim of range: the outcomes named beside it are its examples
    intensifier: bool = False  # praise of the benefit it stands beside ("amazing for TMJ")

    @classmethod
    def from_item(cls, item: Mapping[str, Any]) -> Concept:
        """The concept an entry of concepts.yaml (or of a checker bundle) describes."""
        return cls(
            item["id"],
            item["kind"],
            item["label"],
            tuple(item["terms"]),
            item.get("broader", ""),
            item.get("umbrella", False),
            item.get("intensifier", False),
        )

    @property
    def item(self) -> dict[str, Any]:
        """The concept as an entry of concepts.yaml: what ``from_item`` reads back."""
        optional = {"broader": self.broader, "umbrella": self.umbrella, "intensifier": self.intensifier}
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "terms": list(self.terms),
            **{key: value for key, value in optional.items() if value},
        }


def read_concepts(file: Path, shown_as: str) -> tuple[list[Concept], list[Problem]]:
    """The concepts in ``file``; no file means no concepts (records then link by their words only)."""
    doc, problems = read_listing(
        file,
        shown_as,
        SCHEMA_NAME,
        "concepts",
        "duplicate-concept",
        "concept",
        "give each concept its own id, or merge the two lists of terms",
    )
    if doc is None:
        return [], problems
    concepts = []
    for i, item in enumerate(doc.data["concepts"]):
        for n, term in enumerate(item["terms"]):
            if is_regex(term):
                try:
                    compile_term(term)
                except PatternError as exc:
                    problems.append(
                        doc.problem(
                            ("concepts", i, "terms", n),
                            "bad-pattern",
                            f"concepts[{i}].terms[{n}]: {term!r} does not compile: {exc}",
                            "fix the /regex/, or drop the slashes to match it as plain words",
                        )
                    )
        concepts.append(Concept.from_item(item))
    known = {c.id for c in concepts}
    for i, concept in enumerate(concepts):
        if concept.broader and (concept.broader not in known or concept.broader == concept.id):
            problems.append(
                doc.problem(
                    ("concepts", i, "broader"),
                    "unknown-concept",
                    f"concepts[{i}].broader: {concept.broader!r} is not another concept of this file",
                    "name the id of the broader concept, or remove the field",
                )
            )
    return concepts, problems
