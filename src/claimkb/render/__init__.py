"""Rendering: pure functions from the validated model to the site's pages, as HTML.

``render_site`` returns every generated page (HTML from the templates in render/templates/,
with its title and table of contents) and every other generated file, by its path under the
docs folder; nothing here touches MkDocs, so each page can be tested alone and a later move to
another site generator changes only the adapter (``claimkb.mkdocs_plugin``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from typing import Any

from markupsafe import escape

from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.kb.vocab import PUBLISHED_STATUS, VERDICTS
from claimkb.render.article import article_page
from claimkb.render.checker_page import checker_page
from claimkb.render.claims import claim_inputs, claim_page, claims_index
from claimkb.render.home import home_page
from claimkb.render.html import Page, flat, templates_digest
from claimkb.render.internal import audit_page, audit_rows, wording_page
from claimkb.render.memo import Memo, NoMemo
from claimkb.render.places import documents as shown_documents
from claimkb.render.references import bibliography_page
from claimkb.report import csv_text, json_text

AUDIENCES = ("public", "internal")
ASSETS = ("claimkb.css", "claimkb.js")


@dataclass(frozen=True)
class Site:
    """The generated pages (path -> Page), the other generated files (path -> text) and the
    navigation (titles escaped) for one audience."""

    pages: dict[str, Page] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    nav: list[dict[str, str]] = field(default_factory=list)


def published(kb: KnowledgeBase, audience: str, statuses: tuple[str, ...] = PUBLISHED_STATUS) -> list[Claim]:
    """The claims an audience sees: the internal site all; the public those whose review status
    is in ``statuses`` (a site setting; by default in-review and approved, never drafts or
    retired records)."""
    if audience == "internal":
        return list(kb.claims)
    return [c for c in kb.claims if c.review.status in statuses]


def asset(name: str) -> str:
    return resources.files("claimkb").joinpath("assets", name).read_text(encoding="utf-8")


HIGHLIGHT_ALPHA = 0x1F  # how strongly a highlight is tinted with its verdict's colour (of 0xFF)


def verdict_css() -> str:
    """The verdict colours, from claimkb.kb.vocab: one source for every colour on the site."""
    rules = []
    for verdict in VERDICTS.values():
        rules.append(
            f".claimkb-badge.claimkb-{verdict.value} {{ background: {verdict.colour}; }}\n"
            f".claimkb-hl.claimkb-{verdict.value}, .claimkb-ref.claimkb-{verdict.value} "
            f"{{ border-color: {verdict.colour}; background: {verdict.colour}{HIGHLIGHT_ALPHA:02x}; }}"
        )
    return "\n".join(rules) + "\n"


def render_site(
    kb: KnowledgeBase,
    audience: str,
    today: dt.date,
    site_url: str = "",
    publish: tuple[str, ...] = PUBLISHED_STATUS,
    names: bool = False,
    *,
    directory_urls: bool = True,
    memo: Memo | None = None,
) -> Site:
    """Every page for ``audience``. ``publish``: the review statuses the public site shows;
    ``names``: whether the public site names the reviewers who signed claims off;
    ``directory_urls``: pages at claims/x/ (else claims/x.html); ``memo``: pages rendered before,
    reused where nothing they are made from has changed."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    memo = memo or NoMemo()
    claims = published(kb, audience, publish)
    templates = templates_digest()
    settings = (audience, today, site_url, names, directory_urls, templates)
    documents = [document for document, _ in shown_documents(kb, claims, audience)]
    every = memo.key(claims, documents, settings)  # stands for the inputs of the pages that list every claim
    options: dict[str, Any] = {"digest": templates, "directory_urls": directory_urls}
    pages = {
        "index.md": memo.page(("index", every), partial(home_page, kb, claims, audience, **options)),
        "claims/index.md": memo.page(("claims", every), partial(claims_index, claims, documents, audience, **options)),
        "references.md": memo.page(
            ("references", every, [kb.references[k] for c in claims for k in c.reference_keys]),
            partial(bibliography_page, kb, {c.id for c in claims}, **options),
        ),
    }
    nav = [{"Home": "index.md"}]
    for document in documents:
        pages[f"article/{document.id}.md"] = memo.page(
            ("article", document.id, every), partial(article_page, document, claims, audience, **options)
        )
        nav.append({str(escape(flat(f"The article: {document.title}"))): f"article/{document.id}.md"})
    for claim in claims:
        pages[f"claims/{claim.id}.md"] = memo.page(
            ("claim", claim_inputs(claim, kb), settings),
            partial(claim_page, claim, kb, audience, site_url, names, **options),
        )
    nav += [{"Claims": "claims/index.md"}, {"References": "references.md"}]
    files = {}
    if audience == "internal":
        rows = audit_rows(claims, today)
        pages["wording.md"] = memo.page(("wording", every), partial(wording_page, claims, **options))
        pages["audit.md"] = memo.page(
            ("audit", every, kb.references), partial(audit_page, kb, claims, today, **options)
        )
        pages["checker.md"] = memo.page(
            ("checker", every, kb.rules, kb.concepts),
            partial(checker_page, list(kb.rules), claims, list(kb.concepts), **options),
        )
        files.update({"audit.csv": csv_text(rows), "audit.json": json_text(rows)})
        nav += [{"Approved wording": "wording.md"}, {"Compliance audit": "audit.md"}, {"Copy checker": "checker.md"}]
    for name in ASSETS:
        files[f"assets/{name}"] = asset(name)
    files["assets/verdicts.css"] = verdict_css()
    memo.done()
    return Site(pages, files, nav)
