#!/usr/bin/env python3
"""The benchmark (`make bench`): claimkb at 200 and 2,000 claims against a bare MkDocs site.

For each size it writes a synthetic knowledge base (scripts/synth.py), then times, as
commands run from the shell would be: `claimkb validate`, `claimkb build --audience
public`, `claimkb check` on 1 MB of copy, and `mkdocs build` of a bare MkDocs + Material
site with the same number of plain pages. It prints the figures and the ratios the targets
are about, and writes them to bench-results.json (or --json FILE).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from synth import write_kb  # noqa: E402

BIN = Path(sys.executable).parent
TARGETS = {
    "build_vs_bare_at_2000": ("public build / bare MkDocs build, 2,000 claims", 1.5),
    "bytes_per_claim_growth": ("bytes per claim at 2,000 / at 200", 1.2),
    "validate_2000_s": ("validate 2,000 claims, seconds", 2.0),
    "check_1mb_s": ("check 1 MB of copy against 2,000 claims (cache warm), seconds", 2.0),
}


def timed(command: list[str], ok_codes: tuple[int, ...] = (0,)) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764028800")
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode not in ok_codes:
        raise SystemExit(f"bench: {' '.join(command)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return elapsed


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def write_copy(kb: Path, target: Path, size: int = 1_000_000) -> None:
    """About 1 MB of copy: one sentence in ten repeats a claim, some overreach, the rest neutral."""
    rng = random.Random(2)
    quotes = [q.strip().rstrip(".") + "." for q in (kb / "sources" / "synthetic-article.txt").read_text().split(". ")]
    words = (
        "our clinic offers sessions for clients who want to feel better and book online with friendly staff today"
    ).split()
    sentences, total = [], 0
    while total < size:
        roll = rng.random()
        if roll < 0.1:
            sentence = rng.choice(quotes)
        elif roll < 0.15:
            sentence = "It is completely safe and painless, with amazing results."
        else:
            sentence = " ".join(rng.choice(words) for _ in range(rng.randint(6, 16))).capitalize() + "."
        sentences.append(sentence)
        total += len(sentence) + 1
    target.write_text("\n".join(" ".join(sentences[i : i + 6]) for i in range(0, len(sentences), 6)))


def write_bare_site(folder: Path, pages: int) -> None:
    docs = folder / "docs"
    docs.mkdir(parents=True)
    text = (
        "A plain page of the bare baseline site, with a paragraph about as long as a claim "
        "summary so that the comparison is fair to both sides of it. "
    ) * 3
    (docs / "index.md").write_text("# Bare site\n\nThe baseline.\n")
    for n in range(pages):
        (docs / f"page-{n:05d}.md").write_text(f"# Page {n}\n\n{text}\n")
    (folder / "mkdocs.yml").write_text(
        "site_name: bare\nsite_url: https://example.org/\n"
        "theme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - index.md\nvalidation:\n  omitted_files: info\n"
    )


def measure(claims: int, work: Path) -> dict[str, float]:
    print(f"{claims} claims: writing the synthetic knowledge base ...", file=sys.stderr)
    kb = work / f"kb{claims}"
    write_kb(claims, kb)
    copy = work / "copy-1mb.txt"
    if not copy.exists():
        write_copy(kb, copy)
    claimkb = str(BIN / "claimkb")
    print(f"{claims} claims: validate, build, check, bare build ...", file=sys.stderr)
    result = {
        "validate_s": timed([claimkb, "validate", "--root", str(kb)]),
        "build_public_s": timed(
            [
                claimkb,
                "build",
                "--root",
                str(kb),
                "--audience",
                "public",
                "--out",
                str(work / f"site{claims}"),
                "--date",
                "2026-11-25",
            ]
        ),
    }
    check = [claimkb, "check", "--root", str(kb), "--format", "json", "--min-level", "error", str(copy)]
    result["check_1mb_cold_s"] = timed(check, ok_codes=(0, 1))  # builds the cache of the checker's index
    result["check_1mb_s"] = timed(check, ok_codes=(0, 1))  # as every later check runs
    bare = work / f"bare{claims}"
    write_bare_site(bare, claims)
    result["bare_build_s"] = timed(
        [str(BIN / "mkdocs"), "build", "-q", "-f", str(bare / "mkdocs.yml"), "-d", str(bare / "site")]
    )
    site_bytes = folder_bytes(work / f"site{claims}" / "public")
    result["site_bytes"] = site_bytes
    result["bytes_per_claim"] = site_bytes / claims
    result["build_vs_bare"] = result["build_public_s"] / result["bare_build_s"]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=REPO / "bench-results.json", help="where to write the figures")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs=2,
        default=(200, 2000),
        metavar=("SMALL", "LARGE"),
        help="the two numbers of claims (default: 200 2000)",
    )
    args = parser.parse_args(argv)
    small, large = args.sizes
    work = Path(tempfile.mkdtemp(prefix="claimkb-bench-"))
    try:
        runs = {str(small): measure(small, work), str(large): measure(large, work)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    big, little = runs[str(large)], runs[str(small)]
    summary = {
        "build_vs_bare_at_2000": big["build_vs_bare"],
        "bytes_per_claim_growth": big["bytes_per_claim"] / little["bytes_per_claim"],
        "validate_2000_s": big["validate_s"],
        "check_1mb_s": big["check_1mb_s"],
    }
    print(f"\n{'':24}{small:>12}{large:>12}")
    for key in (
        "validate_s",
        "build_public_s",
        "bare_build_s",
        "build_vs_bare",
        "check_1mb_cold_s",
        "check_1mb_s",
        "bytes_per_claim",
    ):
        print(f"{key:24}{little[key]:>12.2f}{big[key]:>12.2f}")
    print()
    verdicts = {}
    for key, (label, limit) in TARGETS.items():
        met = summary[key] <= limit
        verdicts[key] = met
        print(f"{'met   ' if met else 'MISSED'} {label}: {summary[key]:.2f} (target <= {limit})")
    args.json.write_text(
        json.dumps(
            {
                "runs": runs,
                "summary": summary,
                "targets": {k: v[1] for k, v in TARGETS.items()},
                "met": verdicts,
                "python": sys.version.split()[0],
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nwrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
