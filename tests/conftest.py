from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
REPO = Path(__file__).parent.parent


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


@pytest.fixture
def valid_kb(tmp_path: Path) -> Path:
    return Path(shutil.copytree(VALID, tmp_path / "kb"))
