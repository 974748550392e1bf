"""Read the BibTeX file of references (bibtexparser v2) and report what is wrong with it.

bibtexparser v2 does not raise on bad input: it collects unparseable blocks, entries with a
repeated field and repeated keys in ``failed_blocks``, and counts lines from 0. Each of
these becomes a problem here, with lines counted from 1.
"""

from __future__ import annotations

import re
from pathlib import Path

import bibtexparser
from bibtexparser import model as bibmodel
from pylatexenc.latex2text import LatexNodes2Text

from claimkb.kb.model import Reference
from claimkb.kb.problems import Problem
from claimkb.kb.yamlfile import decode

IDENTIFIER_FIELDS = ("doi", "pmid", "url")
# Identifiers and addresses are kept as written; LaTeX in them (% or ~) is not markup.
RAW_FIELDS = IDENTIFIER_FIELDS + ("seenin", "eprint", "isbn", "issn")
_LATEX = LatexNodes2Text()
_LATEX_SPECIAL = re.compile(r"[\\{}$~%&`]|--")


def _field_text(name: str, value: str) -> str:
    value = value.strip()
    if name in RAW_FIELDS or not _LATEX_SPECIAL.search(value):
        return value
    try:
        return " ".join(_LATEX.latex_to_text(value).split())
    except Exception:  # pylatexenc rejects some malformed input; show it as written
        return value


_FORMATS = {
    "doi": (re.compile(r"^10\.\d{4,9}/\S+$"), "a DOI looks like 10.1000/xyz123, without https://doi.org/"),
    "pmid": (re.compile(r"^[1-9]\d{0,8}$"), "a PMID is a number of up to 9 digits"),
    "url": (re.compile(r"^https?://\S+$"), "a URL starts with http:// or https://"),
    "seenin": (re.compile(r"^https?://\S+$"), "seenin is the http(s) address where the details were seen"),
}


def _failed_block_problem(path: str, block: bibmodel.Block) -> Problem:
    line = (block.start_line or 0) + 1
    if isinstance(block, bibmodel.DuplicateFieldKeyBlock):
        fields = ", ".join(sorted(block.duplicate_keys))
        return Problem(
            path,
            line,
            1,
            "error",
            "bib-duplicate-field",
            f"entry repeats the field(s) {fields}",
            "keep one of each field; the entry is ignored until then",
        )
    if isinstance(block, bibmodel.DuplicateBlockKeyBlock):
        return Problem(
            path,
            line,
            1,
            "error",
            "bib-duplicate-key",
            f"entry key {block.key!r} is used twice",
            "give each entry its own key",
        )
    raw = (block.raw or "").strip()
    first = raw.splitlines()[0][:60] if raw else ""
    return Problem(
        path,
        line,
        1,
        "error",
        "bib-syntax",
        f"cannot parse this BibTeX block: {first}",
        "check braces, commas and quotes; each field is name = {value},",
    )


def _entry_problems(path: str, entry: bibmodel.Entry, fields: dict[str, str]) -> list[Problem]:
    problems = []
    line = (entry.start_line or 0) + 1
    if not any(fields.get(name) for name in IDENTIFIER_FIELDS):
        problems.append(
            Problem(
                path,
                line,
                1,
                "error",
                "bib-identifier",
                f"{entry.key}: no doi, pmid or url",
                "add the DOI, PMID or URL you actually saw; if none was seen, do not cite it",
            )
        )
    if not fields.get("title"):
        problems.append(
            Problem(
                path, line, 1, "error", "bib-title", f"{entry.key}: no title", "add the title as seen in the record"
            )
        )
    for name, (pattern, hint) in _FORMATS.items():
        value = fields.get(name)
        if value is not None and not pattern.match(value.strip()):
            field_line = entry.fields_dict[name].start_line + 1
            problems.append(
                Problem(
                    path,
                    field_line,
                    1,
                    "error",
                    "bib-format",
                    f"{entry.key}.{name}: {value!r} is not well formed",
                    hint,
                )
            )
    return problems


def parse_references(text: str, path: str) -> tuple[dict[str, Reference], list[Problem]]:
    """BibTeX text to references by key, with every problem found."""
    library = bibtexparser.parse_string(text)
    problems = [_failed_block_problem(path, block) for block in library.failed_blocks]
    references: dict[str, Reference] = {}
    for entry in library.entries:
        fields = {f.key.lower(): _field_text(f.key.lower(), str(f.value)) for f in entry.fields}
        problems.extend(_entry_problems(path, entry, fields))
        references[entry.key] = Reference(entry.key, entry.entry_type.lower(), fields, (entry.start_line or 0) + 1)
    return references, problems


def read_references(file: Path, shown_as: str) -> tuple[dict[str, Reference], list[Problem]]:
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return {}, [
            Problem(
                shown_as,
                0,
                0,
                "error",
                "unreadable",
                f"cannot read file: {exc.strerror}",
                "create the BibTeX file of references",
            )
        ]
    text, problems = decode(raw, shown_as)
    if text is None:
        return {}, problems
    return parse_references(text, shown_as)
