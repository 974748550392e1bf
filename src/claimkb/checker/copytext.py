"""Marketing copy as the checker reads it: its visible text, its sentences, where each
character stands in the original file, and the inline switches that turn rules off.

Plain text and Markdown are read as they are; HTML by its text content only (no tags,
scripts or styles). Comments never count as copy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from claimkb.kb.htmltext import html_text, looks_like_html
from claimkb.kb.problems import Problem
from claimkb.kb.textnorm import normalise_with_map

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_SWITCH = re.compile(r"^\s*claimkb\s+(disable|enable)\b\s*(.*?)\s*$", re.S | re.I)
ALL = "all"


@dataclass(frozen=True, slots=True)
class CopySentence:
    """One unit of copy as the checker reads it: a sentence, a heading, a bullet, a table cell."""

    text: str  # normalised, as matching sees it
    base: int  # where its unit starts in the copy's visible text
    where: Sequence[int]  # where[at + i]: offset of text[i] from ``base`` (the unit's map, shared)
    copy: CopyText
    unit: str = "text"  # heading | bullet | cell | line | text: where it stands in the copy
    block: int = 0  # the number of the unit (paragraph, bullet, cell, line) it belongs to
    row: int = -1  # for a table cell: the block of its row's first cell
    at: int = 0  # where the sentence starts in its unit's normalised text

    @property
    def start(self) -> int:
        return self.base + self.where[self.at] if self.text else self.base

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the source file of ``text[start:end]``."""
        last = len(self.text) - 1
        first = self.copy.source_offset(self.base + self.where[self.at + min(start, last)])
        final = self.copy.source_offset(self.base + self.where[self.at + min(max(end - 1, start), last)])
        return first, final + 1


@dataclass
class CopyText:
    path: str
    source: str  # the file's text as read
    visible: str  # what a reader sees
    origin: Sequence[int]  # origin[i]: offset in source of visible[i]
    switches: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, disable|enable, rule)
    _line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (from 1) of an offset into the source."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def finding(
        self,
        start: int,
        end: int,
        level: str,
        rule: str,
        message: str,
        hint: str = "",
        claim: str = "",
        verdict: str = "",
        why: str = "",
    ) -> Problem:
        """A finding over ``source[start:end]``; its end column is exclusive."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(end - 1, start))
        return Problem(
            self.path, line, column, level, rule, message, hint, end_line, end_column + 1, claim, verdict, why
        )

    def source_offset(self, visible_offset: int) -> int:
        if not self.origin:
            return 0
        return self.origin[min(max(visible_offset, 0), len(self.origin) - 1)]

    def sentences(self) -> list[CopySentence]:
        """Every sentence of every unit, in order (see ``units``)."""
        found = []
        row, row_end = -1, -1
        for block, (start, end, unit) in enumerate(units(self.visible)):
            if unit == "cell" and not (row >= 0 and "\n" not in self.visible[row_end:start]):
                row = block  # a cell on a new line starts a row
            elif unit != "cell":
                row = -1
            row_end = end
            text, where = normalise_with_map(self.visible[start:end])
            for match in _pieces(text):
                a, b = match
                if text[a:b].strip(" -*#>|"):
                    found.append(CopySentence(text[a:b], start, where, self, unit, block, row, a))
        return found

    def disabled(self, rule_names: tuple[str, ...], offset: int) -> bool:
        """Whether a switch earlier in the file turned any of ``rule_names`` off at ``offset``."""
        state: dict[str, bool] = {}
        for at, action, rule in self.switches:
            if at > offset:
                break
            state[rule] = action == "disable"
            if rule == ALL and action == "enable":
                state = {}
        return state.get(ALL, False) or any(state.get(name, False) for name in rule_names)


_BULLET = re.compile(r"^[ \t]*(?:[-*+\u2022\u2013]|\d{1,3}[.)])[ \t]+")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_QUOTE = re.compile(r"^[ \t]*>[ \t]?")
_SHOUTED = re.compile(r"^[^a-z]*[A-Z][^a-z]*[A-Z][^a-z]*$")  # two capitals and no small letter
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_ENDS_SENTENCE = re.compile(r"(?:[.!?:;\"')\]]|#\w+|[^\w\s\-,&/(])\s*$")  # end punctuation, a hashtag, an emoji
# (a line ending on a rule of dashes, "--- T4: MIGRAINES ---", is a label and does not run on)
_CONTINUES = re.compile(r"(?:[,(&/]|(?<!-)-|\b(?:and|or|but|the|a|an|to|of|for|with|in|on|your|our|that))\s*$", re.I)
# A sentence ends at . ! or ? (perhaps followed by a closing quote or bracket) before a space
# and a capital letter, a digit or an opening quote (as in source documents).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[])")


def units(visible: str) -> list[tuple[int, int, str]]:
    """The units of copy, as (start, end, kind) spans of ``visible``.

    A heading, a bullet or numbered item, a table cell and a line that does not run on into
    the next (it ends a sentence, has no end punctuation and the next line starts afresh, or
    the next line is blank) each stand alone; lines that run on (the next starts in lower
    case, or this one ends on a comma or a joining word) form one unit. Markers (``#``,
    ``-``, ``>``, ``|``) are not part of the text.
    """
    found: list[tuple[int, int, str]] = []
    lines = []
    offset = 0
    for line in visible.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    current: list[int] | None = None  # [start, end] of the running paragraph
    for i, (at, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped or _TABLE_RULE.match(line) and "-" in line:
            if current:
                found.append((current[0], current[1], "text"))
            current = None
            continue
        kind = "line"
        marker = _HEADING.match(line) or _BULLET.match(line) or _QUOTE.match(line)
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            if current:
                found.append((current[0], current[1], "text"))
            current = None
            cell_start = at + line.index("|") + 1
            for cell in line.strip().strip("|").split("|"):
                position = visible.index(cell, cell_start) if cell else cell_start
                if cell.strip():
                    lead = len(cell) - len(cell.lstrip())
                    found.append((position + lead, position + len(cell.rstrip()), "cell"))
                cell_start = position + len(cell) + 1
            continue
        start = at + (marker.end() if marker else len(line) - len(line.lstrip()))
        end = at + len(line.rstrip())
        if marker is not None:
            kind = "heading" if marker.re is _HEADING else "bullet"
            if current:
                found.append((current[0], current[1], "text"))
            current = None
        if current is None:
            current = [start, end]
        else:
            current[1] = end
        following = lines[i + 1][1] if i + 1 < len(lines) else ""
        runs_on = (
            kind != "heading"
            and following.strip()
            and not (_HEADING.match(following) or _BULLET.match(following) or following.strip().startswith("|"))
            and not _ENDS_SENTENCE.search(line)
            and (following.lstrip()[:1].islower() or bool(_CONTINUES.search(line)))
        )
        if not runs_on:
            if current[0] == start and kind == "line" and _SHOUTED.match(stripped):
                kind = "heading"  # a line in capitals is a heading in plain text
            found.append((current[0], current[1], kind if current[0] == start else "text"))
            current = None
    if current:
        found.append((current[0], current[1], "text"))
    return [(a, b, kind) for a, b, kind in found if b > a]


def _pieces(text: str) -> list[tuple[int, int]]:
    """The sentences of one unit's normalised text, as spans."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start() + len(match.group(0).rstrip())
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _switches(source: str) -> list[tuple[int, str, str]]:
    found = []
    for match in _COMMENT.finditer(source):
        switch = _SWITCH.match(match.group(1))
        if not switch:
            continue
        action = switch.group(1).lower()
        rules = [r for r in re.split(r"[\s,]+", switch.group(2)) if r] or [ALL]
        at = match.end() if action == "disable" else match.start()
        found += [(at, action, rule) for rule in rules]
    return sorted(found, key=lambda item: item[0])


