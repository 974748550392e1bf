"""`claimkb check`: known claims and overreaching language in new copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimkb.checker.check import Checker, filter_level
from claimkb.checker.copytext import read_copy
from claimkb.kb.load import load_knowledge_base
from conftest import FIXTURES, REPO, run_main

COPY = FIXTURES / "copy"


@pytest.fixture(scope="module")
def kb():
    kb, problems = load_knowledge_base(REPO)
    assert not [p for p in problems if p.is_error]
    return kb


@pytest.fixture(scope="module")
def checker(kb):
    return Checker.for_kb(kb, "https://claimkb.test/")


def check(checker, text: str, path: str = "copy.txt"):
    return checker.check(read_copy(path, text))


def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
    return run_main("check", "--root", str(REPO), *args, stdin=stdin)


def test_every_quote_is_found_as_its_own_record(kb, checker):
    missed = [c.id for c in kb.claims if c.id not in {f.claim for f in check(checker, c.source.quote)}]
    assert missed == []


def test_approved_wording_and_suggestions_pass_the_checker(kb, checker):
    """What the checker offers marketing must pass the checker: every record's approved wording
    and every rule's suggestion raise no error and no warning (a record's own wording repeated
    is exempt, as it is the honest version)."""
    offered = [(c.id, s) for c in kb.claims for s in c.wording.approved]
    offered += [(rule.id, suggestion) for rule in kb.rules for suggestion in rule.replacements.values()]
    flagged = [
        (source, text, f.rule, f.claim)
        for source, text in offered
        for f in check(checker, text)
        if f.level in ("error", "warning")
    ]
    assert flagged == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Cryotherapy exposes the body to cold for a few minutes.",
        "Localized cryotherapy directs cold air at one area of the body.",
        "Sessions last about three minutes.",
    ],
)
def test_neutral_descriptions_are_not_flagged(checker, sentence):
    assert check(checker, sentence) == []


def test_finding_names_claim_verdict_link_and_suggestion(checker, kb):
    [finding] = [f for f in check(checker, "A Finnish study proved it works.") if f.rule == "known-claim"]
    claim = kb.claim("eczema-finnish-study")
    assert (finding.claim, finding.verdict, finding.level) == (claim.id, "misrepresents-source", "error")
    assert "https://claimkb.test/claims/eczema-finnish-study/" in finding.message
    assert finding.hint == f"{claim.wording.approved[0]} (proposed wording, awaiting sign-off)"
    assert claim.review.status != "approved"


def test_level_follows_the_verdict(checker, kb):
    levels = {f.claim: f.level for f in check(checker, "Cold raises norepinephrine levels and eases spasticity.")}
    assert levels["cold-raises-norepinephrine"] == "warning"  # partly supported
    assert levels["spasticity"] == "warning"


def test_a_hedged_sentence_names_no_record_and_is_no_unreviewed_claim(checker):
    assert check(checker, "Cryotherapy reduces cellulite.")  # the same claim, unhedged, is found
    hedged = check(checker, "It is uncertain whether cryotherapy reduces cellulite.")
    assert [f for f in hedged if f.claim or f.rule == "unreviewed-claim"] == []


def test_overreach_rules_existence_and_substitution(checker):
    findings = check(checker, "Totally safe, painless and clinically proven!")
    by_rule = {f.rule: f for f in findings}
    assert by_rule["absolute-safety"].level == "error"
    assert by_rule["proof-language"].message.startswith("'clinically proven'")
    assert by_rule["painless"].hint == "very cold, and some people find it uncomfortable"
    assert (by_rule["painless"].line, by_rule["painless"].column) == (1, 15)
    assert (by_rule["painless"].end_line, by_rule["painless"].end_column) == (1, 23)


def test_positions_point_into_the_original_file(checker):
    text = "Welcome.\n\n  Our   cryo is\ncompletely safe.\n"
    [finding] = [f for f in check(checker, text) if f.rule == "absolute-safety"]
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (4, 1, 4, 16)


def test_html_is_read_by_its_text_only(checker):
    html = (
        "<html><head><title>Spa</title><script>var s = 'completely safe';</script></head>\n"
        '<body><p class="completely safe">Our cryo is <b>completely safe</b>.</p></body></html>\n'
    )
    findings = [f for f in check(checker, html, "page.html") if f.rule == "absolute-safety"]
    assert len(findings) == 1
    line = html.splitlines()[findings[0].line - 1]
    assert line[findings[0].column - 1 :].startswith("completely safe</b>")


def test_markdown_copy(checker):
    text = "# Offer\n\n**Painless** sessions.\n"
    [finding] = [f for f in check(checker, text, "offer.md") if f.rule == "painless"]
    assert (finding.line, finding.column) == (3, 3)


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Nobody has proven that cold gets you back to sport any quicker.", "proof-language"),
        ("We can't guarantee results.", "proof-language"),
        ("Your PDF voucher is emailed instantly.", "instant"),
        ("## What the research says", "vague-authority"),
    ],
)
def test_a_denial_or_an_aside_is_an_exception_to_its_rule(checker, sentence, rule):
    assert rule not in {f.rule for f in check(checker, sentence)}
    # and the rule still finds the claim itself
    claims = {
        "proof-language": "It is clinically proven.",
        "instant": "Pain relief, instantly.",
        "vague-authority": "Research shows it works.",
    }
    assert rule in {f.rule for f in check(checker, claims[rule])}


def test_inline_switches_turn_rules_off_and_on(checker):
    text = (
        "Totally safe.\n<!-- claimkb disable absolute-safety -->\nTotally safe.\n"
        "<!-- claimkb enable absolute-safety -->\nTotally safe.\n"
    )
    lines = [f.line for f in check(checker, text) if f.rule == "absolute-safety"]
    assert lines == [1, 5]


def test_inline_switch_for_claims_and_for_everything(checker):
    text = (
        "<!-- claimkb disable known-claim -->\nA Finnish study showed it. Totally safe.\n"
        "<!-- claimkb enable all -->\n<!-- claimkb disable -->\nPainless.\n"
    )
    findings = check(checker, text)
    assert [f.rule for f in findings] == ["absolute-safety"]


def test_min_level_filters(checker):
    findings = check(checker, "Totally safe and painless, with amazing results.")
    assert {f.level for f in findings} == {"error", "warning", "suggestion"}
    assert {f.level for f in filter_level(findings, "warning")} == {"error", "warning"}
    assert {f.level for f in filter_level(findings, "error")} == {"error"}


def test_cli_text_output_and_exit_code(tmp_path: Path):
    copy = tmp_path / "ad.txt"
    copy.write_text("Our cryo is completely safe.\n")
    code, out, err = run(str(copy))
    assert code == 1
    assert out.startswith(f"{copy}:1:13: error [absolute-safety] 'completely safe' promises absolute safety")
    assert "    hint: " in out
    assert "1 file checked" in err


def test_cli_clean_copy_exits_zero(tmp_path: Path):
    copy = tmp_path / "ok.txt"
    copy.write_text("Sessions last three minutes.\n")
    assert run(str(copy)) == (0, "", "1 file checked: 0 errors, 0 other findings\n")


def test_cli_warnings_only_exit_zero():
    code, out, _ = run("-", stdin="Painless sessions.\n")
    assert code == 0 and "warning [painless]" in out


def test_cli_json_from_stdin():
    code, out, _ = run("--format", "json", "-", stdin="A Finnish study showed cryo replaces eczema creams.\n")
    assert code == 1
    findings = json.loads(out)
    keys = {
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "rule",
        "level",
        "message",
        "claim",
        "verdict",
        "suggestion",
    }  # the keys check's JSON has always had stay; new ones may join
    assert all(keys <= set(f) for f in findings)
    assert all(f["suggestion"] == f["hint"] for f in findings)
    claims = {f["claim"] for f in findings}
    assert "eczema-finnish-study" in claims
    assert findings[0]["path"] == "<stdin>"
    assert any(f["claim"] is None and f["verdict"] is None for f in findings)


def test_cli_sarif():
    code, out, _ = run("--format", "sarif", "-", stdin="Totally safe. Painless.\n")
    assert code == 1
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    run_ = log["runs"][0]
    rule_ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert {"known-claim", "absolute-safety", "painless"} <= set(rule_ids)
    levels = {r["ruleId"]: r["level"] for r in run_["results"]}
    assert levels["absolute-safety"] == "error" and levels["painless"] == "warning"
    for result in run_["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] == 1 and region["endColumn"] > region["startColumn"]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"caf\xe9 completely safe", "not valid UTF-8"),
    ],
)
def test_cli_unreadable_input_is_exit_two(tmp_path: Path, content: bytes, message: str):
    copy = tmp_path / "bad.txt"
    copy.write_bytes(content)
    code, out, err = run(str(copy))
    assert code == 2 and message in err and "Traceback" not in err


def test_cli_missing_file_is_exit_two(tmp_path: Path):
    code, _, err = run(str(tmp_path / "nope.txt"))
    assert code == 2 and "cannot read" in err


def test_cli_checks_every_copy_file_in_a_folder(tmp_path: Path):
    (tmp_path / "site" / "blog").mkdir(parents=True)
    (tmp_path / "site" / "index.html").write_text("<p>Completely safe.</p>")
    (tmp_path / "site" / "blog" / "post.md").write_text("Painless sessions.\n")
    (tmp_path / "site" / "logo.png").write_bytes(b"\x89PNG\r\n")
    code, out, err = run("--format", "json", str(tmp_path / "site"))
    assert code == 1
    assert {Path(f["path"]).name for f in json.loads(out)} == {"index.html", "post.md"}
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(str(empty))
    assert code == 2 and "no copy files" in err
