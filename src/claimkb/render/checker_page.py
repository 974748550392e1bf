"""The internal page that documents the copy checker, generated from the rules file and the
records' match patterns, so it cannot drift from what the checker does."""

from __future__ import annotations

from claimkb.kb.concepts import Concept
from claimkb.kb.model import Claim
from claimkb.kb.rulekinds import KINDS
from claimkb.kb.rules import Rule
from claimkb.kb.vocab import CONCEPT_KINDS
from claimkb.render.citations import external
from claimkb.render.html import Page, render


def checker_page(
    rules: list[Rule],
    claims: list[Claim],
    concepts: list[Concept] | None = None,
    *,
    digest: str | None = None,
    directory_urls: bool = True,
) -> Page:
    concepts = concepts or []
    labels = {c.id: c.label for c in concepts}
    kinds = [
        (kind, meaning[0].upper() + meaning[1:], [c for c in concepts if c.kind == kind])
        for kind, meaning in CONCEPT_KINDS.items()
    ]
    return render(
        "checker.html",
        "checker.md",
        None,  # titled by the navigation
        digest=digest,
        directory_urls=directory_urls,
        concepts=concepts,
        kinds=[k for k in kinds if k[2]],
        rules=[(rule, KINDS[rule.kind].describe(rule), external(rule.link or "")) for rule in rules],
        claims=[
            (c, "; ".join(" + ".join(labels.get(x, x) for x in alternative) for alternative in c.about)) for c in claims
        ],
    )
