"""Pages as HTML, from the Jinja2 templates in render/templates/ (files a designer can edit).

Autoescaping is on: text from records goes into a template as plain data and markupsafe
escapes it, in text and in attribute values alike; only ``Markup`` made here or by a
template is emitted as HTML. ``render`` returns a ``Page``: the HTML of the page's content,
its title (escaped: MkDocs and Material put page titles into HTML unescaped), its table of
contents and the ids it holds, so a site generator needs no Markdown to show it.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from claimkb.kb import vocab
from claimkb.kb.vocab import VERDICTS
from claimkb.render.citations import cite

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Page:
    """One generated page: its content as HTML, with what a site generator shows around it."""

    title: str | None  # as HTML (escaped record text); None: the navigation titles the page
    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)  # nested {level, id, name (HTML), children}
    ids: frozenset[str] = frozenset()  # every id an address may point to (#...)


def flat(text: Any) -> str:
    """Record text on one line: runs of whitespace become one space, none at the edges."""
    return " ".join(str(text).split())


_SPACES = re.compile(r"\s+")


def _finalize(value: Any) -> Any:
    """What ``{{ ... }}`` prints: text with each run of whitespace made one space (then autoescaped,
    as record text is on one line in HTML), None as nothing, HTML and numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _SPACES.sub(" ", value)
    return value


def json_for_script(data: Any) -> Markup:
    """JSON that is safe inside <script>: no '</script>', '<!--' or line separator can break out of it."""
    text = json.dumps(data, ensure_ascii=False)
    for char, code in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return Markup(text)


def slug(text: str) -> str:
    """A heading's id, as Python-Markdown's toc extension makes it (so addresses stay as they were)."""
    value = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def anchor(key: str) -> str:
    """An HTML id from a BibTeX key."""
    return "ref-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def page_url(path: str, directory_urls: bool = True) -> str:
    """The address of the page made from ``path`` (claims/x.md), relative to the site's root, as MkDocs makes it."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index") or "./"
    return stem + "/"


def relative_url(target: str, here: str) -> str:
    """``target`` (an address relative to the site's root) as seen from the page at address ``here``,
    as MkDocs' ``get_relative_url`` makes it."""
    base = [
        part for part in (here if here.endswith("/") else posixpath.dirname(here)).split("/") if part not in ("", ".")
    ]
    parts = [part for part in target.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    relative = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    return relative + "/" if target.endswith("/") else relative


class Links:
    """``link('claims/x.md', 'anchor')`` in a template: the address of another page, relative to this one."""

    def __init__(self, here: str, directory_urls: bool) -> None:
        self.here = page_url(here, directory_urls)
        self.directory_urls = directory_urls

    def __call__(self, path: str, fragment: str = "") -> str:
        target = page_url(path, self.directory_urls) if path.endswith(".md") else path
        return relative_url(target, self.here) + (f"#{fragment}" if fragment else "")


class Headings:
    """``h(level, text)`` in a template: a heading with a unique id and a permalink, recorded
    for the table of contents (as Python-Markdown's toc extension with ``permalink: true``)."""

    def __init__(self, taken: set[str]) -> None:
        self.ids = set(taken)
        self.flat: list[dict[str, Any]] = []

    def __call__(self, level: int, content: str, id: str | None = None) -> Markup:
        html = content if isinstance(content, Markup) else escape(flat(content))
        text = html.striptags()
        if id is None:
            id = base = slug(text)
            n = 0
            while id in self.ids or not id:
                n += 1
                id = f"{base}_{n}"
        self.ids.add(id)
        self.flat.append({"level": level, "id": id, "name": str(escape(text)), "children": []})
        id_ = escape(id)
        link = f'<a class="headerlink" href="#{id_}" title="Permanent link">&para;</a>'
        return Markup(f'<h{level:d} id="{id_}">{html}{link}</h{level:d}>')

    def toc(self) -> list[dict[str, Any]]:
        """The headings nested by level, as MkDocs' ``get_toc`` takes them."""
        top: list[dict[str, Any]] = []
        stack: list[dict[str, Any]] = []
        for item in self.flat:
            while stack and stack[-1]["level"] >= item["level"]:
                stack.pop()
            (stack[-1]["children"] if stack else top).append(item)
            stack.append(item)
        return top


def _badge(verdict: str) -> Markup:
    return Markup(f'<span class="claimkb-badge claimkb-{escape(verdict)}">{escape(VERDICTS[verdict].label)}</span>')


def templates_digest() -> str:
    """A digest of every template file's content: a cached page made from other templates is stale."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.glob("*.html")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


# The vocabularies every template may read, by their names in claimkb.kb.vocab.
_VOCABULARY = (
    "VERDICTS",
    "CERTAINTY",
    "CERTAINTY_LABEL",
    "CITATION_STATUS",
    "CITATION_STATUS_LABEL",
    "STANCE_LABEL",
    "DESIGN_LABEL",
    "INTERVENTIONS",
    "REVIEW_STATUS",
    "CONCEPT_KINDS",
)
_environments: dict[str, Environment] = {}


def environment(digest: str) -> Environment:
    """The Jinja2 environment for the templates as they are (``digest``): autoescaping, strict."""
    if digest not in _environments:
        _environments.clear()
        env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            finalize=_finalize,
            auto_reload=False,
        )
        env.filters.update(json_for_script=json_for_script, anchor=anchor)
        env.globals.update(badge=_badge, cite=cite)
        env.globals.update({name: getattr(vocab, name) for name in _VOCABULARY})
        _environments[digest] = env
    return _environments[digest]


def render(
    template: str,
    here: str,
    title: str | None,
    *,
    digest: str | None = None,
    directory_urls: bool = True,
    taken: tuple[str, ...] = (),
    **context: Any,
) -> Page:
    """The page at ``here`` (claims/x.md) from ``template``, titled ``title`` unless the navigation titles it;
    ``taken``: ids the page holds besides its headings."""
    headings = Headings(set(taken))
    html = (
        environment(digest or templates_digest())
        .get_template(template)
        .render(h=headings, link=Links(here, directory_urls), **context)
    )
    shown = str(escape(flat(title))) if title is not None else None
    return Page(shown, html, headings.toc(), frozenset(headings.ids))
