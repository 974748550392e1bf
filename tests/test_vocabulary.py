"""Structure tests (after proselint): every copy of a vocabulary matches its one definition.

``claimkb.kb.vocab`` defines verdicts, certainty, citation status, stances, designs,
interventions and review statuses; ``claimkb.kb.rulekinds.KINDS`` the rule kinds. The copies
that cannot import them (the JSON Schemas' enums, the README's tables) are compared here;
the copies generated from them (scaffold, home page, checker page) are generated again with
a vocabulary that has one more verdict, to show that nothing restates it by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from claimkb.kb import vocab
from claimkb.kb.problems import LEVELS
from claimkb.kb.rulekinds import KINDS
from conftest import REPO

SCHEMAS = REPO / "src" / "claimkb" / "kb" / "schema"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _at(node: Any, path: str) -> Any:
    for part in path.split("."):
        node = node[part]
    return node


def readme_table(readme: str, header: str) -> list[list[str]]:
    """The rows of the README table whose header row starts ``| header |``, cells unquoted."""
    lines = readme.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {header} |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows


def drift(readme: str, claim_schema: dict[str, Any], rules_schema: dict[str, Any]) -> list[str]:
    """Every copy of a vocabulary that differs from its definition, named."""
    wanted = {
        "verdict": list(vocab.VERDICTS),
        "certainty": list(vocab.CERTAINTY),
        "citation status": list(vocab.CITATION_STATUS),
        "stance": list(vocab.STANCE_LABEL),
        "design": list(vocab.DESIGN_LABEL),
        "intervention": list(vocab.INTERVENTIONS),
        "review status": list(vocab.REVIEW_STATUS),
        "rule kind": list(KINDS),
        "level": list(LEVELS),
        "claim kind": list(vocab.CLAIM_KINDS),
        "concept kind": list(vocab.CONCEPT_KINDS),
    }
    copies = {
        ("claim.schema.json", "verdict"): _at(claim_schema, "properties.verdict.enum"),
        ("claim.schema.json", "certainty"): _at(claim_schema, "properties.certainty.enum"),
        ("claim.schema.json", "citation status"): _at(claim_schema, "properties.citation_status.enum"),
        ("claim.schema.json", "review status"): _at(claim_schema, "properties.review.properties.status.enum"),
        ("claim.schema.json", "stance"): _at(claim_schema, "$defs.citation.properties.stance.enum"),
        ("claim.schema.json", "design"): _at(claim_schema, "$defs.citation.properties.design.enum"),
        ("claim.schema.json", "intervention"): _at(claim_schema, "$defs.citation.properties.intervention.enum"),
        ("claim.schema.json", "claim kind"): _at(claim_schema, "properties.claim_kind.enum"),
        ("concepts.schema.json", "concept kind"): _at(
            _schema("concepts.schema.json"), "properties.concepts.items.properties.kind.enum"
        ),
        ("rules.schema.json", "rule kind"): _at(rules_schema, "properties.rules.items.properties.kind.enum"),
        ("rules.schema.json", "level"): _at(rules_schema, "properties.rules.items.properties.level.enum"),
    }
    for name in (
        "verdict",
        "certainty",
        "citation status",
        "stance",
        "design",
        "intervention",
        "review status",
        "rule kind",
        "claim kind",
        "concept kind",
    ):
        copies[("README.md", name)] = [row[0] for row in readme_table(readme, name)]
    found = [
        f"{where}: {name} {values} != {wanted[name]}"
        for (where, name), values in copies.items()
        if values != wanted[name]
    ]
    # The rules schema requires each kind's own field, and only for that kind.
    conditions = {
        c["if"]["properties"]["kind"]["const"]: c["then"]["required"]
        for c in rules_schema["properties"]["rules"]["items"]["allOf"]
    }
    if conditions != {name: [kind.FIELD] for name, kind in KINDS.items()}:
        found.append(f"rules.schema.json: kind fields {conditions}")
    readme_levels = {row[0]: row[2] for row in readme_table(readme, "verdict")}
    if readme_levels != {v.value: v.check_level for v in vocab.VERDICTS.values()}:
        found.append(f"README.md: verdict levels {readme_levels}")
    readme_fields = {row[0]: row[1] for row in readme_table(readme, "rule kind")}
    if readme_fields != {name: kind.FIELD for name, kind in KINDS.items()}:
        found.append(f"README.md: rule kind fields {readme_fields}")
    return found


def _current() -> tuple[str, dict[str, Any], dict[str, Any]]:
    return (
        (REPO / "README.md").read_text(encoding="utf-8"),
        _schema("claim.schema.json"),
        _schema("rules.schema.json"),
    )


def test_every_copy_of_every_vocabulary_matches_its_definition():
    assert drift(*_current()) == []


def test_readme_tables_carry_the_meanings_too():
    readme = _current()[0]
    assert {r[0]: r[1] for r in readme_table(readme, "review status")} == vocab.REVIEW_STATUS
    assert {r[0]: r[1] for r in readme_table(readme, "intervention")} == vocab.INTERVENTIONS
    assert {r[0]: r[1] for r in readme_table(readme, "certainty")} == vocab.CERTAINTY
    assert {r[0]: r[2] for r in readme_table(readme, "rule kind")} == {n: k.DESCRIPTION for n, k in KINDS.items()}


@pytest.fixture
def one_more_verdict(monkeypatch):
    extra = vocab.Verdict(
        "disputed",
        "Disputed",
        "#444444",
        "warning",
        "warning",
        2,
        "Experts disagree about what the evidence shows.",
        flagged=True,
    )
    monkeypatch.setitem(vocab.VERDICTS, extra.value, extra)
    return extra


def test_adding_a_verdict_names_every_copy_left_behind(one_more_verdict):
    """What a developer who adds a verdict to vocab.py and nothing else is told."""
    left_behind = drift(*_current())
    assert any(line.startswith("claim.schema.json: verdict") for line in left_behind)
    assert any(line.startswith("README.md: verdict") for line in left_behind)
    assert any(line.startswith("README.md: verdict levels") for line in left_behind)


def test_the_generated_copies_follow_a_new_verdict_by_themselves(one_more_verdict, tmp_path: Path):
    from claimkb.kb.load import load_knowledge_base
    from claimkb.render.checker_page import checker_page
    from claimkb.render.home import home_page
    from claimkb.scaffold import scaffold
    from conftest import VALID

    verdict_comment = next(
        line for line in scaffold("x", dt.date(2026, 1, 1)).splitlines() if line.startswith("# supported")
    )
    assert verdict_comment.endswith("| disputed")
    kb, _ = load_knowledge_base(VALID)
    assert "disputed" in checker_page(list(kb.rules), list(kb.claims)).html
    home = home_page(kb, list(kb.claims), "public").html
    assert "disputed" in home.lower()


def test_flagged_verdicts_on_the_home_page_come_from_the_vocabulary():
    from claimkb.kb.load import load_knowledge_base
    from claimkb.render.home import home_page
    from conftest import VALID

    kb, _ = load_knowledge_base(VALID)
    counts = Counter(c.verdict for c in kb.claims)
    flagged = sum(counts[v.value] for v in vocab.VERDICTS.values() if v.flagged)
    assert f"<strong>{flagged}</strong> of them are" in home_page(kb, list(kb.claims), "public").html


def _luminance(colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _tint(colour: str, alpha: float, base: str = "#ffffff") -> str:
    parts = (round(int(colour[i : i + 2], 16) * alpha + int(base[i : i + 2], 16) * (1 - alpha)) for i in (1, 3, 5))
    return "#" + "".join(f"{p:02x}" for p in parts)


@pytest.mark.parametrize("verdict", list(vocab.VERDICTS.values()), ids=lambda v: v.value)
def test_verdict_colours_keep_their_contrast(verdict):
    from claimkb.render import HIGHLIGHT_ALPHA

    assert _contrast("#ffffff", verdict.colour) >= 4.5  # the badge: white text on the colour
    body_text = "#212121"  # Material's text colour (rgba(0,0,0,.87)) on white
    once = _tint(verdict.colour, HIGHLIGHT_ALPHA / 255)
    twice = _tint(verdict.colour, HIGHLIGHT_ALPHA / 255, once)  # a highlight inside another
    assert _contrast(body_text, twice) >= 4.5 and _contrast(body_text, once) >= 4.5
