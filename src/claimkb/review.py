"""``claimkb review``: record a compliance decision in the record itself, and nothing else.

The record is edited with ruamel.yaml's round-trip mode, so comments, key order, quoting and
line breaks outside the review block stay byte for byte as they were. Every decision sets
``reviewed`` and ``next_review`` and appends to the sign-off log; an approval also records the
approver and the fingerprint of what was approved. Several records are decided together or
not at all: every record is checked and every new text prepared before any file is written.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from claimkb.kb.files import write_together
from claimkb.kb.load import CLAIMS_DIR, load_knowledge_base
from claimkb.kb.model import Claim
from claimkb.kb.records import TODO
from claimkb.kb.signoff import fingerprint, next_review

DECISIONS = {"approve": "approved", "request-changes": "in-review", "retire": "retired"}
# Problems a decision may clear, and so does not wait for: the approval is out of date.
CLEARED_BY_REVIEW = ("changed-since-approval", "approval-incomplete", "review-in-future")
PROPOSED_NOTE = "linked by claimkb ingest; confirm"  # what ingest writes beside a proposed appearance


class Refused(Exception):
    """The decision cannot be recorded; the message says why; nothing was written."""


@dataclass(frozen=True)
class Decision:
    decision: str  # approve | request-changes | retire
    reviewer: str
    day: dt.date
    note: str = ""
    reject_appearances: tuple[str, ...] = ()  # documents whose proposed appearances are dropped


def yaml_round_trip() -> YAML:
    """ruamel.yaml in round-trip mode, set up as claimkb's files are written."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *args: True  # claimkb files never use aliases
    yaml.representer.add_representer(type(None), lambda rep, _: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _review_block(claim: Claim, old: dict[str, Any], decision: Decision) -> CommentedMap:
    block = CommentedMap()
    block["status"] = DECISIONS[decision.decision]
    block["reviewed"] = decision.day
    block["next_review"] = next_review(decision.day)
    if decision.decision == "approve":
        block["approver"] = decision.reviewer
        block["fingerprint"] = fingerprint(claim)
    log = CommentedSeq()
    for entry in old.get("log") or ():
        log.append(entry)
    entry = CommentedMap()
    entry["date"] = decision.day
    entry["reviewer"] = decision.reviewer
    entry["decision"] = decision.decision
    entry["verdict"] = claim.verdict
    entry["certainty"] = claim.certainty
    if decision.note:
        entry["note"] = decision.note
    entry.fa.set_flow_style()
    log.append(entry)
    block["log"] = log
    block.fa.set_block_style()
    return block


def new_text(text: str, claim: Claim, decision: Decision) -> str:
    """The record's text with the decision recorded in its review block."""
    yaml = yaml_round_trip()
    data = yaml.load(text)
    data["review"] = _review_block(claim, dict(data["review"]), decision)
    places = data.get("appearances")
    if places is not None:
        for i in reversed(range(len(places))):
            if places[i].get("status") == "proposed" and places[i]["document"] in decision.reject_appearances:
                del places[i]
        if decision.decision == "approve":  # the reviewer confirms the appearances ingest proposed
            for place in places:
                if place.get("status") == "proposed":
                    del place["status"]
                    if place.get("note") == PROPOSED_NOTE:
                        del place["note"]
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def decide(root: Path, ids: list[str], decision: Decision) -> list[Path]:
    """Record ``decision`` in every record of ``ids``: all of them, or (raising Refused) none."""
    if not decision.reviewer.strip():
        raise Refused("--reviewer: give the full name of the person who decides")
    kb, problems = load_knowledge_base(root, decision.day)
    claims = {c.id: c for c in kb.claims}
    prepared: list[tuple[Path, str]] = []
    reasons = []
    for claim_id in dict.fromkeys(ids):
        path = root / CLAIMS_DIR / f"{claim_id}.yaml"
        if claim_id not in claims:
            why = "does not validate" if path.exists() else "no such record"
            reasons.append(f"{claim_id}: {why}; run claimkb validate" if path.exists() else f"{claim_id}: {why}")
            continue
        claim = claims[claim_id]
        blocking = [p for p in problems if p.path == claim.path and p.is_error and p.rule not in CLEARED_BY_REVIEW]
        if blocking and decision.decision == "approve":
            reasons.append(f"{claim_id}: does not validate ({blocking[0].format().splitlines()[0]})")
            continue
        proposed = {a.document for a in claim.appearances if a.proposed}
        unknown = [doc for doc in decision.reject_appearances if doc not in proposed]
        if unknown:
            shown = ", ".join(sorted(proposed)) or "none"
            reasons.append(f"{claim_id}: no proposed appearance in {unknown[0]!r} to reject (proposed: {shown})")
            continue
        text = path.read_text(encoding="utf-8")
        if decision.decision == "approve" and TODO.search(text):
            reasons.append(f"{claim_id}: still holds TODO markers; finish the record before approving it")
            continue
        prepared.append((path, new_text(text, claim, decision)))
    if reasons:
        raise Refused("nothing was written:\n  " + "\n  ".join(reasons))
    write_together(prepared)
    return [path for path, _ in prepared]


def _what_changed(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    def pick(data: dict[str, Any] | None) -> tuple[Any, Any, Any]:
        if not isinstance(data, dict):
            return None, None, None
        wording = data.get("wording")
        approved = wording.get("approved") if isinstance(wording, dict) else None
        return data.get("verdict"), data.get("certainty"), approved

    (v0, c0, w0), (v1, c1, w1) = pick(old), pick(new)
    changes = []
    if v0 != v1:
        changes.append(f"verdict {v0} -> {v1}" if v0 else f"verdict {v1}")
    if c0 != c1:
        changes.append(f"certainty {c0} -> {c1}" if c0 else f"certainty {c1}")
    if w0 != w1 and old is not None:
        changes.append("approved wording changed")
    return changes


def git_history(root: Path, claim_id: str) -> list[str] | None:
    """Commits that changed the record's verdict, certainty or approved wording, oldest first;
    None when the knowledge base is not a git repository (or git is not installed)."""
    import subprocess

    import yaml

    path = f"{CLAIMS_DIR}/{claim_id}.yaml"

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout

    try:
        log = git("log", "--reverse", "--format=%H%x09%ad%x09%s", "--date=short", "--", path)
    except (OSError, subprocess.CalledProcessError):
        return None
    lines, before = [], None
    for row in log.splitlines():
        commit, date, subject = row.split("\t", 2)
        try:
            now = yaml.safe_load(git("show", f"{commit}:{path}"))
        except (subprocess.CalledProcessError, yaml.YAMLError):
            continue  # deleted or unreadable in that commit
        changes = _what_changed(before, now)
        if changes:
            lines.append(f"{date} {commit[:10]} {subject} ({'; '.join(changes)})")
        before = now
    return lines
