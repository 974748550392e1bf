"""Measure the checker on labelled copy: recall, precision, unknown recall and noise.

A labelled set is either a folder in copy-dev's format (documents plus ``labels.yaml``: for
each file, a list of ``{text, kind, claims}`` where ``text`` stands once on one line of the
file and ``kind`` is claim, hedged, neutral or unknown) or a YAML list of single sentences
``{kind, text, claims}`` (an empty ``claims`` is a neutral sentence). A finding is on a
labelled sentence when its span overlaps the sentence's.

- recall: claim sentences with a finding naming one of their records / claim sentences;
- precision: findings naming a record that is among a claim sentence's records / findings
  naming a record on any labelled sentence;
- unknown recall: unknown sentences with an ``unreviewed-claim`` finding / unknown sentences;
- neutral and hedged noise: such sentences with any finding / such sentences; and how many
  of them have a finding naming a record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from claimkb.kb.problems import Problem

UNREVIEWED = "unreviewed-claim"


@dataclass(frozen=True)
class Labelled:
    path: str
    line: int
    start: int  # columns, from 1; end exclusive
    end: int
    text: str
    kind: str  # claim | hedged | neutral | unknown
    claims: tuple[str, ...]


@dataclass
class Figures:
    claim: int = 0
    found: int = 0
    record_findings: int = 0
    right_findings: int = 0
    unknown: int = 0
    unknown_found: int = 0
    neutral: int = 0
    neutral_flagged: int = 0
    neutral_named: int = 0
    hedged: int = 0
    hedged_flagged: int = 0
    hedged_named: int = 0
    misses: list[Labelled] = field(default_factory=list)
    wrong: list[tuple[Labelled, str]] = field(default_factory=list)
    noisy: list[tuple[Labelled, str]] = field(default_factory=list)
    unknown_missed: list[Labelled] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.claim if self.claim else 1.0

    @property
    def precision(self) -> float:
        return self.right_findings / self.record_findings if self.record_findings else 1.0

    @property
    def unknown_recall(self) -> float:
        return self.unknown_found / self.unknown if self.unknown else 1.0

    @property
    def neutral_noise(self) -> float:
        return self.neutral_flagged / self.neutral if self.neutral else 0.0

    @property
    def hedged_noise(self) -> float:
        return self.hedged_flagged / self.hedged if self.hedged else 0.0

    def row(self) -> dict[str, Any]:
        return {
            "recall": f"{self.found}/{self.claim}",
            "precision": f"{self.right_findings}/{self.record_findings}",
            "unknown recall": f"{self.unknown_found}/{self.unknown}",
            "neutral noise": f"{self.neutral_flagged}/{self.neutral}",
            "neutral named": f"{self.neutral_named}/{self.neutral}",
            "hedged noise": f"{self.hedged_flagged}/{self.hedged}",
            "hedged named": f"{self.hedged_named}/{self.hedged}",
        }


def _folder_set(folder: Path) -> tuple[dict[str, str], list[Labelled]]:
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    documents: dict[str, str] = {}
    found = []
    for name, items in labels.items():
        text = (folder / name).read_text(encoding="utf-8")
        documents[name] = text
        lines = text.splitlines()
        for item in items:
            where = [(n, line.index(item["text"])) for n, line in enumerate(lines, 1) if item["text"] in line]
            if len(where) != 1:
                raise ValueError(f"{folder / 'labels.yaml'}: {item['text']!r} stands {len(where)} times in {name}")
            line, column = where[0]
            found.append(
                Labelled(
                    name,
                    line,
                    column + 1,
                    column + 1 + len(item["text"]),
                    item["text"],
                    item["kind"],
                    tuple(item["claims"]),
                )
            )
    return documents, found


def _list_set(file: Path) -> tuple[dict[str, str], list[Labelled]]:
    documents: dict[str, str] = {}
    found = []
    for n, item in enumerate(yaml.safe_load(file.read_text(encoding="utf-8"))):
        name = f"{file.stem}-{n:03d}.txt"
        documents[name] = item["text"] + "\n"
        kind = "claim" if item["claims"] else "neutral"
        found.append(Labelled(name, 1, 1, 1 + len(item["text"]), item["text"], kind, tuple(item["claims"])))
    return documents, found


def read_set(path: Path) -> tuple[dict[str, str], list[Labelled]]:
    """The documents (name -> text) and labelled sentences of a set."""
    return _folder_set(path) if path.is_dir() else _list_set(path)


def _overlaps(finding: Problem, item: Labelled) -> bool:
    if finding.path != item.path:
        return False
    end_line = finding.end_line or finding.line
    end_column = finding.end_column or finding.column + 1
    if end_line < item.line or finding.line > item.line:
        return False
    start = finding.column if finding.line == item.line else 1
    end = end_column if end_line == item.line else 10**9
    return start < item.end and item.start < end


def measure(items: list[Labelled], findings: list[Problem]) -> Figures:
    figures = Figures()
    by_path: dict[str, list[Problem]] = {}
    for finding in findings:
        by_path.setdefault(finding.path, []).append(finding)
    for item in items:
        on = [f for f in by_path.get(item.path, []) if _overlaps(f, item)]
        named = {f.claim for f in on if f.claim}
        for claim in sorted(named):
            figures.record_findings += 1
            if item.kind == "claim" and claim in item.claims:
                figures.right_findings += 1
            else:
                figures.wrong.append((item, claim))
        if item.kind == "claim":
            figures.claim += 1
            if named & set(item.claims):
                figures.found += 1
            else:
                figures.misses.append(item)
        elif item.kind == "unknown":
            figures.unknown += 1
            if any(f.rule == UNREVIEWED for f in on):
                figures.unknown_found += 1
            else:
                figures.unknown_missed.append(item)
        elif item.kind in ("neutral", "hedged"):
            setattr(figures, item.kind, getattr(figures, item.kind) + 1)
            if on:
                setattr(figures, f"{item.kind}_flagged", getattr(figures, f"{item.kind}_flagged") + 1)
                figures.noisy.append((item, ", ".join(sorted({f.claim or f.rule for f in on}))))
            if named:
                setattr(figures, f"{item.kind}_named", getattr(figures, f"{item.kind}_named") + 1)
    return figures
