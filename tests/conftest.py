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
