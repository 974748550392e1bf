"""Small pure pieces: hedging, sentence splitting, normalisation, YAML positions."""

from __future__ import annotations

import pytest

from claimkb.kb.hedging import too_firm
from claimkb.kb.segments import Span, find_span, sentences
from claimkb.kb.textnorm import normalise
from claimkb.kb.yamlfile import dotted, parse_yaml


@pytest.mark.parametrize(
    "sentence, certainty, expected",
    [
        ("Cryotherapy reduces pain.", "high", False),
        ("Cryotherapy reduces pain.", "moderate", True),
        ("Cryotherapy probably reduces pain.", "moderate", False),
        ("Cryotherapy probably reduces pain.", "low", True),
        ("Cryotherapy may reduce pain.", "low", False),
        ("Cryotherapy may reduce pain.", "very-low", True),
        ("It is uncertain whether cryotherapy reduces pain.", "very-low", False),
        ("Cryotherapy does not reduce pain.", "very-low", False),
        ("A session takes three minutes.", "very-low", False),
    ],
)
def test_wording_firmness_follows_grade(sentence: str, certainty: str, expected: bool):
    assert too_firm(sentence, certainty) is expected


def test_sentences_split_paragraphs_and_keep_headings():
    text = "Title\n\nFirst one. Second (2013) one! Third?\n\n\u201cQuoted.\u201d Last."
    found = sentences(text)
    assert [s.text for s in found] == ["Title", "First one.", "Second (2013) one!", "Third?", '"Quoted."', "Last."]
    assert [s.line for s in found] == [1, 3, 3, 3, 5, 5]
    flat = normalise(text)
    assert all(flat[s.span.start : s.span.end] == s.text for s in found)


def test_find_span_folds_typography():
    flat = normalise("You\u2019ve  heard\nit.")
    assert find_span(flat, "You've heard it") == Span(0, 15)
    assert find_span(flat, "not there") is None


def test_yaml_positions_and_dotted_paths():
    doc, problems = parse_yaml("a:\n  b:\n    - x\n    - {c: 1}\n", "f.yaml")
    assert problems == []
    assert doc.where(("a", "b", 1, "c")) == (4, 11)
    assert doc.where(("a", "b", 1, "c"), key=True) == (4, 8)
    assert doc.where(("a", "missing")) == (2, 3)
    assert dotted(("a", "b", 1, "c")) == "a.b[1].c"


def test_yaml_keeps_dates_as_text():
    doc, _ = parse_yaml("when: 2026-01-15\n", "f.yaml")
    assert doc.data == {"when": "2026-01-15"}


def test_yaml_alias_bomb_is_rejected_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    doc, problems = parse_yaml(bomb, "bomb.yaml")
    assert doc is None
    assert problems[0].rule == "yaml-syntax" and "aliases" in problems[0].message


def test_the_quick_yaml_walk_makes_what_pyyaml_makes():
    """parse_yaml builds the data itself in the pass that indexes positions: on every YAML file
    of the project and its fixtures, and on the awkward cases, it must equal PyYAML's result."""
    import yaml

    from claimkb.kb.yamlfile import _Loader
    from conftest import FIXTURES, REPO

    files = [p for folder in ("claims", "sources", "rules") for p in (REPO / folder).rglob("*.yaml")]
    files += list(FIXTURES.rglob("*.yaml"))
    texts = [p.read_bytes().decode("utf-8", "replace") for p in files]
    texts += [
        "a: 1\nb: [x, 2.5, true, null, ~, 0x1F, 1_000, .inf, 2026-01-01]\nc: !!str 5\n1: one\n",
        "base: {x: 1}\nmerged:\n  <<: {x: 2, y: 3}\n  z: 4\n",
        "s: !!set {a, b}\n",
        "- plain\n- 'quoted: yes'\n- |\n  block\n  text\n- {k: [1, {n: null}]}\n",
    ]
    assert len(texts) > 100
    for text in texts:
        doc, problems = parse_yaml(text, "t.yaml")
        if doc is None:
            continue  # broken fixtures: their problems are tested elsewhere
        assert doc.data == yaml.load(text, Loader=_Loader), text[:80]
