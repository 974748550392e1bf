"""One row per claim, as a table, CSV or JSON. The JSON keys are a stable interface."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.kb.signoff import fingerprint

# Other tools read the JSON: add keys freely, never rename or remove these.
JSON_KEYS = (
    "id",
    "title",
    "topic",
    "verdict",
    "citation_status",
    "certainty",
    "claim",
    "quote",
    "source",
    "citations",
    "approved_wording",
    "review_status",
    "reviewed",
    "next_review",
)
TABLE_COLUMNS = ("id", "verdict", "citation_status", "certainty", "review_status", "next_review")


def claim_row(claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "title": claim.title,
        "topic": list(claim.topic),
        "verdict": claim.verdict,
        "citation_status": claim.citation_status,
        "certainty": claim.certainty,
        "claim": claim.claim,
        "quote": claim.source.quote,
        "source": claim.source.document,
        "section": claim.source.section,
        "appearances": [
            {"document": a.document, "section": a.section, "quote": a.quote, "proposed": a.proposed}
            for a in claim.appearances
        ],
        "citations": [c.key for c in claim.citations],
        "approved_wording": list(claim.wording.approved),
        "avoid": list(claim.wording.avoid),
        "review_status": claim.review.status,
        "reviewer": claim.review.approver or "",  # who signed off the current content
        "reviewed": claim.review.reviewed.isoformat(),
        "next_review": claim.review.next_review.isoformat(),
        # sign-off (new keys)
        "approver": claim.review.approver,
        "signed_off": claim.review.status == "approved" and claim.review.fingerprint == fingerprint(claim),
        "fingerprint": claim.review.fingerprint,
        "sign_offs": [
            {
                "date": s.date.isoformat(),
                "reviewer": s.reviewer,
                "decision": s.decision,
                "verdict": s.verdict,
                "certainty": s.certainty,
                "note": s.note,
            }
            for s in claim.review.log
        ],
    }


def rows(kb: KnowledgeBase) -> list[dict[str, Any]]:
    return [claim_row(c) for c in kb.claims]


def json_text(table: list[dict[str, Any]]) -> str:
    return json.dumps(table, indent=2, ensure_ascii=False) + "\n"


def _cell(value: Any) -> str:
    """A list item in a CSV cell: text as it is, a mapping (a sign-off) as its values."""
    if isinstance(value, dict):
        return " ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


def csv_text(table: list[dict[str, Any]]) -> str:
    """Rows as CSV, lists joined with "; "."""
    out = io.StringIO()
    if table:
        writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        for row in table:
            writer.writerow({k: "; ".join(map(_cell, v)) if isinstance(v, list) else v for k, v in row.items()})
    return out.getvalue()


def as_json(kb: KnowledgeBase) -> str:
    return json_text(rows(kb))


def as_csv(kb: KnowledgeBase) -> str:
    return csv_text(rows(kb))


def as_table(kb: KnowledgeBase) -> str:
    table = [{k: str(row[k]) for k in TABLE_COLUMNS} for row in rows(kb)]
    widths = {k: max([len(k)] + [len(r[k]) for r in table]) for k in TABLE_COLUMNS}
    lines = ["  ".join(k.ljust(widths[k]) for k in TABLE_COLUMNS), "  ".join("-" * widths[k] for k in TABLE_COLUMNS)]
    lines += ["  ".join(r[k].ljust(widths[k]) for k in TABLE_COLUMNS).rstrip() for r in table]
    return "\n".join(lines) + f"\n{len(table)} claims\n"


FORMATS = {"table": as_table, "csv": as_csv, "json": as_json}
