"""The benchmark's synthetic knowledge base stays valid as the schema grows."""

from __future__ import annotations

import sys
from pathlib import Path

from claimkb.kb.load import load_knowledge_base
from conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from synth import write_kb  # noqa: E402


def test_a_synthetic_knowledge_base_validates_without_a_problem(tmp_path: Path):
    write_kb(24, tmp_path / "kb")
    kb, problems = load_knowledge_base(tmp_path / "kb")
    assert [p.format() for p in problems] == []
    assert len(kb.claims) == 24
    assert {c.review.status for c in kb.claims} >= {"approved", "in-review", "draft"}
