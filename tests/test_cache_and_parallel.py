"""The two things that make checking fast must not change what it finds."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from claimkb.cache import CACHE_DIR, cached
from claimkb.checker import check as check_module
from claimkb.checker.check import Checker
from claimkb.checker.copytext import read_copy
from claimkb.kb.load import load_knowledge_base
from conftest import REPO, VALID, run_main


def test_cache_is_reused_until_an_input_changes(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("CLAIMKB_CACHE_DIR")  # the default place: beside the knowledge base
    root = Path(shutil.copytree(VALID, tmp_path / "kb"))
    calls = []

    def build():
        calls.append(1)
        return {"built": len(calls)}

    inputs = [root / "claims", root / "references.bib"]
    assert cached(root, "thing", inputs, "x", build, _as_is) == {"built": 1}
    assert cached(root, "thing", inputs, "x", build, _as_is) == {"built": 1}
    assert len(calls) == 1
    record = root / "claims" / "ice-cures-headache.yaml"
    record.write_text(record.read_text() + "\n")
    os.utime(record, ns=(time.time_ns(), time.time_ns() + 10_000_000))
    assert cached(root, "thing", inputs, "x", build, _as_is) == {"built": 2}
    assert cached(root, "thing", inputs, "other", build, _as_is) == {"built": 3}
    assert len(list((root / CACHE_DIR).glob("thing-*.json"))) == 1  # stale entries go


def _as_is(data):
    return data


def _shaped(data):
    if not isinstance(data, dict) or "built" not in data:
        raise ValueError("not an entry of ours")
    return data


@pytest.mark.parametrize("stored", [b"\x80\x04\x95 a pickle, say", b"{not json", b'["foreign", "json"]', b""])
def test_a_corrupt_or_foreign_entry_is_ignored_and_rebuilt(tmp_path: Path, stored: bytes, monkeypatch):
    monkeypatch.delenv("CLAIMKB_CACHE_DIR")
    calls = []

    def build():
        calls.append(1)
        return {"built": len(calls)}

    assert cached(tmp_path, "thing", [], "", build, _shaped) == {"built": 1}
    (entry,) = (tmp_path / CACHE_DIR).glob("thing-*.json")
    entry.write_bytes(stored)
    assert cached(tmp_path, "thing", [], "", build, _shaped) == {"built": 2}
    assert json.loads(entry.read_bytes()) == {"built": 2}  # and the entry is good again


def test_the_cache_holds_json_only(tmp_path: Path, monkeypatch):
    """JSON cannot run code when read: whoever can write the cache folder cannot run code as
    the next person who checks copy."""
    monkeypatch.chdir(tmp_path)
    root = Path(shutil.copytree(VALID, tmp_path / "kb"))
    cache = tmp_path / "cache"
    monkeypatch.setenv("CLAIMKB_CACHE_DIR", str(cache))
    (tmp_path / "ad.txt").write_text("Ice packs cure headaches in minutes.\n")
    assert run_main("check", "--root", str(root), "ad.txt")[0] == 1
    (entry,) = cache.glob("checker-*.json")
    assert json.loads(entry.read_text())["format"] >= 1
    entry.write_bytes(b"cos\nsystem\n(S'touch pwned'\ntR.")  # a pickle that would run a command
    assert run_main("check", "--root", str(root), "ad.txt")[0] == 1
    assert not (tmp_path / "pwned").exists()


def test_a_failed_build_is_not_cached(tmp_path: Path):
    calls = []

    def failing():
        calls.append(1)
        raise ValueError("the knowledge base has errors")

    for _ in range(2):
        with pytest.raises(ValueError):
            cached(tmp_path, "x", [], "", failing, _as_is)
    assert len(calls) == 2
    assert not list(tmp_path.rglob("x-*"))


def test_cache_can_be_turned_off(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("CLAIMKB_NO_CACHE", "1")
    assert cached(tmp_path, "x", [], "", lambda: 1, _as_is) == 1
    assert not (tmp_path / CACHE_DIR).exists()


def test_parallel_checking_finds_exactly_what_serial_checking_finds(monkeypatch):
    kb, _ = load_knowledge_base(REPO)
    checker = Checker.for_kb(kb)
    copy_text = (
        "\n\n".join(
            [c.source.quote for c in kb.claims] + ["Totally safe and painless.", "Sessions take three minutes."]
        )
        * 3
    )
    serial = checker.check(read_copy("copy.txt", copy_text))
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 10)
    if check_module._workers(1000) < 2:
        pytest.skip("one core, or no fork: checking is never parallel here")
    parallel = checker.check(read_copy("copy.txt", copy_text))
    assert parallel == serial
    assert len(serial) > 100


def test_serve_reads_again_only_the_records_that_changed(valid_kb: Path, monkeypatch):
    from claimkb.kb import load

    reads = []
    real = load.read_claim
    monkeypatch.setattr(load, "read_claim", lambda file, shown: reads.append(file.name) or real(file, shown))
    first, _ = load.load_knowledge_base(valid_kb, remember=True)
    assert sorted(reads) == ["ice-cures-headache.yaml", "ice-reduces-soreness.yaml"]
    reads.clear()
    again, _ = load.load_knowledge_base(valid_kb, remember=True)
    assert reads == [] and again == first
    record = valid_kb / "claims" / "ice-reduces-soreness.yaml"
    record.write_text(record.read_text().replace("title: ", "title: Revised ", 1))
    changed, _ = load.load_knowledge_base(valid_kb, remember=True)
    assert reads == ["ice-reduces-soreness.yaml"]
    assert next(c for c in changed.claims if c.id == "ice-reduces-soreness").title.startswith("Revised ")
    reads.clear()
    load.load_knowledge_base(valid_kb)  # commands never reuse
    assert len(reads) == 2


def test_reading_on_every_core_finds_what_reading_serially_finds(tmp_path: Path):
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    from synth import write_kb

    from claimkb.kb import load

    write_kb(500, tmp_path / "kb")
    serial = load.survey(tmp_path / "kb", lambda c: c.id, workers=1)
    parallel = load.survey(tmp_path / "kb", lambda c: c.id, workers=2)
    assert serial.kept == parallel.kept and len(serial.kept) == 500
    assert serial.problems == parallel.problems


def test_checking_a_window_at_a_time_finds_what_checking_at_once_finds(monkeypatch):
    """Long copy is read a window of sentences at a time (cut beside, never inside, a list or a
    table row): on every development set with small windows, the findings are the same."""
    from claimkb.checker.copytext import read_copy

    kb, _ = load_knowledge_base(REPO)
    checker = Checker.for_kb(kb)
    files = [p for folder in sorted(REPO.glob("tests/fixtures/copy-dev*")) for p in sorted(folder.iterdir())]
    copies = [read_copy(p.name, p.read_text()) for p in files if p.suffix in (".md", ".txt", ".html")]
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 10**9)
    whole = [checker.check(copy) for copy in copies]
    monkeypatch.setattr(check_module, "WINDOW", 3)
    assert [checker.check(copy) for copy in copies] == whole
    assert sum(map(len, whole)) > 500
