"""claimkb ingest: a new source document sorted into appearances, drafts and not-claims, in a
temporary copy of the knowledge base (copy-dev is never ingested into the committed one)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from claimkb.kb.load import load_knowledge_base
from claimkb.kb.signoff import fingerprint
from conftest import FIXTURES, REPO, run_main

COPY_DEV = FIXTURES / "copy-dev"
DOCUMENTS = {"med-spa-service-page.html": "glacier-med-spa", "recovery-studio-landing.md": "recovery-studio"}


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    root.mkdir()
    for name in ("claims", "sources", "rules", "docs"):
        shutil.copytree(REPO / name, root / name)
    for name in ("references.bib", "mkdocs.yml"):
        shutil.copy2(REPO / name, root / name)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def ingest(root: Path, name: str, *extra: str) -> tuple[int, str, str]:
    return run_main(
        "ingest", str(COPY_DEV / name), "--id", DOCUMENTS[name], "--title", name, "--root", str(root), *extra
    )


def labels(name: str) -> list[dict]:
    return yaml.safe_load((COPY_DEV / "labels.yaml").read_text())[name]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_ingest_links_drafts_and_registers_as_the_labels_say(kb: Path, name: str):
    code, out, err = ingest(kb, name)
    assert code == 0, err
    doc_id = DOCUMENTS[name]
    assert (kb / "sources" / f"{doc_id}.yaml").is_file()
    assert (kb / "sources" / f"{doc_id}{Path(name).suffix}").read_bytes() == (COPY_DEV / name).read_bytes()
    knowledge, problems = load_knowledge_base(kb)
    assert [p for p in problems if p.is_error] == []
    drafts = [c for c in knowledge.claims if c.review.status == "draft" and c.source.document == doc_id]
    assert {p.rule for p in problems} <= {"draft-record"} and len(drafts) == sum(
        p.rule == "draft-record" for p in problems
    )
    appearances = [(c.id, a) for c in knowledge.claims for a in c.appearances[1:] if a.document == doc_id]
    assert appearances and all(a.proposed for _, a in appearances)
    registry = yaml.safe_load((kb / "sources" / f"{doc_id}.yaml").read_text())
    explained = [item["text"] for item in registry.get("not_claims", [])]

    def linked(item: dict) -> set[str]:
        text = item["text"]
        return {cid for cid, a in appearances if text in a.quote or a.quote in text}

    claims = [i for i in labels(name) if i["kind"] == "claim"]
    right = sum(bool(linked(i) & set(i["claims"])) for i in claims)
    assert right >= 0.8 * len(claims), (right, len(claims))
    neutral = [i for i in labels(name) if i["kind"] == "neutral"]
    assert sum(bool(linked(i)) for i in neutral) <= 1  # a neutral sentence is (nearly) never a claim
    assert sum(any(i["text"] in e or e in i["text"] for e in explained) for i in neutral) >= 0.8 * len(neutral)
    unknown = [i for i in labels(name) if i["kind"] == "unknown"]
    drafted = [d.source.quote for d in drafts]
    assert sum(any(i["text"] in q or q in i["text"] for q in drafted) for i in unknown) >= len(unknown) // 2
    code, out, _ = run_main("coverage", "--root", str(kb), doc_id)
    assert code == 0 and "(100%)" in out


def test_the_summary_counts_and_a_dry_run_writes_nothing(kb: Path):
    before = snapshot(kb)
    code, out, err = ingest(kb, "med-spa-service-page.html", "--dry-run")
    assert code == 0 and "dry run: nothing written" in err
    assert snapshot(kb) == before
    first = out.splitlines()[0]
    assert first.startswith("glacier-med-spa: ") and "linked to records" in first and "not claims" in first
    assert "  linked   reduces-cellulite: " in out and "  not a claim (heading): " in out


def test_an_approval_survives_a_new_appearance_and_review_confirms_it(kb: Path):
    record = kb / "claims" / "reduces-cellulite.yaml"
    assert (
        run_main("review", "reduces-cellulite", "--approve", "--reviewer", "Dana Reviewer", "--root", str(kb))[0] == 0
    )
    assert ingest(kb, "med-spa-service-page.html")[0] == 0
    knowledge, problems = load_knowledge_base(kb)
    claim = next(c for c in knowledge.claims if c.id == "reduces-cellulite")
    assert claim.review.status == "approved" and claim.review.fingerprint == fingerprint(claim)
    assert not [p for p in problems if p.rule == "changed-since-approval"]
    assert [a.proposed for a in claim.appearances] == [False, True]
    assert "status: proposed" in record.read_text()
    assert (
        run_main("review", "reduces-cellulite", "--approve", "--reviewer", "Dana Reviewer", "--root", str(kb))[0] == 0
    )
    claim = next(c for c in load_knowledge_base(kb)[0].claims if c.id == "reduces-cellulite")
    assert [a.proposed for a in claim.appearances] == [False, False]
    assert "status: proposed" not in record.read_text() and "linked by claimkb ingest" not in record.read_text()


def test_review_rejects_a_proposed_appearance_and_refuses_an_unknown_one(kb: Path):
    assert ingest(kb, "med-spa-service-page.html")[0] == 0
    args = ("review", "improves-rosacea", "--request-changes", "--reviewer", "Dana Reviewer", "--root", str(kb))
    code, _, err = run_main(*args, "--reject-appearance", "no-such-document")
    assert code == 1 and "no proposed appearance in 'no-such-document'" in err
    assert run_main(*args, "--reject-appearance", "glacier-med-spa")[0] == 0
    claim = next(c for c in load_knowledge_base(kb)[0].claims if c.id == "improves-rosacea")
    assert [a.document for a in claim.appearances] == ["benefits-of-localized-cryotherapy"]


def test_nothing_is_half_written_when_a_write_fails(kb: Path, monkeypatch: pytest.MonkeyPatch):
    before = snapshot(kb)
    real_replace = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 4:
            raise OSError(28, "No space left on device", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    code, _, err = ingest(kb, "med-spa-service-page.html")
    assert code == 1 and "nothing was written" in err and len(calls) == 4
    assert snapshot(kb) == before


def test_a_refused_ingest_writes_nothing(kb: Path):
    before = snapshot(kb)
    code, _, err = run_main(
        "ingest",
        str(COPY_DEV / "search-ads.txt"),
        "--id",
        "benefits-of-localized-cryotherapy",
        "--title",
        "t",
        "--root",
        str(kb),
    )
    assert code == 1 and "already registered" in err
    code, _, err = run_main(
        "ingest", str(COPY_DEV / "labels.yaml"), "--id", "labels", "--title", "t", "--root", str(kb)
    )
    assert code == 1 and ".txt, .md, .html" in err
    code, _, err = run_main(
        "ingest", str(COPY_DEV / "search-ads.txt"), "--id", "Bad Id", "--title", "t", "--root", str(kb)
    )
    assert code == 2 and "kebab-case" in err
    assert snapshot(kb) == before


def test_a_record_in_the_older_form_is_migrated_when_an_appearance_is_added(kb: Path):
    record = kb / "claims" / "reduces-cellulite.yaml"
    text = record.read_text()
    old = text.replace("appearances:\n  - document:", "source:\n  document:").replace("\n    section:", "\n  section:")
    old = old.replace("\n    quote:", "\n  quote:", 1)
    record.write_text(old)
    assert any(p.rule == "legacy-source" for p in load_knowledge_base(kb)[1])
    assert ingest(kb, "med-spa-service-page.html")[0] == 0
    new = record.read_text()
    assert "\nsource:" not in new and "\nappearances:\n  - document: benefits-of-localized-cryotherapy" in new
    knowledge, problems = load_knowledge_base(kb)
    assert not any(p.rule == "legacy-source" for p in problems)
    claim = next(c for c in knowledge.claims if c.id == "reduces-cellulite")
    assert [a.document for a in claim.appearances] == ["benefits-of-localized-cryotherapy", "glacier-med-spa"]
