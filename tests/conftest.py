from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
REPO = Path(__file__).parent.parent

# Tests never write into the checkout: the checker's cache goes to a folder of their own.
os.environ["CLAIMKB_CACHE_DIR"] = tempfile.mkdtemp(prefix="claimkb-test-cache-")


def run_main(*args: str, stdin: str | bytes = b"") -> tuple[int, str, str]:
    """``claimkb ARGS`` in this process: (exit code, standard output, standard error)."""
    from claimkb.cli import main

    out, err = io.StringIO(), io.StringIO()
    data = stdin.encode() if isinstance(stdin, str) else stdin
    fake_stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    old_stdin = sys.stdin
    sys.stdin = fake_stdin
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version and usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        sys.stdin = old_stdin
    return code, out.getvalue(), err.getvalue()


def overlay_case(case: Path, target: Path) -> Path:
    """Copy the valid knowledge base to ``target`` and lay a broken case over it.

    A case folder holds the files that differ; ``NAME.delete`` removes NAME.
    """
    shutil.copytree(VALID, target)
    deletions = []
    for file in sorted(case.rglob("*")):
        if file.is_dir() or file.name == "expected.txt":
            continue
        rel = file.relative_to(case)
        if file.name.endswith(".delete"):
            deletions.append(target / str(rel)[: -len(".delete")])
            continue
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, target / rel)
    for path in sorted(deletions, key=lambda p: len(p.parts), reverse=True):
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    return target


def resign(root: Path, *ids: str) -> None:
    """Sign records off again after a test has edited what their approval covers, as compliance
    would (``claimkb review --approve``); by default the fixture's approved record."""
    import datetime as dt

    from claimkb.review import Decision, decide

    decide(root, list(ids or ("ice-cures-headache",)), Decision("approve", "Test Reviewer", dt.date(2026, 1, 15)))


@pytest.fixture
def valid_kb(tmp_path: Path) -> Path:
    return Path(shutil.copytree(VALID, tmp_path / "kb"))


SECOND_ARTICLE = """Second Article

Why Cold Works

Our ice packs cure headaches for good. Ice packs cure headaches, every time.

Cold therapy is completely safe for everyone.

Soreness melts away with ice.
"""


def two_documents(target: Path, evil: str = "") -> Path:
    """The valid knowledge base copied to ``target`` with a second source document (no date) and claims in both:

    - ice-cures-headache (approved): sample-article, then second-article (confirmed, section "Why Cold Works"),
      then second-article again (proposed by claimkb ingest, not confirmed);
    - cold-is-safe (in-review, new): second-article, then sample-article (proposed);
    - ice-reduces-soreness (a draft): sample-article, then second-article (confirmed; a draft all the same).

    ``evil``: text put in the second document's title and publisher, and in the section and quote of
    ice-cures-headache's appearance there."""
    import json

    root = Path(shutil.copytree(VALID, target))
    confirmed = "Our ice packs cure headaches for good." + (f" {evil}" if evil else "")
    section = "Why Cold Works" + (f" {evil}" if evil else "")
    (root / "sources" / "second-article.txt").write_text(
        SECOND_ARTICLE.replace("Our ice packs cure headaches for good.", confirmed)
    )
    (root / "sources" / "second-article.yaml").write_text(
        "id: second-article\n"
        f"title: {json.dumps('Second Article' + (f' {evil}' if evil else ''))}\n"
        f"publisher: {json.dumps('Other Clinic' + (f' {evil}' if evil else ''))}\n"
        "text: second-article.txt\n"
        "not_claims:\n"
        '  - {text: "Second Article", reason: heading}\n'
        '  - {text: "Why Cold Works", reason: heading}\n'
    )

    def add(record: Path, after: str, *places: dict[str, str]) -> None:
        text = record.read_text()
        assert after in text
        lines = "".join(f"\n  - {json.dumps(place)}" for place in places)
        record.write_text(text.replace(after, after + lines, 1))

    claims = root / "claims"
    add(
        claims / "ice-cures-headache.yaml",
        'quote: "A 2010 study found that ice packs cure headaches."',
        {"document": "second-article", "section": section, "quote": confirmed},
        {"document": "second-article", "quote": "Ice packs cure headaches, every time.", "status": "proposed"},
    )
    safe = (claims / "ice-reduces-soreness.yaml").read_text()
    safe = safe.replace("id: ice-reduces-soreness", "id: cold-is-safe")
    safe = safe.replace("title: Ice reduces soreness after exercise", "title: Cold therapy is safe for everyone")
    safe = safe.replace("  - document: sample-article\n    quote: Ice reduces soreness after exercise.\n", "")
    safe = safe.replace("claim: Cold applied after exercise reduces muscle soreness.", "claim: Cold therapy is safe.")
    safe = safe.replace("status: draft", "status: in-review")
    (claims / "cold-is-safe.yaml").write_text(safe)
    add(
        claims / "cold-is-safe.yaml",
        "appearances:",
        {"document": "second-article", "quote": "Cold therapy is completely safe for everyone."},
        {"document": "sample-article", "quote": "Cold therapy is completely safe for everyone.", "status": "proposed"},
    )
    add(
        claims / "ice-reduces-soreness.yaml",
        "quote: Ice reduces soreness after exercise.",
        {"document": "second-article", "quote": "Soreness melts away with ice."},
    )
    return root
