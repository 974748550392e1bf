"""The claimkb command: exit codes, output formats, scaffolding, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from claimkb.cli import main
from claimkb.kb.load import load_knowledge_base
from claimkb.report import JSON_KEYS
from conftest import INVALID, VALID, overlay_case, run_main


def run(*args: str) -> tuple[int, str, str]:
    return run_main(*args)


def test_validate_clean_exits_zero():
    code, out, err = run("validate", "--root", str(VALID))
    assert code == 0
    assert out == ""
    assert "2 records read: 0 errors, 0 warnings" in err


def test_validate_prints_compiler_style_lines(tmp_path: Path):
    root = overlay_case(INVALID / "bad-value", tmp_path / "kb")
    code, out, err = run("validate", "--root", str(root))
    assert code == 1
    assert out.splitlines()[0].startswith("claims/ice-cures-headache.yaml:12:10: error [bad-value] verdict:")
    assert out.splitlines()[1].strip() == (
        "hint: did you mean 'misrepresents-source'? use one of: supported, "
        "partly-supported, overstated, unsupported, misrepresents-source, "
        "contradicted, not-assessed"
    )
    assert "Traceback" not in err


def test_validate_json_lists_problems(tmp_path: Path):
    root = overlay_case(INVALID / "review-order", tmp_path / "kb")
    code, out, _ = run("validate", "--format", "json", "--root", str(root))
    assert code == 1
    problems = json.loads(out)
    assert problems[0]["rule"] == "review-order"
    assert problems[0]["line"] == 31


@pytest.mark.parametrize("args", [[], ["frobnicate"], ["report", "--format", "xml"], ["validate", "--root"]])
def test_usage_errors_exit_two(args: list[str]):
    code, _, err = run(*args)
    assert code == 2
    assert "usage:" in err
    assert "Traceback" not in err


def test_missing_root_is_a_usage_error(tmp_path: Path):
    code, _, err = run("validate", "--root", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such folder" in err


def test_report_json_keeps_its_stable_keys():
    code, out, _ = run("report", "--format", "json", "--root", str(VALID))
    assert code == 0
    rows = json.loads(out)
    kb, _ = load_knowledge_base(VALID)
    assert [r["id"] for r in rows] == [c.id for c in kb.claims]
    for row in rows:
        assert set(JSON_KEYS) <= set(row)
    first = rows[0]
    assert first["citations"] == ["smith2010ice"]
    assert first["approved_wording"] == ["A cold pack may ease headache pain for a short while."]
    assert first["reviewed"] == "2026-01-15"
    assert first["topic"] == ["headache"]
    assert first["appearances"] == [
        {"document": first["source"], "section": first["section"], "quote": first["quote"], "proposed": False}
    ]


def test_report_csv_has_one_row_per_claim():
    code, out, _ = run("report", "--format", "csv", "--root", str(VALID))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["ice-cures-headache", "ice-reduces-soreness"]
    assert rows[1]["topic"] == "recovery; soreness"


def test_report_table_names_every_claim():
    code, out, _ = run("report", "--root", str(VALID))
    assert code == 0
    assert "ice-cures-headache" in out and "misrepresents-source" in out
    assert out.rstrip().endswith("2 claims")


def test_report_refuses_an_invalid_knowledge_base(tmp_path: Path):
    root = overlay_case(INVALID / "bad-value", tmp_path / "kb")
    code, out, err = run("report", "--format", "json", "--root", str(root))
    assert code == 1
    assert out == ""
    assert "[bad-value]" in err


def test_new_scaffolds_a_record_with_every_field(valid_kb: Path, capsys):
    assert main(["new", "cold-cures-all", "--root", str(valid_kb)]) == 0
    record = valid_kb / "claims" / "cold-cures-all.yaml"
    text = record.read_text()
    assert text.startswith("# yaml-language-server: $schema=")
    schema = json.loads((Path(__file__).parent.parent / "src/claimkb/kb/schema/claim.schema.json").read_text())
    for field in schema["properties"]:
        if field != "source":  # the older form of appearances
            assert f"\n{field}:" in text, field
    _, problems = load_knowledge_base(valid_kb)
    # The scaffold parses and fits the schema; what is left is the content to fill in.
    assert {p.rule for p in problems if p.path.endswith("cold-cures-all.yaml")} == {"unknown-document", "draft-record"}


def test_new_refuses_to_overwrite(valid_kb: Path, capsys):
    assert main(["new", "ice-cures-headache", "--root", str(valid_kb)]) == 2
    assert "already exists" in capsys.readouterr().err


def test_new_rejects_a_bad_id(valid_kb: Path, capsys):
    assert main(["new", "Not_Kebab", "--root", str(valid_kb)]) == 2
    assert "kebab-case" in capsys.readouterr().err


def test_an_internal_error_has_its_own_exit_code_and_asks_for_a_report(monkeypatch, capsys):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("claimkb.kb.load.survey", boom)
    assert main(["validate", "--root", str(VALID)]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "internal error: RuntimeError: disk on fire" in err
    assert "report it" in err


def test_validate_and_check_share_one_json_shape(tmp_path: Path, capsys):
    broken = overlay_case(INVALID / "bad-value", tmp_path / "kb")
    assert main(["validate", "--root", str(broken), "--format", "json"]) == 1
    validate_keys = {frozenset(p) for p in json.loads(capsys.readouterr().out)}
    copy = tmp_path / "ad.txt"
    copy.write_text("Our cryo is completely safe.\n")
    assert main(["check", "--root", str(VALID), "--format", "json", str(copy)]) == 1
    check_keys = {frozenset(p) for p in json.loads(capsys.readouterr().out)}
    assert len(validate_keys) == 1 and validate_keys == check_keys


def test_coverage_names_the_uncovered_sentence_and_fails():
    code, out, err = run("coverage", "--root", str(VALID))
    assert code == 1
    assert "sample-article: 4/5 sentences covered (80%)" in out
    assert err.startswith(
        "sources/sample-article.txt:5:1: error [uncovered-sentence] "
        "sentence 'Cold therapy is completely safe for everyone.'"
    )


def test_coverage_verbose_lists_claims_and_reasons():
    code, out, _ = run("coverage", "-v", "--root", str(VALID), "sample-article")
    assert code == 1
    assert "ice-cures-headache" in out
    assert "not a claim: heading" in out


def test_coverage_unknown_document_is_a_usage_error():
    code, _, err = run("coverage", "--root", str(VALID), "nope")
    assert code == 2
    assert "no source document 'nope'" in err


def test_review_date_in_the_future_is_a_warning():
    code, out, _ = run("validate", "--root", str(VALID), "--date", "2026-01-14")
    assert code == 0
    assert (
        "claims/ice-cures-headache.yaml:31:63: warning [review-in-future] review.reviewed: 2026-01-15 "
        "is after today (2026-01-14)" in out
    )
    assert run("validate", "--root", str(VALID), "--date", "2026-01-15")[1] == ""
    assert run("validate", "--root", str(VALID), "--date", "15.01.2026")[0] == 2


def test_new_with_a_quote_finds_its_document_and_section(valid_kb: Path, capsys):
    assert (
        main(["new", "ice-soreness-copy", "--root", str(valid_kb), "--quote", "Ice reduces  soreness after exercise."])
        == 0
    )
    text = (valid_kb / "claims" / "ice-soreness-copy.yaml").read_text()
    assert "  - document: sample-article\n" in text
    assert '  section: "Cold Therapy Works Wonders"\n' in text
    assert '  quote: "Ice reduces soreness after exercise."\n' in text
    _, problems = load_knowledge_base(valid_kb)
    mine = [p for p in problems if p.path.endswith("ice-soreness-copy.yaml")]
    assert not [p for p in mine if p.rule in ("quote-not-found", "unknown-document")]


def test_new_with_an_unknown_quote_is_a_usage_error(valid_kb: Path, capsys):
    assert main(["new", "nope", "--root", str(valid_kb), "--quote", "words nobody wrote"]) == 2
    assert "not found verbatim" in capsys.readouterr().err
    assert not (valid_kb / "claims" / "nope.yaml").exists()
