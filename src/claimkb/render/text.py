"""Escaping and small building blocks shared by every page.

Text from records is never trusted: ``md`` escapes it for Markdown and HTML alike, so a
record holding ``<script>`` or ``[x](javascript:...)`` renders as the characters it holds.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from claimkb.kb.vocab import VERDICTS

# Inside a line only these can start Markdown syntax (emphasis, code, links, attributes,
# table cells); & and < are HTML-escaped first. At the start of a line, a few more can start
# a block (heading, quote, list, rule, ordered list): _LEADING escapes those.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]|])")
_LEADING = re.compile(r"^(\s*)([#>+\-]|\d+(?=[.)]))")


def md(text: str | None, *, keep_edges: bool = False) -> str:
    """Record text as inert Markdown: HTML-escaped, Markdown syntax backslash-escaped.

    Runs of whitespace become one space; ``keep_edges`` keeps a leading or trailing one.
    """
    if not text:
        return ""
    flat = re.sub(r"\s+", " ", str(text))
    if not keep_edges:
        flat = flat.strip()
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
    return _LEADING.sub(lambda m: m.group(1) + _escape_leading(m.group(2)), escaped)


def _escape_leading(marker: str) -> str:
    """A block marker at the start of a line, made inert: \\# \\> \\- \\+, or 1\\. for a list number."""
    return marker + "\\" if marker.isdigit() else "\\" + marker


_CODE_ENTITIES = {
    "*": "&#42;",
    "_": "&#95;",
    "\\": "&#92;",
    "|": "&#124;",
    "`": "&#96;",
    "[": "&#91;",
    "]": "&#93;",
    "{": "&#123;",
    "}": "&#125;",
    "#": "&#35;",
}


def code(text: str) -> str:
    """Record text as inline code that Markdown leaves alone, even inside a table cell."""
    return "<code>" + "".join(_CODE_ENTITIES.get(ch, ch) for ch in html.escape(text, quote=False)) + "</code>"


def front_matter(title: str) -> str:
    """YAML front matter that gives MkDocs a page title safe to put in <title> and the nav.

    MkDocs and Material insert page titles into HTML unescaped; escaping here keeps a
    record's ``</title><script>`` as text.
    """
    return "---\ntitle: " + json.dumps(html.escape(" ".join(title.split()), quote=True)) + "\n---\n\n"


def nav_title(text: str) -> str:
    """A navigation label from record text, escaped for the same reason as ``front_matter``."""
    return html.escape(" ".join(text.split()), quote=True)


def attr(text: str | None) -> str:
    """Record text for an HTML attribute value (inside double quotes)."""
    return html.escape(" ".join(str(text or "").split()), quote=True)


def json_for_script(data: Any) -> str:
    """JSON that is safe inside <script>: no '</script>' or HTML comment can break out."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def url(address: str) -> str:
    """An address for a Markdown link target ``(<...>)``: no character can end it early."""
    return re.sub(r'[<>"\\\s]', lambda m: f"%{ord(m.group(0)):02X}", address)


def anchor(key: str) -> str:
    """An HTML id from a BibTeX key."""
    return "ref-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def badge(verdict: str) -> str:
    """An inline verdict badge (fixed vocabulary, so no record text inside)."""
    label = VERDICTS[verdict].label
    return f'<span class="claimkb-badge claimkb-{verdict}">{html.escape(label)}</span>'


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from cells that are already escaped."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def claim_link(claim_id: str, text: str, from_dir: str) -> str:
    """A Markdown link to a claim page from a page in folder ``from_dir`` ('' for the top)."""
    prefix = "../" * len([part for part in from_dir.split("/") if part])
    return f"[{text}]({prefix}claims/{claim_id}.md)"
