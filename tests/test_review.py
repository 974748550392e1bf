"""claimkb review and history: approvals bound to content, round-trip edits, all or nothing."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from claimkb.kb.load import load_knowledge_base
from claimkb.kb.signoff import fingerprint, next_review
from conftest import run_main

DRAFT = "ice-reduces-soreness"
APPROVED = "ice-cures-headache"


def review(root: Path, *args: str) -> tuple[int, str, str]:
    return run_main("review", "--root", str(root), *args)


def problems_of(root: Path) -> list[str]:
    return [f"{p.rule}" for p in load_knowledge_base(root)[1]]


def outside_review_block(text: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("review:"))
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in (" ", "")), len(lines))
    return "".join(lines[:start] + lines[end:])


def test_approving_changes_nothing_outside_the_review_block(valid_kb: Path):
    record = valid_kb / "claims" / f"{DRAFT}.yaml"
    before = record.read_text()
    assert review(valid_kb, DRAFT, "--approve", "--reviewer", "Ann Example", "--date", "2026-02-01")[0] == 0
    after = record.read_text()
    assert after != before
    assert outside_review_block(after) == outside_review_block(before)
    assert problems_of(valid_kb) == []
    claim = next(c for c in load_knowledge_base(valid_kb)[0].claims if c.id == DRAFT)
    assert claim.review.status == "approved" and claim.review.approver == "Ann Example"
    assert (
        claim.review.next_review == next_review(claim.review.reviewed) and str(claim.review.next_review) == "2026-08-01"
    )
    assert [(s.decision, s.reviewer, s.verdict) for s in claim.review.log] == [
        ("approve", "Ann Example", claim.verdict)
    ]


def test_an_edit_after_approval_is_an_error_until_approved_again(valid_kb: Path):
    review(valid_kb, DRAFT, "--approve", "--reviewer", "Ann Example", "--date", "2026-02-01")
    record = valid_kb / "claims" / f"{DRAFT}.yaml"
    record.write_text(record.read_text().replace("verdict: partly-supported", "verdict: overstated", 1))
    _, problems = load_knowledge_base(valid_kb)
    [changed] = [p for p in problems if p.rule == "changed-since-approval"]
    assert "changed since it was approved on 2026-02-01 by Ann Example; review it again" in changed.message
    assert run_main("validate", "--root", str(valid_kb))[0] == 1
    assert review(valid_kb, DRAFT, "--approve", "--reviewer", "Ann Example", "--date", "2026-03-01")[0] == 0
    assert problems_of(valid_kb) == []
    claim = next(c for c in load_knowledge_base(valid_kb)[0].claims if c.id == DRAFT)
    assert [s.verdict for s in claim.review.log] == ["partly-supported", "overstated"]


def test_several_records_are_decided_together_or_not_at_all(valid_kb: Path):
    files = {p: p.read_bytes() for p in (valid_kb / "claims").glob("*.yaml")}
    code, _, err = review(valid_kb, DRAFT, "no-such-record", "--approve", "--reviewer", "Ann Example")
    assert code == 1 and "no-such-record: no such record" in err and "nothing was written" in err
    assert {p: p.read_bytes() for p in files} == files
    assert review(valid_kb, DRAFT, APPROVED, "--request-changes", "--reviewer", "Ann Example")[0] == 0
    statuses = {c.id: c.review.status for c in load_knowledge_base(valid_kb)[0].claims}
    assert statuses == {DRAFT: "in-review", APPROVED: "in-review"}
    assert problems_of(valid_kb) == []  # no approver or fingerprint is left behind


def test_refuses_a_record_with_todo_markers_or_no_reviewer(valid_kb: Path):
    record = valid_kb / "claims" / f"{DRAFT}.yaml"
    record.write_text(record.read_text() + "# TODO check the second study\n")
    before = record.read_bytes()
    code, _, err = review(valid_kb, DRAFT, "--approve", "--reviewer", "Ann Example")
    assert code == 1 and "TODO" in err and record.read_bytes() == before
    code, _, err = review(valid_kb, DRAFT, "--approve", "--reviewer", "  ")
    assert code == 1 and "--reviewer" in err
    assert review(valid_kb, DRAFT, "--approve")[0] == 2  # argparse: --reviewer is required


def test_retiring_takes_a_record_off_the_public_site(valid_kb: Path):
    from claimkb.render import published

    assert review(valid_kb, APPROVED, "--retire", "--reviewer", "Ann Example")[0] == 0
    kb, problems = load_knowledge_base(valid_kb)
    assert problems == [] and APPROVED not in {c.id for c in published(kb, "public")}


def test_the_fingerprint_covers_what_the_public_and_marketing_see_and_nothing_else(valid_kb: Path):
    claim = next(c for c in load_knowledge_base(valid_kb)[0].claims if c.id == APPROVED)
    base = fingerprint(claim)
    assert base.startswith("v1:")
    seen = {
        "claim": "x",
        "title": "x",
        "verdict": "supported",
        "certainty": "high",
        "conclusion": "x",
        "summary": "x",
        "citations": (),
        "citation_status": "vague",
        "wording": dataclasses.replace(claim.wording, approved=("x",)),
        "appearances": (dataclasses.replace(claim.source, quote="x"),),
    }
    for field, value in seen.items():
        assert fingerprint(dataclasses.replace(claim, **{field: value})) != base, field
    for field, value in {
        "appearances": (*claim.appearances, dataclasses.replace(claim.source, document="other", proposed=True)),
        "match": ("x",),
        "about": (("pain",),),
        "internal_notes": "x",
        "claim_kind": "physiology",
    }.items():
        assert fingerprint(dataclasses.replace(claim, **{field: value})) == base, field


def test_names_are_internal_unless_published(valid_kb: Path):
    import datetime as dt

    from claimkb.render import render_site

    review(
        valid_kb, APPROVED, "--approve", "--reviewer", "Ann Example", "--note", "NOTE-MARKER", "--date", "2026-02-01"
    )
    kb, _ = load_knowledge_base(valid_kb)
    public = render_site(kb, "public", dt.date(2026, 3, 1)).pages[f"claims/{APPROVED}.md"].html
    internal = render_site(kb, "internal", dt.date(2026, 3, 1)).pages[f"claims/{APPROVED}.md"].html
    assert "signed off by compliance on 2026-02-01" in public
    assert "Ann Example" not in public and "NOTE-MARKER" not in public
    assert "Ann Example" in internal and "NOTE-MARKER" in internal


def test_history_prints_the_log_and_the_commits_that_changed_the_verdict(valid_kb: Path):
    code, out, _ = run_main("history", "--root", str(valid_kb), DRAFT)
    assert code == 0 and "no decision recorded yet" in out and "Not a git repository" in out
    git = ["git", "-C", str(valid_kb), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    try:
        subprocess.run([*git, "init", "-q"], check=True)
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("git is not available")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    record = valid_kb / "claims" / f"{DRAFT}.yaml"
    record.write_text(record.read_text().replace("verdict: partly-supported", "verdict: overstated", 1))
    subprocess.run([*git, "commit", "-qam", "Verdict: overstated"], check=True)
    review(valid_kb, DRAFT, "--approve", "--reviewer", "Ann Example", "--date", "2026-02-01")
    code, out, _ = run_main("history", "--root", str(valid_kb), DRAFT)
    assert "2026-02-01 approve by Ann Example (verdict overstated, certainty low)" in out
    assert "Verdict: overstated (verdict partly-supported -> overstated)" in out


def test_which_statuses_the_public_site_shows_is_a_setting(valid_kb: Path):
    from claimkb.render import published

    kb, _ = load_knowledge_base(valid_kb)
    assert {c.id for c in published(kb, "public")} == {APPROVED}  # the draft is not shown by default
    assert {c.id for c in published(kb, "public", ("approved", "draft"))} == {APPROVED, DRAFT}
    config = valid_kb / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("- claimkb", "- claimkb:\n      publish: [approved]\n      publish_names: true", 1)
    )
    assert run_main("build", "--root", str(valid_kb), "--date", "2026-03-01", "--audience", "public")[0] == 0
    page = (valid_kb / "site" / "public" / "claims" / APPROVED / "index.html").read_text()
    assert "The current text was signed off by Test Reviewer for compliance on 2026-01-15." in page


def test_marketing_sees_approved_wording_apart_from_proposed_wording(valid_kb: Path):
    from claimkb.checker.check import Checker
    from claimkb.checker.copytext import read_copy
    from claimkb.render.internal import wording_page

    kb, _ = load_knowledge_base(valid_kb)
    page = wording_page(list(kb.claims)).html
    approved, proposed = page.split(">Proposed, awaiting sign-off")
    assert APPROVED in approved and DRAFT not in approved and DRAFT in proposed
    hints = {
        f.claim: f.hint
        for f in Checker.for_kb(kb).check(read_copy("ad.txt", "A 2010 study found that ice packs cure headaches."))
        if f.claim
    }
    assert hints[APPROVED] == kb.claim(APPROVED).wording.approved[0]  # approved: no qualifier
