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
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from claimkb.kb.problems import Problem
from claimkb.kb.segments import sentences
from claimkb.kb.textnorm import normalise_with_map

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_SWITCH = re.compile(r"^\s*claimkb\s+(disable|enable)\b\s*(.*?)\s*$", re.S | re.I)
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "title",
    "dd",
    "dt",
    "hr",
}
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg"}
ALL = "all"


@dataclass(frozen=True)
class CopySentence:
    text: str  # normalised, as matching sees it
    start: int  # where it starts in the copy's normalised visible text
    copy: CopyText

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the source file of ``text[start:end]``."""
        last = len(self.text) - 1
        first = self.copy.source_offset(self.copy.where[self.start + min(start, last)])
        final = self.copy.source_offset(self.copy.where[self.start + min(max(end - 1, start), last)])
        return first, final + 1


@dataclass
class CopyText:
    path: str
    source: str  # the file's text as read
    visible: str  # what a reader sees
    origin: list[int]  # origin[i]: offset in source of visible[i]
    switches: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, disable|enable, rule)
    _line_starts: list[int] = field(default_factory=list)
    where: list[int] = field(default_factory=list)  # normalised visible text -> visible text

    def __post_init__(self) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.source)]
        _, self.where = normalise_with_map(self.visible)

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
    ) -> Problem:
        """A finding over ``source[start:end]``; its end column is exclusive."""
        line, column = self.position(start)
        end_line, end_column = self.position(max(end - 1, start))
        return Problem(self.path, line, column, level, rule, message, hint, end_line, end_column + 1, claim, verdict)

    def source_offset(self, visible_offset: int) -> int:
        if not self.origin:
            return 0
        return self.origin[min(max(visible_offset, 0), len(self.origin) - 1)]

    def sentences(self) -> list[CopySentence]:
        return [
            CopySentence(sentence.text, sentence.span.start, self)
            for sentence in sentences(self.visible)
            if sentence.text.strip() and sentence.span.end > sentence.span.start
        ]

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


class _TextOfHtml(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[str] = []
        self.origin: list[int] = []
        self.skipping = 0
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _break(self) -> None:
        at = self._offset()
        self.chars += ["\n", "\n"]
        self.origin += [at, at]

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data):
        if self.skipping:
            return
        at = self._offset()
        self.chars.extend(data)
        self.origin.extend(range(at, at + len(data)))


def looks_like_html(path: str, source: str) -> bool:
    if path.lower().endswith((".html", ".htm")):
        return True
    if path.lower().endswith((".md", ".markdown", ".txt", ".text")):
        return False
    return bool(re.match(r"\s*(<!doctype html|<html\b)", source, re.I))


def read_copy(path: str, source: str) -> CopyText:
    """The copy in ``source`` (the text of ``path``; ``-`` for standard input)."""
    switches = _switches(source)
    if looks_like_html(path, source):
        parser = _TextOfHtml(source)
        parser.feed(source)
        parser.close()
        return CopyText(path, source, "".join(parser.chars), parser.origin, switches)
    visible = _blank_comments(source)
    return CopyText(path, source, visible, list(range(len(visible))), switches)


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
