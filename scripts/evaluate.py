"""make eval: the copy checker's figures on every labelled set, development and held-out side by side.

    python scripts/evaluate.py [--root DIR] [--misses]

``--misses`` lists what went wrong on the development sets only: the held-out sets are for
measuring, never for tuning, so their sentences are not shown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from claimkb.checker.check import Checker
from claimkb.checker.copytext import read_copy
from claimkb.checker.evaluation import Figures, measure, read_set
from claimkb.kb.load import load_knowledge_base

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# (name, path, role): "dev" sets may be tuned on; "held-out" sets never.
SETS = [
    ("copy-dev", FIXTURES / "copy-dev", "dev"),
    ("copy-dev-2", FIXTURES / "copy-dev-2", "dev"),
    ("copy-dev-3", FIXTURES / "copy-dev-3", "dev"),
    ("copy-dev-4", FIXTURES / "copy-dev-4", "dev"),
    ("copy-dev-5", FIXTURES / "copy-dev-5", "dev"),
    ("copy-dev-6", FIXTURES / "copy-dev-6", "dev"),
    ("copy-dev-7", FIXTURES / "copy-dev-7", "dev"),
    ("copy-dev-8", FIXTURES / "copy-dev-8", "dev"),
    ("copy-dev-9", FIXTURES / "copy-dev-9", "dev"),
    ("copy-dev-10", FIXTURES / "copy-dev-10", "dev"),
    ("copy-dev-11", FIXTURES / "copy-dev-11", "dev"),
    ("copy-dev-12", FIXTURES / "copy-dev-12", "dev"),
    ("copy-dev-13", FIXTURES / "copy-dev-13", "dev"),
    ("copy-dev-14", FIXTURES / "copy-dev-14", "dev"),
    ("copy-dev-15", FIXTURES / "copy-dev-15", "dev"),
    ("copy-dev-16", FIXTURES / "copy-dev-16", "dev"),
    ("copy-dev-17", FIXTURES / "copy-dev-17", "dev"),
    ("copy-dev-18", FIXTURES / "copy-dev-18", "dev"),
    ("copy-dev-19", FIXTURES / "copy-dev-19", "dev"),
    ("copy-dev-20", FIXTURES / "copy-dev-20", "dev"),
    ("copy-dev-21", FIXTURES / "copy-dev-21", "dev"),
    ("copy-dev-22", FIXTURES / "copy-dev-22", "dev"),
    ("copy-dev-23", FIXTURES / "copy-dev-23", "dev"),
    ("copy-dev-24", FIXTURES / "copy-dev-24", "dev"),
    ("copy-dev-25", FIXTURES / "copy-dev-25", "dev"),
    ("copy-dev-26", FIXTURES / "copy-dev-26", "dev"),
    ("copy-dev-27", FIXTURES / "copy-dev-27", "dev"),
    ("copy-dev-28", FIXTURES / "copy-dev-28", "dev"),
    ("copy-dev-29", FIXTURES / "copy-dev-29", "dev"),
    ("copy-dev-30", FIXTURES / "copy-dev-30", "dev"),
    ("copy-dev-31", FIXTURES / "copy-dev-31", "dev"),
    ("copy-dev-32", FIXTURES / "copy-dev-32", "dev"),
    ("copy-dev-33", FIXTURES / "copy-dev-33", "dev"),
    ("copy-dev-34", FIXTURES / "copy-dev-34", "dev"),
    ("copy-dev-35", FIXTURES / "copy-dev-35", "dev"),
    ("copy-dev-36", FIXTURES / "copy-dev-36", "dev"),
    ("copy-dev-37", FIXTURES / "copy-dev-37", "dev"),
    ("copy-dev-38", FIXTURES / "copy-dev-38", "dev"),
    ("copy-dev-39", FIXTURES / "copy-dev-39", "dev"),
    ("copy-dev-40", FIXTURES / "copy-dev-40", "dev"),
    ("copy-dev-41", FIXTURES / "copy-dev-41", "dev"),
    ("copy-dev-42", FIXTURES / "copy-dev-42", "dev"),
    ("copy-dev-43", FIXTURES / "copy-dev-43", "dev"),
    ("copy-dev-44", FIXTURES / "copy-dev-44", "dev"),
    ("copy-dev-45", FIXTURES / "copy-dev-45", "dev"),
    ("copy-dev-46", FIXTURES / "copy-dev-46", "dev"),
    ("copy-dev-47", FIXTURES / "copy-dev-47", "dev"),
    ("copy-dev-48", FIXTURES / "copy-dev-48", "dev"),
    ("copy-dev-49", FIXTURES / "copy-dev-49", "dev"),
    ("copy-dev-50", FIXTURES / "copy-dev-50", "dev"),
    ("copy-dev-51", FIXTURES / "copy-dev-51", "dev"),
    ("copy-dev-56", FIXTURES / "copy-dev-56", "dev"),
    ("copy-dev-54", FIXTURES / "copy-dev-54", "dev"),
    ("copy-dev-52", FIXTURES / "copy-dev-52", "dev"),
    ("copy-dev-55", FIXTURES / "copy-dev-55", "dev"),
    ("copy-dev-53", FIXTURES / "copy-dev-53", "dev"),
    ("labelled", FIXTURES / "copy" / "labelled.yaml", "dev"),
    ("held-out", FIXTURES / "copy" / "held-out.yaml", "held-out (partly seen)"),
    ("held-out-2", FIXTURES / "copy" / "held-out-2.yaml", "held-out (partly seen)"),
    ("held-out-3", FIXTURES / "copy-held-out-3", "held-out"),
    ("held-out-4", FIXTURES / "copy-held-out-4", "held-out"),
    ("held-out-5", FIXTURES / "copy-held-out-5", "held-out"),
    ("held-out-6", FIXTURES / "copy-held-out-6", "held-out"),
    ("held-out-7", FIXTURES / "copy-held-out-7", "held-out"),
    ("held-out-8", FIXTURES / "copy-held-out-8", "held-out"),
    ("held-out-9", FIXTURES / "copy-held-out-9", "held-out"),
    ("held-out-10", FIXTURES / "copy-held-out-10", "held-out"),
    ("held-out-11", FIXTURES / "copy-held-out-11", "held-out"),
    ("held-out-12", FIXTURES / "copy-held-out-12", "held-out"),
    ("held-out-13", FIXTURES / "copy-held-out-13", "held-out"),
    ("held-out-14", FIXTURES / "copy-held-out-14", "held-out"),
    ("held-out-15", FIXTURES / "copy-held-out-15", "held-out"),
    ("held-out-16", FIXTURES / "copy-held-out-16", "held-out"),
    ("held-out-17", FIXTURES / "copy-held-out-17", "held-out"),
    ("held-out-18", FIXTURES / "copy-held-out-18", "held-out"),
    ("held-out-19", FIXTURES / "copy-held-out-19", "held-out"),
    ("held-out-20", FIXTURES / "copy-held-out-20", "held-out"),
    ("held-out-21", FIXTURES / "copy-held-out-21", "held-out"),
    ("held-out-22", FIXTURES / "copy-held-out-22", "held-out"),
    ("held-out-23", FIXTURES / "copy-held-out-23", "held-out"),
    ("held-out-24", FIXTURES / "copy-held-out-24", "held-out"),
    ("held-out-25", FIXTURES / "copy-held-out-25", "held-out"),
    ("held-out-26", FIXTURES / "copy-held-out-26", "held-out"),
    ("held-out-27", FIXTURES / "copy-held-out-27", "held-out"),
    ("held-out-28", FIXTURES / "copy-held-out-28", "held-out"),
    ("held-out-29", FIXTURES / "copy-held-out-29", "held-out"),
    ("held-out-30", FIXTURES / "copy-held-out-30", "held-out"),
    ("held-out-31", FIXTURES / "copy-held-out-31", "held-out"),
    ("held-out-32", FIXTURES / "copy-held-out-32", "held-out"),
    ("held-out-33", FIXTURES / "copy-held-out-33", "held-out"),
]


def evaluate(checker: Checker, path: Path) -> Figures:
    documents, items = read_set(path)
    findings = []
    for name, text in documents.items():
        findings += checker.check(read_copy(name, text))
    return measure(items, findings)


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=str(REPO), help="the knowledge base (default: this repository)")
    parser.add_argument("--misses", action="store_true", help="list misses and wrong findings (dev sets only)")
    parser.add_argument("--dev", action="store_true", help="measure the development sets only (while tuning)")
    args = parser.parse_args()
    kb, problems = load_knowledge_base(Path(args.root))
    if any(p.is_error for p in problems):
        print("the knowledge base has errors; run claimkb validate", file=sys.stderr)
        return 1
    checker = Checker.for_kb(kb)
    header = [
        "set",
        "role",
        "recall",
        "precision",
        "unknown recall",
        "neutral noise",
        "hedged noise",
        "named on neutral/hedged",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + " --- |" * len(header))
    for name, path, role in SETS:
        if args.dev and role != "dev":
            continue
        f = evaluate(checker, path)
        print(
            f"| {name} | {role} | {_pct(f.found, f.claim)} | {_pct(f.right_findings, f.record_findings)} | "
            f"{_pct(f.unknown_found, f.unknown)} | {_pct(f.neutral_flagged, f.neutral)} | "
            f"{_pct(f.hedged_flagged, f.hedged)} | {f.neutral_named + f.hedged_named} |"
        )
        if args.misses and role == "dev":
            for item in f.misses:
                print(f"    MISS {name} {','.join(item.claims)} | {item.text}", file=sys.stderr)
            for item, claim in f.wrong:
                print(
                    f"    WRONG {name} {claim} (labels: {item.kind} {','.join(item.claims)}) | {item.text}",
                    file=sys.stderr,
                )
            for item in f.unknown_missed:
                print(f"    UNKNOWN {name} not flagged as unreviewed | {item.text}", file=sys.stderr)
            for item, what in f.noisy:
                print(f"    NOISE {name} {item.kind} [{what}] | {item.text}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
