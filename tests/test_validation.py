"""Every validation rule, proved by a broken fixture and the message it must produce."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimkb.cli import main
from claimkb.kb.load import load_knowledge_base
from conftest import INVALID, REPO, VALID, overlay_case, resign

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def test_valid_fixture_has_no_problems():
    kb, problems = load_knowledge_base(VALID)
    assert problems == []
    assert [c.id for c in kb.claims] == ["ice-cures-headache", "ice-reduces-soreness"]
    assert set(kb.references) == {"smith2010ice", "doe2015soreness", "regulator2020"}
    assert list(kb.documents) == ["sample-article"]


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_reports_expected_problem(case: str, tmp_path: Path):
    root = overlay_case(INVALID / case, tmp_path / "kb")
    _, problems = load_knowledge_base(root)
    printed = [p.format() for p in problems]
    expected = (INVALID / case / "expected.txt").read_text().splitlines()
    for line in expected:
        assert any(p.startswith(line) for p in printed), f"{line!r} not in:\n" + "\n".join(printed)
    for problem in problems:
        assert problem.hint or problem.rule in ("yaml-syntax",), f"{problem.rule} gives no hint"


@pytest.mark.parametrize("case", CASES)
def test_invalid_case_exit_code(case: str, tmp_path: Path, capsys):
    root = overlay_case(INVALID / case, tmp_path / "kb")
    expected = (INVALID / case / "expected.txt").read_text()
    errors = " error [" in expected
    assert main(["validate", "--root", str(root)]) == (1 if errors else 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if not errors:
        assert main(["validate", "--strict", "--root", str(root)]) == 1


def test_problems_are_sorted_by_position(tmp_path: Path):
    root = overlay_case(INVALID / "unknown-field", tmp_path / "kb")
    record = root / "claims" / "ice-cures-headache.yaml"
    record.write_text(record.read_text().replace("certainty: low", "certainty: lowish"))
    _, problems = load_knowledge_base(root)
    positions = [(p.path, p.line, p.column) for p in problems]
    assert positions == sorted(positions)
    assert len(problems) >= 3


def test_all_problems_in_one_run(tmp_path: Path):
    """Validation does not stop at the first broken file or field."""
    root = overlay_case(INVALID / "bad-value", tmp_path / "kb")
    other = root / "claims" / "ice-reduces-soreness.yaml"
    other.write_text(other.read_text().replace("certainty: low", "certainty: dubious"))
    _, problems = load_knowledge_base(root)
    assert {p.path for p in problems if p.is_error} == {
        "claims/ice-cures-headache.yaml",
        "claims/ice-reduces-soreness.yaml",
    }


def test_unknown_field_suggests_the_closest_name(tmp_path: Path):
    root = overlay_case(INVALID / "unknown-field", tmp_path / "kb")
    _, problems = load_knowledge_base(root)
    unknown = next(p for p in problems if p.rule == "unknown-field")
    assert "did you mean 'verdict'?" in unknown.hint


def test_quote_match_folds_typographic_quotes_and_spacing(valid_kb: Path):
    source = valid_kb / "sources" / "sample-article.txt"
    source.write_text(
        source.read_text().replace("found that ice packs cure", "found that\n  ice packs \u201ccure\u201d"),
        encoding="utf-8",
    )
    record = valid_kb / "claims" / "ice-cures-headache.yaml"
    record.write_text(
        record.read_text().replace(
            'quote: "A 2010 study found that ice packs cure headaches."',
            """quote: 'A 2010 study found that ice  packs "cure" headaches.'""",
        ),
        encoding="utf-8",
    )
    resign(valid_kb)  # the quote is covered by the approval
    _, problems = load_knowledge_base(valid_kb)
    assert problems == []
    record.write_text(record.read_text().replace('"cure"', '"heal"'), encoding="utf-8")
    _, problems = load_knowledge_base(valid_kb)
    assert [p.rule for p in problems] == ["quote-not-found", "changed-since-approval"]


def test_fast_schema_check_agrees_with_jsonschema():
    """fastjsonschema says yes quickly; jsonschema says how. They must agree on every file."""
    from claimkb.kb.schema import _fast_check, _validator
    from claimkb.kb.yamlfile import read_yaml

    files = [(p, "claim.schema.json") for p in (REPO / "claims").glob("*.yaml")]
    files += [(p, "claim.schema.json") for p in INVALID.glob("*/claims/*.yaml")]
    files += [
        (p, "source.schema.json")
        for p in list(INVALID.glob("*/sources/*.yaml")) + list((REPO / "sources").glob("*.yaml"))
    ]
    files += [
        (p, "rules.schema.json") for p in list(INVALID.glob("*/rules/*.yaml")) + [REPO / "rules" / "overreach.yaml"]
    ]
    checked = 0
    for path, schema in files:
        doc, _ = read_yaml(path, str(path))
        if doc is None:
            continue
        slow_ok = not list(_validator(schema).iter_errors(doc.data))
        try:
            _fast_check(schema)(doc.data)
            fast_ok = True
        except Exception:
            fast_ok = False
        assert fast_ok == slow_ok, path
        checked += 1
    assert checked > 60
