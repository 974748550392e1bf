"""The pre-commit hook in another repository: the real `pre-commit try-repo`, from a website
repository that holds copy and no knowledge base, against a bundle served on the loopback
address and then against a bundle file.

pre-commit builds the hook's environment (claimkb installed from this checkout) once per
commit of claimkb and keeps it in PRE_COMMIT_HOME, here ``.pre-commit-cache/`` (ignored by
git), so later runs reuse it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_main
from test_bundle import Server

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
AD = "# Spring offer\n\nOur cryo facial is completely safe for everyone.\n\nSessions take three minutes.\n"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    kb = Path(shutil.copytree(REPO, tmp_path_factory.mktemp("kb") / "kb", ignore=_only_the_kb))
    assert run_main("build", "--root", str(kb), "--audience", "internal", "--date", "2026-02-01")[0] == 0
    return kb / "site" / "internal" / "claimkb-checker.json"


def _only_the_kb(folder: str, names: list[str]) -> list[str]:
    keep = ("claims", "sources", "rules", "docs", "references.bib", "mkdocs.yml")
    return [n for n in names if n not in keep] if Path(folder) == REPO else []


@pytest.fixture
def website(tmp_path: Path) -> Path:
    """A website repository with one Markdown ad, staged."""
    site = tmp_path / "website"
    site.mkdir()
    (site / "spring-offer.md").write_text(AD)
    for command in (["init", "-q"], ["add", "spring-offer.md"]):
        subprocess.run(["git", *command], cwd=site, check=True)
    return site


def try_repo(website: Path, kb: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(REPO / ".pre-commit-cache"),
        "CLAIMKB_KB": kb,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    env.pop("CLAIMKB_CACHE_DIR", None)  # the hook caches a fetched bundle in the user's cache folder
    env["XDG_CACHE_HOME"] = str(website.parent / "user-cache")
    return subprocess.run(
        [str(PRE_COMMIT), "try-repo", str(REPO), "claimkb-check", "--all-files"],
        cwd=website,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_the_hook_fails_a_commit_of_a_known_claim_against_a_served_bundle(bundle: Path, website: Path):
    server = Server(bundle.read_bytes())
    try:
        done = try_repo(website, server.url)
    finally:
        server.stop()
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "claimkb copy checker" in output and "Failed" in output
    assert "spring-offer.md:3:" in output and "[known-claim] claim 'completely-safe'" in output
    assert server.requests >= 1


def test_the_hook_reads_a_bundle_file_too(bundle: Path, website: Path):
    done = try_repo(website, str(bundle))
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "spring-offer.md:3:" in output and "completely-safe" in output