def _blank_comments(source: str) -> str:
    """Comments become spaces (newlines kept), so offsets stay as they were."""
    return _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)


def read_copy(path: str, source: str) -> CopyText:
    """The copy in ``source`` (the text of ``path``; ``-`` for standard input)."""
    switches = _switches(source)
    if looks_like_html(path, source):
        visible, origin = html_text(source)
        return CopyText(path, source, visible, origin, switches)
    visible = _blank_comments(source)
    return CopyText(path, source, visible, range(len(visible)), switches)


COPY_SUFFIXES = (".md", ".markdown", ".txt", ".text", ".html", ".htm")


class UnreadableCopy(Exception):
    """An input that is not there, not readable, or not UTF-8; the message says which and why."""


def expand_inputs(names: Sequence[str]) -> list[str]:
    """Files as given; a folder stands for the copy files (.md, .txt, .html, ...) below it."""
    expanded = []
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in COPY_SUFFIXES)
            if not found:
                raise UnreadableCopy(f"{name}: no copy files ({', '.join(COPY_SUFFIXES)}) in this folder")
            expanded += found
        else:
            expanded.append(name)
    return expanded


def read_input(name: str, stdin: BinaryIO) -> tuple[str, str]:
    """(shown path, text) of one input, ``-`` for ``stdin``."""
    if name == "-":
        data = stdin.read()
        shown = "<stdin>"
    else:
        try:
            data = Path(name).read_bytes()
        except OSError as exc:
            raise UnreadableCopy(f"cannot read {name}: {exc.strerror}") from None
        shown = name
    try:
        return shown, data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableCopy(
            f"{shown}:{line}: not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8"
        ) from None


def read_inputs(names: Sequence[str], stdin: BinaryIO) -> list[tuple[str, str]]:
    """Every input read before any is checked, so a bad name fails fast."""
    return [read_input(name, stdin) for name in expand_inputs(names)]
