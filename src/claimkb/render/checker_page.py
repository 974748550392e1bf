"""The internal page that documents the copy checker, generated from the rules file and the
records' match patterns, so it cannot drift from what the checker does."""

from __future__ import annotations

from claimkb.kb.concepts import Concept
from claimkb.kb.model import Claim
from claimkb.kb.rulekinds import KINDS
from claimkb.kb.rules import Rule
from claimkb.kb.vocab import CONCEPT_KINDS, VERDICTS
from claimkb.render.text import badge, claim_link, code, md, table, url


def _terms(terms: tuple[str, ...]) -> str:
    """Plain terms as text, /regexes/ as code."""
    return ", ".join(code(t) if t.startswith("/") else md(t) for t in terms)


def verdict_levels() -> str:
    """The level of a finding for each verdict, from the vocabulary."""
    return table(["Verdict", "Level of a finding"], [[badge(v.value), v.check_level] for v in VERDICTS.values()])


def checker_page(rules: list[Rule], claims: list[Claim], concepts: list[Concept] | None = None) -> str:
    concepts = concepts or []
    labels = {c.id: c.label for c in concepts}
    lines = [
        "# Copy checker",
        "",
        "`claimkb check FILE...` (or `-` for standard input) reads plain text, Markdown or HTML copy "
        "unit by unit (a sentence, a heading, a bullet, a table cell, a line of an ad) and asks two "
        "questions of each: is it a health or benefit claim, and which records does it assert? Output: "
        "`--format text` (like a compiler), `json` or `sarif`; `--min-level error|warning|suggestion`; "
        "`--fail-on error|warning` (default `error`) sets the level that makes it exit 1.",
        "",
        "A sentence is a claim when it names an outcome or a mechanism and states a benefit or an effect "
        "(below), or holds an assertion that is a claim by itself; a question that names an outcome "
        "presumes a benefit when the sentence after it promises one; a sentence that promises without "
        "naming the outcome borrows it from the sentence before. A hedge takes the claim back: hedged "
        "copy and copy that repeats approved wording name no record.",
        "",
        "A claim that asserts a record is a `known-claim` finding: its level follows the record's "
        "verdict, it suggests the record's approved wording, and it says why it matched. A claim that "
        "asserts no record is an `unreviewed-claim` warning: send it to compliance before it is "
        "published.",
        "",
        verdict_levels(),
        "",
        "Turn a rule off for a stretch of copy with `<!-- claimkb disable RULE -->` and on again with "
        "`<!-- claimkb enable RULE -->`; `known-claim` stands for every claim, `unreviewed-claim` for "
        "claims no record covers, a claim id for one, and no rule at all for everything.",
        "",
        f"## Concepts ({len(concepts)})",
        "",
        'From `rules/concepts.yaml`. Words match after stemming ("dimple" also finds "dimples").',
        "",
    ]
    for kind, meaning in CONCEPT_KINDS.items():
        of_kind = [c for c in concepts if c.kind == kind]
        if not of_kind:
            continue
        lines += [f"### {md(kind.capitalize())}", "", md(meaning[0].upper() + meaning[1:]) + ".", ""]
        lines += [table(["Concept", "Words"], [[md(f"{c.label} ({c.id})"), _terms(c.terms)] for c in of_kind]), ""]
    lines += [f"## Overreaching language ({len(rules)} rules)", ""]
    for rule in rules:
        lines += [f"### {md(rule.id)}", "", f"**{rule.kind}**, level **{rule.level}**. {md(rule.message)}", ""]
        rows = KINDS[rule.kind].describe(rule)
        if any(suggestion for _, suggestion in rows):
            lines += [
                table(["Flags", "Suggests"], [[_terms((term,)), md(suggestion)] for term, suggestion in rows]),
                "",
            ]
        else:
            lines += [f"Flags: {_terms(tuple(term for term, _ in rows))}.", ""]
        if rule.link:
            lines += [f"Why: [{md(rule.link)}](<{url(rule.link)}>)", ""]
    lines += [
        f"## What each claim is about ({len(claims)} claims)",
        "",
        "A claim is asserted by copy that names every concept of one of its alternatives (and states a "
        "benefit). Its own patterns catch what concepts cannot express; copy that repeats its quote "
        "nearly word for word is found too.",
        "",
    ]
    rows = [
        [
            claim_link(c.id, md(c.id), ""),
            badge(c.verdict),
            "; ".join(" + ".join(md(labels.get(x, x)) for x in alternative) for alternative in c.about),
            _terms(c.match),
        ]
        for c in claims
    ]
    lines += [table(["Claim", "Verdict", "About", "Patterns"], rows), ""]
    return "\n".join(lines)
