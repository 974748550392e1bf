"""``claimkb ingest FILE``: register a new source document and sort every sentence of it.

The document (plain text, Markdown or HTML, kept exactly as supplied) is read by the copy
checker, with its claim detection and linking:

- a sentence that asserts a known claim becomes a new appearance of that record, marked
  ``status: proposed`` until a reviewer confirms it (``claimkb review ID --approve``);
  the record is edited in round-trip mode, so nothing else in it changes, and since
  appearances are not part of the fingerprint, an approval stays valid;
- a health claim no record covers becomes a new draft record, its quote, document and
  section filled in and every field it still needs marked TODO;
- everything else is registered under the document's ``not_claims`` with its reason
  (heading, question, call-to-action, logistics, hedged, byline, description).

Every sentence that ``claimkb coverage`` counts ends up quoted or explained. The result is
validated in a scratch copy of the knowledge base before anything is written, and then every
file is written, or none.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from claimkb.checker.check import KNOWN_CLAIM, UNREVIEWED_CLAIM, Checker
from claimkb.checker.copytext import CopySentence, read_copy
from claimkb.kb.files import write_together
from claimkb.kb.htmltext import html_text, looks_like_html
from claimkb.kb.layout import CLAIMS_DIR, SOURCES_DIR
from claimkb.kb.load import load_knowledge_base
from claimkb.kb.model import KnowledgeBase
from claimkb.kb.problems import Problem
from claimkb.kb.segments import Span, find_span, sentences
from claimkb.kb.textnorm import normalise
from claimkb.review import PROPOSED_NOTE, yaml_round_trip
from claimkb.scaffold import scaffold

SUFFIXES = (".txt", ".md", ".html")
_CALL_TO_ACTION = re.compile(
    r"\W*(book|call|visit|contact|email|e-mail|order|buy|sign up|join|try|get|claim|reserve|dm|text|message|"
    r"follow|click|tap|learn more|find out|read on|discover|grab|shop|schedule|enquire|ask|come|pop in|drop by)\b",
    re.I,
)
_LOGISTICS = re.compile(
    r"[£$€]\s?\d|\d\s?(?:€|eur|gbp|usd)\b|\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b(?:mon|tue|wed|thu|fri|sat|sun)\w*\b.*\d|"
    r"@\w|https?://|www\.|\b\d{3,}[ -]?\d{3,}\b|\b(?:parking|address|street|road|floor|suite|opening hours|open)\b",
    re.I,
)
_BYLINE = re.compile(r"\W*(by|written by|posted by|words by|photo(graph)?s? by)\s+[A-Z]", re.I)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("a an and the of to in on for with your our you we it its is are be can this that at by".split())


class IngestError(Exception):
    """Nothing was ingested; the message says why and what to do."""


@dataclass
class Plan:
    """What an ingest does: the lines of its summary, and the files it writes."""

    document: str
    linked: list[tuple[str, str]] = field(default_factory=list)  # (record id, quote)
    drafted: list[tuple[str, str]] = field(default_factory=list)  # (new record id, quote)
    not_claims: list[tuple[str, str]] = field(default_factory=list)  # (reason, text)
    files: list[tuple[Path, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{self.document}: {len(self.linked)} linked to records (proposed appearances), "
            f"{len(self.drafted)} drafted as new records, {len(self.not_claims)} not claims"
        ]
        lines += [f"  linked   {claim_id}: {_short(quote)}" for claim_id, quote in self.linked]
        lines += [f"  drafted  {claim_id}: {_short(quote)}" for claim_id, quote in self.drafted]
        lines += [f"  not a claim ({reason}): {_short(text)}" for reason, text in self.not_claims]
        return "\n".join(lines)


def _short(text: str, width: int = 90) -> str:
    return json.dumps(text if len(text) <= width else text[: width - 1] + "…", ensure_ascii=False)


def reason(sentence: CopySentence, checker: Checker) -> str:
    """Why a sentence is not a claim, in the words of not_claims."""
    text = sentence.text.strip()
    if sentence.unit == "heading":
        return "heading"
    if any(hit.kind == "hedge" for hit in checker.index.find(text)):
        return "hedged"
    if text.endswith("?"):
        return "question"
    if _BYLINE.match(text):
        return "byline"
    if _LOGISTICS.search(text):
        return "logistics"
    if _CALL_TO_ACTION.match(text):
        return "call-to-action"
    return "description"


def _slug(text: str, taken: set[str]) -> str:
    words = [w for w in _WORD.findall(text.lower().replace("'", "").replace("\u2019", "")) if w not in _STOP][:6] or [
        "claim"
    ]
    base = "-".join(words)[:60].strip("-")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _yaml_text(value: str | None) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _registry(doc_id: str, title: str, publisher: str, day: str | None, url: str | None, text_file: str) -> str:
    return (
        "# yaml-language-server: $schema=../src/claimkb/kb/schema/source.schema.json\n"
        f"id: {doc_id}\ntitle: {_yaml_text(title)}\npublisher: {_yaml_text(publisher)}\n"
        f"date: {_yaml_text(day)}\nurl: {_yaml_text(url)}\ntext: {text_file}\n"
    )


def _with_appearances(text: str, places: list[tuple[str, str, str | None]]) -> str:
    """A record's text with proposed appearances added (round trip: nothing else changes)."""
    yaml = yaml_round_trip()
    data = yaml.load(text)
    if "appearances" not in data:  # the older form: its place becomes the first appearance
        position = list(data).index("source")
        data.insert(position, "appearances", CommentedSeq([data.pop("source")]))
    for doc_id, quote, section in places:
        item = CommentedMap()
        item["document"] = doc_id
        if section:
            item["section"] = section
        item["quote"] = quote
        item["status"] = "proposed"
        item["note"] = PROPOSED_NOTE
        data["appearances"].append(item)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def plan(
    root: Path,
    kb: KnowledgeBase,
    source_name: str,
    supplied: str,
    doc_id: str,
    title: str,
    publisher: str,
    day: str | None,
    url: str | None,
    today: dt.date,
) -> Plan:
    """What ingesting ``supplied`` (the text of ``source_name``) as ``doc_id`` would do."""
    suffix = Path(source_name).suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(f"{source_name}: ingest reads {', '.join(SUFFIXES)} files; save the document as one of them")
    if doc_id in kb.documents or (root / SOURCES_DIR / f"{doc_id}.yaml").exists():
        raise IngestError(f"--id: a source document {doc_id!r} is already registered; choose another id")
    visible = html_text(supplied)[0] if looks_like_html(source_name, supplied) else supplied
    if not visible.strip():
        raise IngestError(f"{source_name}: the document holds no text")
    checker = Checker.for_kb(kb)
    copy = read_copy(f"{doc_id}.md", visible)  # the text coverage and quotes read, as Markdown
    units = copy.sentences()
    starts = [u.source_span(0, len(u.text))[0] for u in units]
    line_starts = [0] + [m.end() for m in re.finditer("\n", copy.source)]
    found: dict[int, list[Problem]] = {}
    for finding in checker.check(copy):
        offset = line_starts[finding.line - 1] + finding.column - 1
        found.setdefault(max(bisect.bisect_right(starts, offset) - 1, 0), []).append(finding)

    result = Plan(doc_id)
    flat = normalise(visible)
    quoted: list[Span] = []
    explained: list[tuple[str, Span]] = []
    appearances: dict[str, list[tuple[str, str, str | None]]] = {}
    taken = {c.id for c in kb.claims} | {p.stem for p in (root / CLAIMS_DIR).glob("*.yaml")}
    section: str | None = None
    for i, unit in enumerate(units):
        text = unit.text.strip()
        span = find_span(flat, text)
        if span is None:
            continue  # not found as read (rare): coverage below explains its sentence
        records = sorted({f.claim for f in found.get(i, []) if f.rule == KNOWN_CLAIM and f.claim})
        if records:
            for claim_id in records:
                appearances.setdefault(claim_id, []).append((doc_id, text, section))
                result.linked.append((claim_id, text))
            quoted.append(span)
        elif any(f.rule == UNREVIEWED_CLAIM for f in found.get(i, [])):
            draft_id = _slug(text, taken)
            record = scaffold(draft_id, today, doc_id, section, text)
            result.files.append((root / CLAIMS_DIR / f"{draft_id}.yaml", record))
            result.drafted.append((draft_id, text))
            quoted.append(span)
        else:
            why = reason(unit, checker)
            result.not_claims.append((why, text))
            explained.append((why, span))
        if unit.unit == "heading":
            section = text
    # Coverage reads paragraphs and sentences its own way (a list without blank lines is one
    # paragraph): a sentence of it that no quote touches and no entry holds is explained whole.
    for sentence in sentences(visible):
        touched = any(span.overlaps(sentence.span) for span in quoted)
        held = any(s.start <= sentence.span.start and sentence.span.end <= s.end for _, s in explained)
        if not touched and not held and sentence.text.strip():
            result.not_claims.append(("description", sentence.text))
            explained.append(("description", sentence.span))

    registry = _registry(doc_id, title, publisher, day, url, f"{doc_id}{suffix}")
    if result.not_claims:
        registry += "not_claims:\n" + "".join(
            f"  - {{text: {_yaml_text(text)}, reason: {why}}}\n" for why, text in result.not_claims
        )
    result.files += [
        (root / SOURCES_DIR / f"{doc_id}.yaml", registry),
        (root / SOURCES_DIR / f"{doc_id}{suffix}", supplied),
    ]
    for claim_id, places in appearances.items():
        path = root / CLAIMS_DIR / f"{claim_id}.yaml"
        result.files.append((path, _with_appearances(path.read_text(encoding="utf-8"), places)))
    return result


