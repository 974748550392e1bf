#!/usr/bin/env python3
"""The benchmark (`make bench`): claimkb at 200, 2,000 and 10,000 claims against a bare MkDocs site.

For each size it writes a synthetic knowledge base (scripts/synth.py), then times, as
commands run from the shell would be: `claimkb validate`, `claimkb build --audience
public`, `claimkb build` (public and internal), `claimkb check` on 1 MB of copy, and `mkdocs
build` of a bare MkDocs + Material site with the same number of plain pages; at the larger
size it also starts a real `mkdocs serve` and times saving one record until the reloaded page
is served with the change. Each time is the median of three runs (--runs), with the peak
memory beside it: the largest single process, and the sum of the processes that ran at once
(workers). It prints the figures and the ratios the targets are about, and writes them to
bench-results.json (or --json FILE). At 2,000 claims it also checks a 10 MB single-line file
(the 1 MB copy ten times over, on one line), once. At 10,000 claims each command runs once and
the bare build is left out: that size shows that the time per claim stays flat.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from synth import write_kb  # noqa: E402

BIN = Path(sys.executable).parent
RUNS = 3
TARGETS = {
    "build_vs_bare_at_2000": ("public build / bare MkDocs build, 2,000 claims", 1.0),
    "build_all_vs_bare_at_2000": ("public + internal build / bare MkDocs build, 2,000 claims", 2.0),
    "serve_reload_2000_s": ("mkdocs serve, 2,000 claims: saving a record to the changed page served, seconds", 3.0),
    "bytes_per_claim_growth": ("bytes per claim at 2,000 / at 200", 1.2),
    "validate_2000_s": ("validate 2,000 claims, seconds", 1.0),
    "check_1mb_first_s": ("check 1 MB of copy against 2,000 claims, first run (no cache), seconds", 1.5),
    "check_1mb_s": ("check 1 MB of copy against 2,000 claims, later runs, seconds", 1.0),
    "check_10mb_line_mib": (
        "check a 10 MB single-line file against 2,000 claims, peak memory of all processes, MiB",
        400,
    ),
}
LARGEST_WITH_RUNS = 2000  # above this, each command runs once and no bare build is made


ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764028800")
ENV.pop("CLAIMKB_CACHE_DIR", None)  # the cache beside each knowledge base, where the bench clears it


def _tree_rss(pid: int) -> list[int]:
    """The resident memory (KiB) of a process and of each of its descendants, from /proc."""
    sizes, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            sizes.append(int(status.split("VmRSS:")[1].split()[0]) if "VmRSS:" in status else 0)
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError, IndexError):
            continue
    return sizes


class Peak:
    """The peak memory of a running process tree, sampled every few milliseconds: the largest
    single process, and the largest sum of the processes alive at one moment."""

    def __init__(self, pid: int) -> None:
        self.single = self.total = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(pid,), daemon=True)
        self._thread.start()

    def _sample(self, pid: int) -> None:
        while not self._stop.is_set():
            sizes = _tree_rss(pid)
            if sizes:
                self.single, self.total = max(self.single, *sizes), max(self.total, sum(sizes))
            self._stop.wait(0.005)

    def stop(self, maxrss: int = 0) -> None:
        self._stop.set()
        self._thread.join()
        self.single = max(self.single, maxrss)  # the kernel's own peak of the main process
        self.total = max(self.total, self.single)


def run_once(command: list[str], ok_codes: tuple[int, ...] = (0,)) -> dict[str, float]:
    """One run: seconds, and peak memory in MiB (largest process, and sum of processes at once)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=ENV)
    peak = Peak(proc.pid)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    peak.stop(usage.ru_maxrss)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode not in ok_codes:
        raise SystemExit(f"bench: {' '.join(command)} exited {proc.returncode}:\n{err[-2000:]}")
    return {"s": elapsed, "mib": peak.single / 1024, "sum_mib": peak.total / 1024}


