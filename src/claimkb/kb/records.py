"""Read one claim record: YAML, schema, and the checks that need only the record itself."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from claimkb.kb import hedging
from claimkb.kb.model import Citation, Claim, RegulatorRef, Review, SignOff, SourceRef, Wording
from claimkb.kb.problems import Problem
from claimkb.kb.schema import schema_problems
from claimkb.kb.segments import sentences
from claimkb.kb.signoff import fingerprint
from claimkb.kb.terms import PatternError, check_term
from claimkb.kb.textnorm import fold
from claimkb.kb.vocab import CERTAINTY_PHRASE, SUPPORTING_STANCES, TREATMENT_SOLD, VERDICTS_NEEDING_SUPPORT
from claimkb.kb.yamlfile import YamlDocument, dotted, read_yaml

SCHEMA_NAME = "claim.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema="


def parse_date(doc: YamlDocument, path: tuple[str | int, ...]) -> tuple[dt.date | None, list[Problem]]:
    value: Any = doc.data
    for part in path:
        value = value[part]
    try:
        return dt.date.fromisoformat(value), []
    except ValueError:
        return None, [
            doc.problem(
                path,
                "bad-date",
                f"{dotted(path)}: {value!r} is not a real date",
                "write an existing date as YYYY-MM-DD",
            )
        ]


def _wording_problems(doc: YamlDocument, data: dict[str, Any]) -> list[Problem]:
    problems = []
    wording = data["wording"]
    avoid = [(phrase, fold(phrase)) for phrase in wording["avoid"]]
    for i, sentence in enumerate(wording["approved"]):
        for phrase, folded in avoid:
            if folded in fold(sentence):
                problems.append(
                    doc.problem(
                        ("wording", "approved", i),
                        "approved-avoid",
                        f"wording.approved[{i}]: contains the avoid phrase {phrase!r}",
                        "reword the approved sentence, or drop the phrase from wording.avoid",
                    )
                )
        if hedging.too_firm(sentence, data["certainty"]):
            problems.append(
                doc.problem(
                    ("wording", "approved", i),
                    "wording-certainty",
                    f"wording.approved[{i}]: states a benefit more firmly than {data['certainty']} certainty allows",
                    f"with {data['certainty']} certainty, {CERTAINTY_PHRASE[data['certainty']]}",
                    level="warning",
                )
            )
    if not wording["approved"] and not wording.get("no_alternative"):
        problems.append(
            doc.problem(
                ("wording", "approved"),
                "no-wording",
                "wording.approved: empty, and wording.no_alternative does not say why",
                "add at least one honest sentence, or explain in wording.no_alternative why none exists",
            )
        )
    return problems


def _indirect_problems(doc: YamlDocument, data: dict[str, Any]) -> list[Problem]:
    """GRADE's indirectness: a claim about what the treatment does, rated above very low, while no
    citation studied the treatment sold, needs the reason in ``indirect_reason``."""
    if data.get("claim_kind", "treatment") != "treatment" or data["certainty"] == "very-low":
        return []
    if data.get("indirect_reason") or any(c["intervention"] in TREATMENT_SOLD for c in data["evidence"]["citations"]):
        return []
    return [
        doc.problem(
            ("certainty",),
            "indirect-evidence",
            f"certainty: {data['certainty']!r}, but no citation studied the treatment sold "
            f"({', '.join(TREATMENT_SOLD)}); evidence on other treatments is indirect",
            "rate certainty down (usually to very-low), or say in indirect_reason why the evidence applies",
            level="warning",
        )
    ]


def _appearance_problems(doc: YamlDocument, data: dict[str, Any]) -> list[Problem]:
    """Exactly one of ``appearances`` and the older ``source``; the older one said how to migrate."""
    if "appearances" in data and "source" in data:
        return [
            doc.problem(
                ("source",),
                "legacy-source",
                "source: the record has both appearances and the older source field",
                "remove source: and keep its place as the first of appearances",
                key=True,
            )
        ]
    if "source" in data:
        return [
            doc.problem(
                ("source",),
                "legacy-source",
                "source: replaced by appearances, a list of every place the claim appears",
                "rename 'source:' to 'appearances:' and make its mapping the list's first item "
                "(indent it under '- '); it is still read as the first appearance",
                key=True,
                level="warning",
            )
        ]
    if "appearances" not in data:
        return [
            doc.problem(
                (),
                "missing-field",
                "appearances: required field is missing",
                "add 'appearances:' with the document, section and quote where the claim appears",
            )
        ]
    return []


def _record_problems(doc: YamlDocument, data: dict[str, Any], stem: str) -> list[Problem]:
    problems = _appearance_problems(doc, data)
    if data["id"] != stem:
        problems.append(
            doc.problem(
                ("id",),
                "id-filename",
                f"id: {data['id']!r} does not match the file name {stem + '.yaml'!r}",
                f"rename the file to {data['id']}.yaml, or set id: {stem}",
            )
        )
    if data["verdict"] in VERDICTS_NEEDING_SUPPORT and not any(
        c["stance"] in SUPPORTING_STANCES for c in data["evidence"]["citations"]
    ):
        problems.append(
            doc.problem(
                ("verdict",),
                "verdict-support",
                f"verdict: {data['verdict']!r} needs at least one citation that supports or partly supports it",
                "add the supporting citation, or choose a verdict the evidence bears",
            )
        )
    for i, term in enumerate(data.get("match") or ()):
        try:
            check_term(term)
        except PatternError as exc:
            problems.append(
                doc.problem(
                    ("match", i),
                    "bad-pattern",
                    f"match[{i}]: the regular expression does not compile: {exc}",
                    "fix the /regex/, or drop the slashes to match it as plain words",
                )
            )
    problems += _indirect_problems(doc, data)
    summary_sentences = len(sentences(data["evidence"]["summary"]))
    if not 2 <= summary_sentences <= 5:
        problems.append(
            doc.problem(
                ("evidence", "summary"),
                "summary-length",
                f"evidence.summary: {summary_sentences} sentence(s); the public summary has 2 to 5",
                "say what the article claims, what was studied, what was found, and the caveats",
                level="warning",
            )
        )
    if len(sentences(data["conclusion"])) != 1:
        problems.append(
            doc.problem(
                ("conclusion",),
                "conclusion-length",
                "conclusion: more than one sentence; it is shown as the verdict's explanation",
                "say why the verdict follows, in one sentence",
                level="warning",
            )
        )
    return problems + _wording_problems(doc, data)


def _sign_off(entry: dict[str, Any]) -> SignOff:
    try:
        day = dt.date.fromisoformat(entry["date"])
    except ValueError:
        day = dt.date.min  # reported by _review_problems
    return SignOff(
        day, entry["reviewer"], entry["decision"], entry["verdict"], entry["certainty"], entry.get("note", "")
    )


def _appearances(data: dict[str, Any]) -> tuple[SourceRef, ...]:
    places = data.get("appearances") or [data["source"]]
    return tuple(SourceRef(a["document"], a["quote"], a.get("section"), a.get("status") == "proposed") for a in places)


def _build(data: dict[str, Any], reviewed: dt.date, next_review: dt.date, path: str) -> Claim:
    wording = data["wording"]
    review = data["review"]
    return Claim(
        id=data["id"],
        title=data["title"],
        topic=tuple(data["topic"]),
        appearances=_appearances(data),
        claim=data["claim"],
        citation_status=data["citation_status"],
        article_cites=data.get("article_cites"),
        verdict=data["verdict"],
        conclusion=data["conclusion"],
        certainty=data["certainty"],
        summary=data["evidence"]["summary"],
        citations=tuple(Citation(**c) for c in data["evidence"]["citations"]),
        wording=Wording(tuple(wording["approved"]), tuple(wording["avoid"]), wording.get("no_alternative")),
        review=Review(
            review["status"],
            reviewed,
            next_review,
            review.get("approver"),
            review.get("fingerprint"),
            tuple(_sign_off(entry) for entry in review.get("log") or ()),
        ),
        claim_kind=data.get("claim_kind", "treatment"),
        indirect_reason=data.get("indirect_reason"),
        match=tuple(data.get("match") or ()),
        about=tuple(tuple(alternative) for alternative in data.get("about") or ()),
        regulators=tuple(RegulatorRef(**r) for r in data.get("regulators") or ()),
        internal_notes=data.get("internal_notes"),
        path=path,
    )


def read_claim(file: Path, shown_as: str) -> tuple[Claim | None, YamlDocument | None, list[Problem]]:
    """A record file to a Claim, or None when it cannot be built; with all its problems."""
    doc, problems = read_yaml(file, shown_as)
    if doc is None:
        return None, None, problems
    problems += schema_problems(doc, SCHEMA_NAME)
    if problems:
        return None, doc, problems
    data = doc.data
    reviewed, bad_reviewed = parse_date(doc, ("review", "reviewed"))
    next_review, bad_next = parse_date(doc, ("review", "next_review"))
    problems += bad_reviewed + bad_next + _record_problems(doc, data, file.stem)
    if reviewed and next_review and next_review <= reviewed:
        problems.append(
            doc.problem(
                ("review", "next_review"),
                "review-order",
                f"review.next_review: {next_review} is not after review.reviewed ({reviewed})",
                "set next_review to a date after reviewed",
            )
        )
    if not doc.first_line.startswith(SCHEMA_LINE):
        problems.append(
            Problem(
                shown_as,
                1,
                1,
                "warning",
                "schema-line",
                "the file does not start with the yaml-language-server schema line",
                f"add '{SCHEMA_LINE}../src/claimkb/kb/schema/{SCHEMA_NAME}' as line 1",
            )
        )
    for i in range(len(data["review"].get("log") or ())):
        problems += parse_date(doc, ("review", "log", i, "date"))[1]
    if reviewed is None or next_review is None or not ("appearances" in data or "source" in data):
        return None, doc, problems
    claim = _build(data, reviewed, next_review, shown_as)
    return claim, doc, problems + _review_problems(doc, claim) + _draft_problems(doc, claim)


TODO = re.compile(r"\bTODO\b")  # what marks a field still to fill in (claimkb new, claimkb ingest)


def _todo_fields(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, str):
        return [path] if TODO.search(value) else []
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _todo_fields(item, (*path, key))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _todo_fields(item, (*path, i))]
    return []


def _draft_problems(doc: YamlDocument, claim: Claim) -> list[Problem]:
    """A draft is reported as one, with the fields it still marks TODO (it is never published)."""
    if claim.review.status != "draft":
        return []
    todo = _todo_fields(doc.data)
    if not todo:
        return []  # a draft whose fields are all filled in: only review.status says it is one
    names = ", ".join(dotted(path) for path in todo[:6]) + (f" and {len(todo) - 6} more" if len(todo) > 6 else "")
    return [
        doc.problem(
            ("review", "status"),
            "draft-record",
            f"draft: {len(todo)} field{'s' * (len(todo) != 1)} still marked TODO ({names})",
            "fill them in, then set review.status: in-review for compliance to review it",
            level="suggestion",
        )
    ]


def _review_problems(doc: YamlDocument, claim: Claim) -> list[Problem]:
    """An approval names its approver and what it approved, and still matches the content."""
    review = claim.review
    if review.status != "approved":
        stray = [name for name in ("approver", "fingerprint") if getattr(review, name)]
        return [
            doc.problem(
                ("review", name),
                "approval-incomplete",
                f"review.{name}: a {review.status} record carries no {name}",
                f"remove it; claimkb review {claim.id} --approve records one with the approval",
            )
            for name in stray
        ]
    missing = [name for name in ("approver", "fingerprint") if not getattr(review, name)]
    if missing:
        return [
            doc.problem(
                ("review",),
                "approval-incomplete",
                f"review: approved, but without {' or '.join(missing)}",
                f'approve it with claimkb review {claim.id} --approve --reviewer "Full Name"',
            )
        ]
    if review.fingerprint != fingerprint(claim):
        return [
            doc.problem(
                ("review", "fingerprint"),
                "changed-since-approval",
                f"review: changed since it was approved on {review.reviewed} by {review.approver}; "
                f"review it again (claimkb review {claim.id} --approve ...)",
                "what the public and marketing see has been edited since the sign-off",
            )
        ]
    return []