def check_in_scratch(root: Path, result: Plan, today: dt.date) -> list[Problem]:
    """The errors the knowledge base would have with the plan's files written (in a scratch copy)."""
    with tempfile.TemporaryDirectory(prefix="claimkb-ingest-") as scratch:
        copy = Path(scratch) / "kb"
        copy.mkdir()
        for name in (CLAIMS_DIR, SOURCES_DIR, "rules"):
            if (root / name).is_dir():
                shutil.copytree(root / name, copy / name)
        for name in ("references.bib",):
            if (root / name).is_file():
                shutil.copy2(root / name, copy / name)
        for path, text in result.files:
            target = copy / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        _, problems = load_knowledge_base(copy, today)
    return [p for p in problems if p.is_error]


def ingest(root: Path, kb: KnowledgeBase, result: Plan, today: dt.date) -> None:
    """Write the plan's files, all or none, once the result validates (IngestError otherwise)."""
    errors = check_in_scratch(root, result, today)
    if errors:
        shown = "\n  ".join(p.format().splitlines()[0] for p in errors[:5])
        raise IngestError(f"the ingested knowledge base would not validate, so nothing was written:\n  {shown}")
    try:
        write_together(result.files)
    except OSError as exc:
        where = exc.filename or "the files"
        raise IngestError(f"could not write {where}: {exc.strerror or exc}; nothing was written") from None
