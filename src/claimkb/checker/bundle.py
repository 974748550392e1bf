"""The checker bundle: everything ``claimkb check`` needs, and nothing it does not, as JSON.

``claimkb build`` writes it on the internal site (``claimkb-checker.json``), and
``claimkb check --kb PATH_OR_URL`` checks copy against it instead of a checkout. The checker
run from a checkout goes through the same bundle (made from the knowledge base in memory, and
kept in the cache as JSON, which cannot run code when read), so both see exactly the same
records: the published ones (in review or approved), never drafts or retired records, and of
each only what linking and findings need. No evidence, notes or reviewer names travel.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimkb import __version__
from claimkb.kb.concepts import Concept
from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.kb.problems import Problem
from claimkb.kb.rules import Rule, rule_from_item
from claimkb.kb.schema import schema_problems
from claimkb.kb.terms import PatternError
from claimkb.kb.vocab import PUBLISHED_STATUS, VERDICTS
from claimkb.kb.yamlfile import YamlDocument

FORMAT = 1  # raise it when a reader of the old format could not read the new one
BUNDLE_FILE = "claimkb-checker.json"


class BundleError(ValueError):
    """A bundle that cannot be used; the message says why and what to do."""


@dataclass(frozen=True)
class CheckedClaim:
    """What the checker knows of a record."""

    id: str
    verdict: str
    conclusion: str
    quote: str  # the claim's words as first published
    match: tuple[str, ...]
    about: tuple[tuple[str, ...], ...]
    approved: tuple[str, ...]  # the record's approved wording: never a finding
    suggestion: str  # what a finding suggests instead


@dataclass(frozen=True)
class Bundle:
    claims: tuple[CheckedClaim, ...]
    concepts: tuple[Concept, ...]
    rules: tuple[Rule, ...]
    date: str
    commit: str | None
    site_url: str


def _suggestion(claim: Claim) -> str:
    """The record's wording, said to be approved only when compliance signed the record off."""
    if not claim.wording.approved:
        return f"do not use: {claim.wording.no_alternative}"
    if claim.review.status == "approved":
        return claim.wording.approved[0]
    return f"{claim.wording.approved[0]} (proposed wording, awaiting sign-off)"


def git_commit(root: Path) -> str | None:
    """The commit checked out in ``root``, when it is a git repository (with git installed)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def bundle_claim(claim: Claim) -> dict[str, Any] | None:
    """What the bundle holds of a record: its checker fields, when it is published (else None)."""
    if claim.review.status not in PUBLISHED_STATUS:
        return None
    return {
        "id": claim.id,
        "verdict": claim.verdict,
        "conclusion": claim.conclusion,
        "quote": claim.source.quote,
        "match": list(claim.match),
        "about": [list(alternative) for alternative in claim.about],
        "approved": list(claim.wording.approved),
        "suggestion": _suggestion(claim),
    }


def bundle_data(
    claims: list[dict[str, Any]],
    concepts: Sequence[Concept],
    rules: Sequence[Rule],
    site_url: str = "",
    date: dt.date | None = None,
    commit: str | None = None,
) -> dict[str, Any]:
    """The bundle, as JSON data, of the records' entries (``bundle_claim``), concepts and rules."""
    return {
        "format": FORMAT,
        "claimkb": __version__,
        "knowledge_base": {"date": (date or dt.date.today()).isoformat(), "commit": commit, "site_url": site_url},
        "claims": sorted(claims, key=lambda c: c["id"]),
        "concepts": [c.item for c in concepts],
        "rules": [rule.item for rule in rules],
    }


def make_bundle(
    kb: KnowledgeBase, site_url: str = "", date: dt.date | None = None, commit: str | None = None
) -> dict[str, Any]:
    """The bundle of a validated knowledge base, as JSON data."""
    entries = [entry for entry in map(bundle_claim, kb.claims) if entry is not None]
    return bundle_data(entries, kb.concepts, kb.rules, site_url, date, commit)


def _messages(problems: list[Problem]) -> str:
    more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
    return "; ".join(p.message for p in problems[:3]) + more


def read_bundle(data: Any, shown_as: str) -> Bundle:
    """A bundle from JSON data, checked against its schema and claimkb's vocabularies (BundleError)."""
    if isinstance(data, dict) and isinstance(data.get("format"), int) and data["format"] > FORMAT:
        writer = data.get("claimkb", "?")
        raise BundleError(
            f"{shown_as}: the bundle is format {data['format']}, written by claimkb {writer}; this claimkb "
            f"({__version__}) reads format {FORMAT} and older: upgrade claimkb to {writer} or newer"
        )
    problems = schema_problems(YamlDocument(shown_as, data), "bundle.schema.json")
    if not problems:
        for part in ("concepts", "rules"):  # as their own files would be (none at all is allowed)
            if data[part]:
                problems += schema_problems(YamlDocument(shown_as, {part: data[part]}), f"{part}.schema.json")
    if problems:
        raise BundleError(f"{shown_as}: not a claimkb checker bundle: {_messages(problems)}")
    unknown = sorted({c["verdict"] for c in data["claims"]} - set(VERDICTS))
    if unknown:
        raise BundleError(f"{shown_as}: unknown verdict {unknown[0]!r}: upgrade claimkb to read this bundle")
    try:
        rules = tuple(rule_from_item(item) for item in data["rules"])
    except PatternError as exc:
        raise BundleError(f"{shown_as}: a rule's pattern does not compile: {exc}") from None
    kb = data["knowledge_base"]
    return Bundle(
        tuple(
            CheckedClaim(
                c["id"],
                c["verdict"],
                c["conclusion"],
                c["quote"],
                tuple(c["match"]),
                tuple(tuple(alternative) for alternative in c["about"]),
                tuple(c["approved"]),
                c["suggestion"],
            )
            for c in data["claims"]
        ),
        tuple(Concept.from_item(c) for c in data["concepts"]),
        rules,
        kb["date"],
        kb["commit"],
        kb["site_url"],
    )


def load_bundle_file(path: Path, shown_as: str = "") -> Bundle:
    """A bundle from a file (BundleError when it is unreadable, not JSON, or not a bundle)."""
    shown = shown_as or str(path)
    try:
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise BundleError(f"{shown}: cannot read the bundle: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BundleError(f"{shown}: not JSON ({exc}); is it a claimkb checker bundle?") from None
    return read_bundle(data, shown)


def bundle_text(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
