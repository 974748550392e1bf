"""The internal page that documents the copy checker, generated from the rules file and the
records' match patterns, so it cannot drift from what the checker does."""

from __future__ import annotations

from claimkb.kb.model import Claim
from claimkb.kb.rulekinds import KINDS
from claimkb.kb.rules import Rule
from claimkb.kb.vocab import VERDICTS
from claimkb.render.text import badge, claim_link, code, md, table, url


def _terms(terms: tuple[str, ...]) -> str:
    """Plain terms as text, /regexes/ as code."""
    return ", ".join(code(t) if t.startswith("/") else md(t) for t in terms)


def verdict_levels() -> str:
    """The level of a finding for each verdict, from the vocabulary."""
    return table(["Verdict", "Level of a finding"], [[badge(v.value), v.check_level] for v in VERDICTS.values()])


def checker_page(rules: list[Rule], claims: list[Claim]) -> str:
    lines = [
        "# Copy checker",
        "",
        "`claimkb check FILE...` (or `-` for standard input) reads plain text, Markdown or HTML copy "
        "and reports, sentence by sentence, the claims of this knowledge base it repeats and the "
        "overreaching language it uses. Output: `--format text` (like a compiler), `json` or `sarif`; "
        "`--min-level error|warning|suggestion`. It exits 1 when a finding is an error.",
        "",
        "A finding that repeats a claim takes its level from the claim's verdict, and suggests the "
        "claim's approved wording. A sentence hedged as the evidence requires is only a suggestion; a "
        "sentence that repeats approved wording is not a finding.",
        "",
        verdict_levels(),
        "",
        "Turn a rule off for a stretch of copy with `<!-- claimkb disable RULE -->` and on again with "
        "`<!-- claimkb enable RULE -->`; `known-claim` stands for every claim, a claim id for one, and "
        "no rule at all for everything.",
        "",
        f"## Overreaching language ({len(rules)} rules)",
        "",
    ]
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
    with_patterns = [c for c in claims if c.match]
    lines += [
        f"## Claims and their match patterns ({len(with_patterns)} of {len(claims)} claims)",
        "",
        "Besides these patterns, each claim is also found by similarity to its quote and plain assertion.",
        "",
    ]
    rows = [[claim_link(c.id, md(c.id), ""), badge(c.verdict), _terms(c.match)] for c in with_patterns]
    lines += [table(["Claim", "Verdict", "Patterns"], rows), ""]
    return "\n".join(lines)
