"""Pages for marketing and compliance only: the approved wording library and the audit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.kb.vocab import REVIEW_STATUS, VERDICTS
from claimkb.render.text import anchor, attr, badge, claim_link, md, table
from claimkb.report import claim_row


def _copy_button(sentence: str) -> str:
    return f'<button class="claimkb-copy md-button" type="button" data-copy="{attr(sentence)}">Copy</button>'


def _wording_section(claims: list[Claim]) -> list[str]:
    lines = []
    topics = sorted({t for c in claims for t in c.topic})
    for topic in topics:
        lines += [f"### {md(topic)}", ""]
        for claim in (c for c in claims if topic in c.topic):
            lines += [f"#### {claim_link(claim.id, md(claim.title), '')} {badge(claim.verdict)}", ""]
            if claim.wording.approved:
                lines += [f"- {md(s)} {_copy_button(s)}" for s in claim.wording.approved]
            else:
                lines += [f"- **Do not use.** {md(claim.wording.no_alternative)}"]
            if claim.wording.avoid:
                lines += ["", "Avoid: " + ", ".join(f"“{md(p)}”" for p in claim.wording.avoid)]
            lines += [""]
    return lines


def wording_page(claims: list[Claim]) -> str:
    approved = [c for c in claims if c.review.status == "approved"]
    proposed = [c for c in claims if c.review.status in ("draft", "in-review")]
    lines = [
        "# Approved wording library",
        "",
        "Sentences marketing may use, by topic, hedged to the certainty of the evidence. Each "
        "belongs to a claim: read it before you adapt the wording. Where nothing honest can be "
        "said, the claim is marked **do not use**. Only wording of claims compliance has signed "
        "off is approved; the rest is proposed, awaiting sign-off, and shown apart.",
        "",
        f"## Approved by compliance ({len(approved)} claims)",
        "",
    ]
    lines += _wording_section(approved) or ["None yet: no claim has been signed off.", ""]
    lines += [
        f"## Proposed, awaiting sign-off ({len(proposed)} claims)",
        "",
        "Honest, but not yet signed off by compliance: check with compliance before publishing.",
        "",
    ]
    lines += _wording_section(proposed) or ["None.", ""]
    return "\n".join(lines)


def audit_rows(claims: list[Claim], today: dt.date) -> list[dict[str, Any]]:
    rows = []
    for claim in claims:
        row = claim_row(claim)
        row.update(
            overdue=claim.review.next_review < today,
            due_within_30_days=today <= claim.review.next_review <= today + dt.timedelta(days=30),
            awaiting_sign_off_days=(today - claim.review.reviewed).days if claim.review.status == "in-review" else None,
            internal_notes=claim.internal_notes or "",
            path=claim.path,
        )
        rows.append(row)
    return rows


def audit_page(kb: KnowledgeBase, claims: list[Claim], today: dt.date) -> str:
    verdicts = Counter(c.verdict for c in claims)
    statuses = Counter(c.review.status for c in claims)
    overdue = [c for c in claims if c.review.next_review < today]
    overdue_ids = {c.id for c in overdue}
    no_citation = [c for c in claims if not c.citations]
    cited = {key for c in claims for key in c.reference_keys}
    incomplete = sorted(key for key in cited if kb.references[key].incomplete)
    unverified = sorted(key for key in cited if not kb.references[key].verified)
    lines = [
        "# Compliance audit",
        "",
        f"As of {today.isoformat()}: {len(claims)} claims. Download the audit table as "
        "[CSV](audit.csv) or [JSON](audit.json).",
        "",
        "## Counts",
        "",
        table(["Verdict", "Claims"], [[badge(v), str(verdicts.get(v, 0))] for v in VERDICTS]),
        "",
        table(["Review status", "Claims"], [[s, str(statuses.get(s, 0))] for s in REVIEW_STATUS]),
        "",
        f"## Overdue for review ({len(overdue)})",
        "",
    ]
    lines += [
        f"- {claim_link(c.id, md(c.title), '')}: next review was due {c.review.next_review.isoformat()}"
        for c in overdue
    ] or ["None."]
    awaiting = sorted((c for c in claims if c.review.status == "in-review"), key=lambda c: c.review.reviewed)
    lines += ["", f"## Awaiting sign-off ({len(awaiting)})", ""]
    lines += [
        f"- {claim_link(c.id, md(c.title), '')}: waiting {(today - c.review.reviewed).days} days "
        f"(since {c.review.reviewed.isoformat()})"
        for c in awaiting
    ] or ["None."]
    due = [c for c in claims if today <= c.review.next_review <= today + dt.timedelta(days=30)]
    lines += ["", f"## Reviews due in the next 30 days ({len(due)})", ""]
    lines += [f"- {claim_link(c.id, md(c.title), '')}: due {c.review.next_review.isoformat()}" for c in due] or [
        "None."
    ]
    # An approval is invalidated when the record is edited afterwards: the validator refuses it
    # until compliance approves again, and the log keeps both approvals.
    renewed = []
    for c in claims:
        approvals = [s for s in c.review.log if s.decision == "approve"]
        for first, then in zip(approvals, approvals[1:], strict=False):
            changed = [
                f"{name} {a} -> {b}"
                for name, a, b in (
                    ("verdict", first.verdict, then.verdict),
                    ("certainty", first.certainty, then.certainty),
                )
                if a != b
            ]
            renewed.append(
                f"- {claim_link(c.id, md(c.title), '')}: approved {first.date.isoformat()}, edited, approved "
                f"again {then.date.isoformat()}" + (f" ({'; '.join(changed)})" if changed else "")
            )
    lines += ["", f"## Approvals invalidated by later edits ({len(renewed)})", ""]
    lines += renewed or ["None. (A record edited after its approval fails validation until it is approved again.)"]
    signed = [(s, c) for c in claims for s in c.review.log]
    lines += ["", f"## Who signed what ({len(signed)} decisions)", ""]
    lines += [
        table(
            ["Date", "Reviewer", "Decision", "Claim", "Verdict then", "Note"],
            [
                [s.date.isoformat(), md(s.reviewer), s.decision, claim_link(c.id, md(c.id), ""), s.verdict, md(s.note)]
                for s, c in sorted(signed, key=lambda sc: (sc[0].date, sc[1].id))
            ],
        )
        if signed
        else "No sign-off yet."
    ]
    lines += [
        "",
        f"## Verdicts with no citation ({len(no_citation)})",
        "",
        "These verdicts rest on the absence of evidence or on judgment; a reviewer should confirm them.",
        "",
    ]
    lines += [f"- {claim_link(c.id, md(c.title), '')} {badge(c.verdict)}" for c in no_citation] or ["None."]
    lines += ["", f"## References with incomplete details ({len(incomplete)})", ""]
    lines += [f"- [{md(k)}](references.md#{anchor(k)}): {md(kb.references[k].get('note'))}" for k in incomplete] or [
        "None."
    ]
    lines += ["", f"## References without a record of where they were seen ({len(unverified)})", ""]
    lines += [f"- {md(k)}" for k in unverified] or ["None."]
    lines += ["", "## Every claim", ""]
    rows = []
    for c in claims:
        rows.append(
            [
                claim_link(c.id, md(c.id), ""),
                badge(c.verdict),
                c.certainty,
                c.review.status,
                md(c.review.approver or "-"),
                c.review.reviewed.isoformat(),
                ("**" + c.review.next_review.isoformat() + "**")
                if c.id in overdue_ids
                else c.review.next_review.isoformat(),
                md(c.internal_notes),
            ]
        )
    lines += [
        table(
            ["Claim", "Verdict", "Certainty", "Status", "Approver", "Reviewed", "Next review", "Internal notes"], rows
        ),
        "",
    ]
    return "\n".join(lines)
