"""Rendering: pure functions from the validated model to the site's pages.

``render_site`` returns every generated file by its path under the docs folder; nothing here
touches MkDocs, so each page can be tested alone and a later move to another site generator
changes only the adapter (``claimkb.mkdocs_plugin``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from importlib import resources

from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.kb.vocab import PUBLISHED_STATUS, VERDICTS
from claimkb.render.article import article_page
from claimkb.render.checker_page import checker_page
from claimkb.render.claims import claim_page, claims_index
from claimkb.render.home import home_page
from claimkb.render.internal import audit_page, audit_rows, wording_page
from claimkb.render.references import bibliography_page
from claimkb.render.text import nav_title
from claimkb.report import csv_text, json_text

AUDIENCES = ("public", "internal")
ASSETS = ("claimkb.css", "claimkb.js")


@dataclass(frozen=True)
class Site:
    """The generated files (path -> text) and the navigation for one audience."""

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
) -> Site:
    """Every page for ``audience``. ``publish``: the review statuses the public site shows;
    ``names``: whether the public site names the reviewers who signed claims off."""
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    claims = published(kb, audience, publish)
    files = {
        "index.md": home_page(kb, claims, audience),
        "claims/index.md": claims_index(claims),
        "references.md": bibliography_page(kb, {c.id for c in claims}),
    }
    nav = [{"Home": "index.md"}]
    for doc_id in sorted({c.source.document for c in claims}):
        files[f"article/{doc_id}.md"] = article_page(kb.documents[doc_id], claims)
        nav.append({nav_title(f"The article: {kb.documents[doc_id].title}"): f"article/{doc_id}.md"})
    for claim in claims:
        files[f"claims/{claim.id}.md"] = claim_page(claim, kb, audience, site_url, names)
    nav += [{"Claims": "claims/index.md"}, {"References": "references.md"}]
    if audience == "internal":
        rows = audit_rows(claims, today)
        files.update(
            {
                "wording.md": wording_page(claims),
                "audit.md": audit_page(kb, claims, today),
                "audit.csv": csv_text(rows),
                "audit.json": json_text(rows),
                "checker.md": checker_page(list(kb.rules), claims, list(kb.concepts)),
            }
        )
        nav += [{"Approved wording": "wording.md"}, {"Compliance audit": "audit.md"}, {"Copy checker": "checker.md"}]
    for name in ASSETS:
        files[f"assets/{name}"] = asset(name)
    files["assets/verdicts.css"] = verdict_css()
    return Site(files, nav)
