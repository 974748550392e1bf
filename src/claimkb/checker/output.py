"""Findings as text (like a compiler), JSON (a list), or SARIF 2.1.0 (for code scanning): one table."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from claimkb import __version__
from claimkb.checker.check import CHECKER_RULES
from claimkb.kb.problems import Problem, json_lines, text_lines
from claimkb.kb.rules import Rule

INFORMATION_URI = "https://claimkb.example.org/"
_SARIF_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def as_sarif(findings: Sequence[Problem], rules: Sequence[Rule]) -> str:
    descriptors: dict[str, dict[str, Any]] = {
        rule_id: {
            "id": rule_id,
            "shortDescription": {"text": description},
            "defaultConfiguration": {"level": _SARIF_LEVEL.get(level, "warning")},
        }
        for rule_id, (level, description) in CHECKER_RULES.items()
    }
    for rule in rules:
        descriptor: dict[str, Any] = {
            "id": rule.id,
            "shortDescription": {"text": rule.message},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.level]},
        }
        if rule.link:
            descriptor["helpUri"] = rule.link
        descriptors[rule.id] = descriptor
    ids = list(descriptors)
    results = []
    for f in findings:
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": ids.index(f.rule) if f.rule in descriptors else -1,
            "level": _SARIF_LEVEL[f.level],
            "message": {
                "text": f.message + (f" Why: {f.why}." if f.why else "") + (f" Suggestion: {f.hint}" if f.hint else "")
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line or f.line,
                            "endColumn": f.end_column or f.column + 1,
                        },
                    }
                }
            ],
        }
        properties = {
            k: v for k, v in (("claim", f.claim), ("verdict", f.verdict), ("suggestion", f.hint), ("why", f.why)) if v
        }
        if properties:
            result["properties"] = properties
        if result["ruleIndex"] < 0:
            del result["ruleIndex"]
        results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "claimkb",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": list(descriptors.values()),
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# Each format yields its text in pieces, written as they come: long copy has many findings.
FORMATS: dict[str, Callable[[Sequence[Problem], Sequence[Rule]], Iterable[str]]] = {
    "text": lambda findings, rules: text_lines(findings),
    "json": lambda findings, rules: json_lines(findings),
    "sarif": lambda findings, rules: [as_sarif(findings, rules)],
}