def median_run(runs: int, command: list[str], ok_codes: tuple[int, ...] = (0,), before=None) -> dict[str, float]:
    """The median time of ``runs`` runs (``before()`` runs untimed before each), with the memory of that run."""
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(run_once(command, ok_codes))
    middle = sorted(results, key=lambda r: r["s"])[len(results) // 2]
    return middle | {"all_s": [round(r["s"], 3) for r in results]}


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


def fresh(folder: Path):
    """An untimed step before a run: ``folder`` removed, so each build writes a new site as the first did."""
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def measure(claims: int, work: Path, runs: int) -> dict[str, dict[str, float] | float]:
    if claims > LARGEST_WITH_RUNS:
        runs = 1
    print(f"{claims} claims: writing the synthetic knowledge base ...", file=sys.stderr)
    kb = work / f"kb{claims}"
    write_kb(claims, kb)
    copy = work / "copy-1mb.txt"
    if not copy.exists():
        write_copy(kb, copy)
    claimkb = str(BIN / "claimkb")
    print(f"{claims} claims: validate, build, check, bare build, {runs} runs each ...", file=sys.stderr)
    site = work / f"site{claims}"
    build = [claimkb, "build", "--root", str(kb), "--out", str(site), "--date", "2026-11-25"]
    result: dict[str, dict[str, float] | float] = {
        "validate": median_run(runs, [claimkb, "validate", "--root", str(kb)]),
        "build_public": median_run(runs, [*build, "--audience", "public"], before=fresh(site)),
    }
    site_bytes = folder_bytes(site / "public")
    result["build_all"] = median_run(runs, build, before=fresh(site))
    check = [claimkb, "check", "--root", str(kb), "--format", "json", "--min-level", "error", str(copy)]
    cache = kb / ".claimkb-cache"
    result["check_1mb_cold"] = median_run(runs, check, (0, 1), before=fresh(cache))  # builds the checker's cache
    result["check_1mb"] = median_run(runs, check, (0, 1))  # as every later check runs
    if claims == 2000:
        line = work / "copy-10mb-one-line.txt"
        line.write_text((copy.read_text().replace("\n", " ") + " ") * 10)
        print(f"{claims} claims: check a 10 MB single-line file, once ...", file=sys.stderr)
        result["check_10mb_line"] = run_once([*check[:-1], str(line)], (0, 1))
    if claims > LARGEST_WITH_RUNS:
        return result
    bare = work / f"bare{claims}"
    write_bare_site(bare, claims)
    bare_build = [str(BIN / "mkdocs"), "build", "-q", "-f", str(bare / "mkdocs.yml"), "-d", str(bare / "site")]
    result["bare_build"] = median_run(runs, bare_build, before=fresh(bare / "site"))
    result["site_bytes"] = site_bytes
    result["bytes_per_claim"] = site_bytes / claims
    result["build_vs_bare"] = result["build_public"]["s"] / result["bare_build"]["s"]
    result["build_all_vs_bare"] = result["build_all"]["s"] / result["bare_build"]["s"]
    return result


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _served(url: str, wanted: str, deadline: float) -> bool:
    """Whether ``url`` serves a page holding ``wanted`` before ``deadline`` (asked every 20 ms)."""
    while time.perf_counter() < deadline:
        try:
            if wanted in urllib.request.urlopen(url, timeout=5).read().decode():
                return True
        except OSError:
            pass
        time.sleep(0.02)
    return False


def measure_serve(claims: int, work: Path, runs: int) -> dict[str, float]:
    """A real `mkdocs serve` of the synthetic knowledge base: save one record (a new title), and time
    until the reloaded page is served with it; ``runs`` saves, the median."""
    kb = work / f"kb{claims}"
    record = next(p for p in sorted((kb / "claims").glob("*.yaml")) if "status: in-review" in p.read_text())
    claim_id = record.stem
    port = _free_port()
    print(f"{claims} claims: mkdocs serve, {runs} saves ...", file=sys.stderr)
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=kb,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peak = Peak(server.pid)
    url = f"http://127.0.0.1:{port}/claims/{claim_id}/"
    original = record.read_text()
    title = next(line for line in original.splitlines() if line.startswith("title: "))
    times = []
    try:
        if not _served(url, title[len("title: ") :], time.perf_counter() + 300):
            raise SystemExit("bench: mkdocs serve did not serve the page within 300 s")
        for n in range(runs):
            changed = f"Edited while serving number {n}"
            start = time.perf_counter()
            record.write_text(original.replace(title, f"title: {changed}"))
            if not _served(url, changed, start + 120):
                raise SystemExit("bench: mkdocs serve did not serve the change within 120 s")
            times.append(time.perf_counter() - start)
            time.sleep(1)  # let the server settle before the next save
    finally:
        server.terminate()
        server.wait(timeout=30)
        peak.stop()
        record.write_text(original)
    return {"s": statistics.median(times), "mib": peak.single / 1024, "sum_mib": peak.total / 1024, "all_s": times}


TIMED = ("validate", "build_public", "build_all", "bare_build", "check_1mb_cold", "check_1mb")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=REPO / "bench-results.json", help="where to write the figures")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[200, 2000, 10000],
        metavar="N",
        help="the numbers of claims, 2,000 among them (default: 200 2000 10000)",
    )
    parser.add_argument(
        "--runs", type=int, default=RUNS, help=f"runs of each command, the median kept (default {RUNS})"
    )
    parser.add_argument("--no-serve", action="store_true", help="leave out the mkdocs serve measurement")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes) | {2000})
    small, large = sizes[0], 2000
    work = Path(tempfile.mkdtemp(prefix="claimkb-bench-"))
    try:
        runs = {str(n): measure(n, work, args.runs) for n in sizes}
        serve = None if args.no_serve else measure_serve(large, work, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    big, little = runs[str(large)], runs[str(small)]
    summary = {
        "build_vs_bare_at_2000": big["build_vs_bare"],
        "build_all_vs_bare_at_2000": big["build_all_vs_bare"],
        "serve_reload_2000_s": serve["s"] if serve else None,
        "bytes_per_claim_growth": big["bytes_per_claim"] / little["bytes_per_claim"],
        "validate_2000_s": big["validate"]["s"],
        "check_1mb_first_s": big["check_1mb_cold"]["s"],
        "check_1mb_s": big["check_1mb"]["s"],
        "check_10mb_line_mib": big["check_10mb_line"]["sum_mib"],
    }
    print(f"\nmedian of {args.runs} runs; peak memory: largest process / all processes at once (MiB)")
    print(f"{'':18}" + "".join(f"{n:>24}" for n in sizes))
    for key in TIMED:
        cells = [
            f"{r[key]['s']:6.2f} s {r[key]['mib']:4.0f}/{r[key]['sum_mib']:4.0f}" if key in r else "-"
            for r in (runs[str(n)] for n in sizes)
        ]
        print(f"{key:18}" + "".join(f"{c:>24}" for c in cells))
    for key in ("validate", "build_public", "build_all", "check_1mb_cold"):
        cells = [f"{1000 * runs[str(n)][key]['s'] / n:8.2f} ms/claim" for n in sizes]  # type: ignore[index]
        print(f"{key + ' per claim':18}" + "".join(f"{c:>24}" for c in cells))
    for key in ("build_vs_bare", "build_all_vs_bare", "bytes_per_claim"):
        cells = [f"{runs[str(n)][key]:.2f}" if key in runs[str(n)] else "-" for n in sizes]
        print(f"{key:18}" + "".join(f"{c:>24}" for c in cells))
    line = big["check_10mb_line"]
    print(f"{'check 10 MB line':18}{'':>24}{line['s']:6.2f} s {line['mib']:4.0f}/{line['sum_mib']:4.0f}")
    if serve:
        cell = f"{serve['s']:6.2f} s {serve['mib']:4.0f}/{serve['sum_mib']:4.0f}"
        print(f"{'serve_reload':18}{'':>24}{cell:>24}")
    print()
    verdicts = {}
    for key, (label, limit) in TARGETS.items():
        if summary[key] is None:
            continue
        met = summary[key] <= limit
        verdicts[key] = met
        print(f"{'met   ' if met else 'MISSED'} {label}: {summary[key]:.2f} (target <= {limit})")
    args.json.write_text(
        json.dumps(
            {
                "runs": runs,
                "serve": serve,
                "summary": summary,
                "targets": {k: v[1] for k, v in TARGETS.items()},
                "met": verdicts,
                "runs_each": args.runs,
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
