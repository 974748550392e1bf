"""A table of broken inputs across records, references, sources, rules and copy.

Each must give a clear message naming the file (and the line where there is one), exit 1
(copy that cannot be read: 2, like any unreadable input to `check`), no traceback, in
bounded time and memory, and write nothing.
"""

from __future__ import annotations

import hashlib
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import VALID

RECORD = "claims/ice-cures-headache.yaml"
BIB = "references.bib"
SOURCE = "sources/sample-article.yaml"
TEXT = "sources/sample-article.txt"
RULES = "rules/overreach.yaml"
VALID_RECORD = (VALID / RECORD).read_text()
VALID_BIB = (VALID / BIB).read_text()
VALID_SOURCE = (VALID / SOURCE).read_text()
VALID_RULES = (VALID / RULES).read_text()


def _bomb() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 12):
        prev = chr(96 + i)
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    return "\n".join(lines) + "\n"


# (kind, file, new content, what the message must say)
CASES: list[tuple[str, str, bytes | str, str]] = [
    ("malformed YAML", RECORD, "id: [unclosed\n", f"{RECORD}:"),
    ("tab indentation", RECORD, VALID_RECORD.replace("    section:", "\tsection:"), f"{RECORD}:"),
    (
        "wrong type",
        RECORD,
        VALID_RECORD.replace("certainty: low", "certainty: 3"),
        "certainty: 3 is not an allowed value",
    ),
    ("unknown key", RECORD, VALID_RECORD.replace("verdict:", "verdicts:"), "verdicts: unknown field"),
    ("duplicate mapping key", RECORD, VALID_RECORD + "verdict: supported\n", "key appears twice"),
    ("YAML alias bomb", RECORD, _bomb(), "aliases (*name) are not allowed"),
    ("non-UTF-8 bytes", RECORD, VALID_RECORD.encode() + b"\xff\xfe\n", "is not valid UTF-8"),
    ("empty record", RECORD, "", f"{RECORD}:0:0: error [empty-file]"),
    ("only a comment", RECORD, "# nothing here\n", "[empty-file]"),
    ("a list where a mapping belongs", RECORD, "- id: x\n", "expected a mapping, found a list"),
    ("a scalar document", RECORD, "just words\n", "expected a mapping, found text"),
    (
        "huge value",
        RECORD,
        VALID_RECORD.replace("claim: Ice packs cure headaches.", "claim: " + "x" * 6000),
        "longer than the limit of 5000",
    ),
    ("huge file", RECORD, VALID_RECORD + "#" * 1_100_000 + "\n", "[file-too-large]"),
    ("deep nesting", RECORD, "id: " + "[" * 5000 + "]" * 5000 + "\n", f"{RECORD}:"),
    (
        "impossible date",
        RECORD,
        VALID_RECORD.replace("reviewed: 2026-01-15", "reviewed: 2026-02-30"),
        "is not a real date",
    ),
    (
        "date in another form",
        RECORD,
        VALID_RECORD.replace("reviewed: 2026-01-15", "reviewed: 15 Jan 2026"),
        "review.reviewed: '15 Jan 2026' is not in the expected form",
    ),
    (
        "id not matching the file name",
        RECORD,
        VALID_RECORD.replace("id: ice-cures-headache", "id: other-id"),
        "does not match the file name",
    ),
    ("YAML tag", RECORD, VALID_RECORD.replace("claim: Ice", "claim: !!python/object:os.system Ice"), f"{RECORD}:"),
    (
        "broken BibTeX entry",
        BIB,
        VALID_BIB.replace("  journal = {Review Journal},", "  journal = {Review Journal,"),
        f"{BIB}:10:1: error [bib-syntax]",
    ),
    (
        "BibTeX entry without identifier",
        BIB,
        VALID_BIB.replace("  url     = {https://example.org/doe2015},\n", ""),
        "doe2015soreness: no doi, pmid or url",
    ),
    (
        "BibTeX duplicate field",
        BIB,
        VALID_BIB.replace("  year    = {2015},", "  year    = {2015},\n  year = {2016},"),
        "[bib-duplicate-field]",
    ),
    ("BibTeX non-UTF-8", BIB, VALID_BIB.encode() + b"\n% caf\xe9\n", f"{BIB}:"),
    ("BibTeX malformed DOI", BIB, VALID_BIB.replace("10.1000/example.2010", "doi.org/10.1000"), "[bib-format]"),
    ("empty BibTeX file", BIB, "", "is not in references.bib"),
    ("source text missing", TEXT, None, "[missing-text]"),
    ("source text empty", TEXT, "", f"{TEXT}:0:0: error [empty-file]"),
    (
        "source registry with unknown key",
        SOURCE,
        VALID_SOURCE.replace("publisher:", "publsher:"),
        "publsher: unknown field",
    ),
    ("source registry impossible date", SOURCE, VALID_SOURCE.replace("2020-01-31", "2020-01-32"), "is not a real date"),
    ("rules file broken", RULES, "rules: [\n", f"{RULES}:"),
    ("rules file bad regex", RULES, VALID_RULES.replace("'/risk[- ]free/'", "'/risk(/'"), "[bad-pattern]"),
    (
        "rules file wrong kind",
        RULES,
        VALID_RULES.replace("kind: existence", "kind: exists"),
        "'exists' is not an allowed value",
    ),
]


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's hash, leaving out the cache of derived work (see claimkb.cache)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".claimkb-cache" not in p.parts
    }


def _limit_memory():  # 1 GiB of address space: a blow-up fails instead of eating the machine
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def run_claimkb(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimkb", *args], capture_output=True, input=stdin, timeout=60, preexec_fn=_limit_memory
    )


@pytest.mark.parametrize("kind, file, content, expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_clearly(tmp_path: Path, kind, file, content, expected):
    root = Path(shutil.copytree(VALID, tmp_path / "kb"))
    target = root / file
    if content is None:
        target.unlink()
    else:
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = snapshot(root)
    for command in (["validate"], ["build", "--date", "2026-11-25"]):
        proc = run_claimkb(*command, "--root", str(root))
        output = proc.stdout.decode() + proc.stderr.decode()
        assert proc.returncode == 1, (command, output)
        assert expected in output, (command, output)
        assert "Traceback" not in output
        assert snapshot(root) == before, "nothing is written"
    assert len(CASES) >= 25


COPY_CASES = [
    ("copy not UTF-8", b"Completely safe \xff\n", 2, "not valid UTF-8"),
    ("copy empty", b"", 0, "0 errors"),
    ("copy binary", bytes(range(256)) * 4, 2, "not valid UTF-8"),
    ("copy broken HTML", b"<html><p>Completely safe<div></span><script>x", 1, "absolute-safety"),
    ("copy one huge line", b"word " * 200_000, 0, "1 file checked"),
]


@pytest.mark.parametrize("kind, content, code, expected", COPY_CASES, ids=[c[0] for c in COPY_CASES])
def test_bad_copy_is_reported_clearly(tmp_path: Path, kind, content, code, expected):
    root = Path(shutil.copytree(VALID, tmp_path / "kb"))
    copy = tmp_path / ("copy.html" if b"<html>" in content else "copy.txt")
    copy.write_bytes(content)
    before = snapshot(tmp_path)
    proc = run_claimkb("check", "--root", str(root), str(copy))
    output = proc.stdout.decode() + proc.stderr.decode()
    assert proc.returncode == code, output
    assert expected in output
    assert "Traceback" not in output
    assert snapshot(tmp_path) == before
