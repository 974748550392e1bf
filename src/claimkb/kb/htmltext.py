"""The visible text of an HTML document, as a reader sees it, with where each character came from.

Tags, scripts and styles are dropped; the structure is written as Markdown writes it, so that
the same reading serves both: a heading on a line of its own after ``#``, a list item after
``-``, a table row as one line of ``|``-separated cells. Used for copy the checker reads and
for source documents supplied as HTML.
"""

from __future__ import annotations

import re
from array import array
from html.parser import HTMLParser

_BLOCK_TAGS = set(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table section article header footer blockquote title dd dt hr"
    " figcaption caption label button option summary nav aside main".split()
)
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg"}


class _TextOfHtml(HTMLParser):
    """The visible text of HTML, its structure written as ``units`` reads it in Markdown: a
    heading on a line of its own after ``#``, a list item after ``-``, a table row as one
    line of ``|``-separated cells."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.chars: list[str] = []
        self.origin = array("q")
        self.skipping = 0
        self.inline = 0  # inside a heading, list item or cell: its text stays on one line
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _emit(self, text: str) -> None:
        at = self._offset()
        self.chars += text
        self.origin.extend([at] * len(text))

    def _break(self) -> None:
        self._emit("\n\n")

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _MARKED_TAGS:
            self._break()
            self._emit(_MARKED_TAGS[tag])
            self.inline += 1
        elif tag == "tr":
            self._break()
            self._emit("|")
        elif tag in ("td", "th"):
            self._emit(" ")
            self.inline += 1
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _MARKED_TAGS:
            self.inline = max(0, self.inline - 1)
            self._break()
        elif tag in ("td", "th"):
            self.inline = max(0, self.inline - 1)
            self._emit(" |")
        elif tag in _BLOCK_TAGS:
            self._break()

    def handle_data(self, data):
        if self.skipping:
            return
        at = self._offset()
        if self.inline:
            data = data.replace("\n", " ").replace("|", "/")
        self.chars.extend(data)
        self.origin.extend(range(at, at + len(data)))


_MARKED_TAGS = {**{f"h{n}": "#" * n + " " for n in range(1, 7)}, "li": "- ", "dt": "- ", "dd": "- "}


def looks_like_html(path: str, source: str) -> bool:
    if path.lower().endswith((".html", ".htm")):
        return True
    if path.lower().endswith((".md", ".markdown", ".txt", ".text")):
        return False
    return bool(re.match(r"\s*(<!doctype html|<html\b)", source, re.I))


def html_text(source: str) -> tuple[str, array[int]]:
    """The visible text of ``source`` and, for each of its characters, its offset in ``source``."""
    parser = _TextOfHtml(source)
    parser.feed(source)
    parser.close()
    return "".join(parser.chars), parser.origin
