"""Property-based tests: arbitrary input to the loaders and the checker may be rejected,
never crash; the pieces the checker's speed rests on never change what it finds."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimkb.checker.check import Checker
from claimkb.checker.copytext import read_copy
from claimkb.kb.bib import parse_references
from claimkb.kb.load import load_knowledge_base
from claimkb.kb.records import read_claim
from claimkb.kb.segments import sentences
from claimkb.kb.sources import read_source
from claimkb.kb.terms import compile_term, triggers, word_prefixes
from claimkb.kb.textnorm import _TYPOGRAPHIC, normalise, normalise_with_map
from claimkb.kb.yamlfile import parse_yaml
from conftest import REPO, VALID

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
yaml_like = st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n\t ,.0123456789?%@`")), max_size=300)
any_text = st.text(max_size=400)


@pytest.fixture(scope="module")
def checker():
    kb, _ = load_knowledge_base(REPO)
    return Checker.for_kb(kb)


@SETTINGS
@given(st.one_of(yaml_like, any_text))
def test_yaml_loader_rejects_never_crashes(text):
    doc, problems = parse_yaml(text, "f.yaml")
    assert doc is not None or problems
    for problem in problems:
        assert problem.path == "f.yaml" and problem.line >= 0


def _read_record(file: Path):
    claim, _, problems = read_claim(file, "claims/x.yaml")
    return claim, problems


@pytest.mark.parametrize(
    "reader", [_read_record, lambda file: read_source(file, "sources/x.yaml")], ids=["record", "source"]
)
@SETTINGS
@given(text=st.one_of(yaml_like, any_text))
def test_file_readers_reject_never_crash(reader, text):
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "x.yaml"
        file.write_text(text, encoding="utf-8", errors="surrogatepass")
        result, problems = reader(file)
        assert result is None and problems


@SETTINGS
@given(st.one_of(st.text(alphabet=st.sampled_from(list('@article{}=,"% \nabc123\\')), max_size=300), any_text))
def test_bibtex_reader_rejects_never_crashes(text):
    references, problems = parse_references(text, "references.bib")
    for problem in problems:
        assert problem.path == "references.bib" and problem.line >= 1


@SETTINGS
@given(
    st.one_of(
        any_text,
        st.text(alphabet=st.sampled_from(list("<>/pdivscript!-- claimkb disable enable safe.\n")), max_size=300),
    ),
    st.sampled_from(["copy.txt", "copy.md", "copy.html"]),
)
def test_checker_never_crashes_and_points_inside_the_file(checker, text, name):
    findings = checker.check(read_copy(name, text))
    lines = text.splitlines() or [""]
    for finding in findings:
        assert 1 <= finding.line <= len(lines) + 1
        assert finding.column >= 1 and finding.end_line >= finding.line


@SETTINGS
@given(any_text)
def test_normalise_with_map_agrees_with_normalise(text):
    flat, where = normalise_with_map(text)
    assert flat == normalise(text)
    assert len(where) == len(flat)
    assert list(where) == sorted(where)
    if unicodedata.is_normalized("NFC", text):  # each character maps to the one it came from
        for i, char in enumerate(flat):
            came_from = text[where[i]]
            assert (char == " " and came_from.isspace()) or char == came_from.translate(_TYPOGRAPHIC), (i, char)


@SETTINGS
@given(any_text)
def test_sentences_are_slices_of_the_normalised_text(text):
    flat = normalise(text)
    for sentence in sentences(text):
        assert flat[sentence.span.start : sentence.span.end] == sentence.text


def _terms() -> list[str]:
    kb, _ = load_knowledge_base(REPO)
    return sorted({t for c in kb.claims for t in c.match} | {t for r in kb.rules for t, _ in r.compiled})


TERMS = _terms()
words = st.sampled_from(
    sorted({w.strip("/()?|\\*") for t in TERMS for w in t.replace("|", " ").split()} - {""})
    + ["the", "your", "cold", "skin", "and"]
)


@SETTINGS
@given(st.lists(words, min_size=1, max_size=12), st.sampled_from(TERMS))
def test_trigger_words_never_hide_a_match(sentence_words, term):
    """The checker tries a pattern only on sentences holding one of its trigger words: that
    must never skip a sentence the pattern matches."""
    sentence = " ".join(sentence_words)
    term_triggers = triggers(term)
    if term_triggers is not None and compile_term(term).search(sentence):
        assert term_triggers & word_prefixes(sentence), (term, sentence)


def test_valid_fixture_stays_valid_after_a_round_trip():
    kb, problems = load_knowledge_base(VALID)
    assert problems == [] and kb.claims


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "id",
                    "title",
                    "topic",
                    "source",
                    "verdict",
                    "certainty",
                    "evidence",
                    "wording",
                    "review",
                    "match",
                    "regulators",
                    "extra",
                    "review.reviewed",
                    "evidence.citations",
                    "appearances",
                    "wording.approved",
                ]
            ),
            st.one_of(st.just("<delete>"), json_values),
        ),
        max_size=3,
    )
)
def test_fast_and_full_schema_checks_agree(changes):
    import copy

    from claimkb.kb.schema import _fast_check, _validator
    from claimkb.kb.yamlfile import read_yaml

    doc, _ = read_yaml(VALID / "claims" / "ice-cures-headache.yaml", "x.yaml")
    data = copy.deepcopy(doc.data)
    for path, value in changes:
        *parents, key = path.split(".")
        target = data
        for parent in parents:
            target = target.get(parent) if isinstance(target, dict) else None
        if not isinstance(target, dict):
            continue
        if value == "<delete>":
            target.pop(key, None)
        else:
            target[key] = value
    slow_ok = not list(_validator("claim.schema.json").iter_errors(data))
    try:
        _fast_check("claim.schema.json")(data)
        fast_ok = True
    except Exception:
        fast_ok = False
    assert fast_ok == slow_ok
