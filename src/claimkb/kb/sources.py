"""Read the registry of source documents: ``sources/<id>.yaml`` beside its full text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from claimkb.kb.htmltext import html_text, looks_like_html
from claimkb.kb.model import NotAClaim, SourceDocument
from claimkb.kb.problems import Problem
from claimkb.kb.schema import schema_problems
from claimkb.kb.textnorm import normalise
from claimkb.kb.yamlfile import decode, read_yaml

SCHEMA_NAME = "source.schema.json"


def read_source(file: Path, shown_as: str) -> tuple[SourceDocument | None, list[Problem]]:
    doc, problems = read_yaml(file, shown_as)
    if doc is None:
        return None, problems
    problems += schema_problems(doc, SCHEMA_NAME)
    if problems:
        return None, problems
    data = doc.data
    if data["id"] != file.stem:
        problems.append(
            doc.problem(
                ("id",),
                "id-filename",
                f"id: {data['id']!r} does not match the file name {file.name!r}",
                f"rename the file to {data['id']}.yaml, or set id: {file.stem}",
            )
        )
    date = None
    if data.get("date"):
        try:
            date = dt.date.fromisoformat(data["date"])
        except ValueError:
            problems.append(
                doc.problem(
                    ("date",),
                    "bad-date",
                    f"date: {data['date']!r} is not a real date",
                    "write an existing date as YYYY-MM-DD, or null when unknown",
                )
            )
    text_file = file.parent / data["text"]
    text_shown = str(Path(shown_as).parent / data["text"])
    try:
        raw = text_file.read_bytes()
    except OSError:
        return None, problems + [
            doc.problem(
                ("text",),
                "missing-text",
                f"text: the file {data['text']!r} does not exist",
                "put the document's full text beside this file",
            )
        ]
    text, bad = decode(raw, text_shown)
    if text is None:
        return None, problems + bad
    if not text.strip():
        return None, problems + [
            Problem(text_shown, 0, 0, "error", "empty-file", "file is empty", "paste the document's full text into it")
        ]
    if looks_like_html(data["text"], text):
        text = html_text(text)[0]  # quotes, coverage and the annotated page read what a reader sees
    normalised = normalise(text)
    not_claims = []
    for i, item in enumerate(data.get("not_claims") or ()):
        if normalise(item["text"]) not in normalised:
            problems.append(
                doc.problem(
                    ("not_claims", i, "text"),
                    "quote-not-found",
                    f"not_claims[{i}].text: not found in {data['text']}",
                    "copy the sentence exactly as it stands in the document",
                )
            )
        not_claims.append(NotAClaim(item["text"], item["reason"], item.get("note")))
    source = SourceDocument(
        id=data["id"],
        title=data["title"],
        publisher=data["publisher"],
        text=text,
        date=date,
        url=data.get("url"),
        not_claims=tuple(not_claims),
        path=shown_as,
        text_path=text_shown,
    )
    return source, problems
