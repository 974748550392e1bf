"""The MkDocs adapter: validate, render, add the generated pages. Nothing else.

Enabled in mkdocs.yml as ``plugins: [search, claimkb]``. ``mkdocs serve`` rebuilds the
site when a record, a reference, a source document or the checker's rules change; generated pages exist only
in memory and are never written to docs/.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from claimkb.kb.dates import build_date
from claimkb.kb.load import CLAIMS_DIR, REFERENCES_FILE, RULES_FILE, SOURCES_DIR, load_knowledge_base
from claimkb.kb.model import KnowledgeBase
from claimkb.kb.problems import has_errors
from claimkb.kb.vocab import PUBLISHED_STATUS, REVIEW_STATUS
from claimkb.render import AUDIENCES, Site, render_site
from claimkb.render.home import fill_markers


def _hand_written_pages(docs_dir: Path) -> list[dict[str, str]]:
    """Top-level pages written by hand in docs/ (methodology.md, ...), titled by their first heading."""
    pages = []
    for page in sorted(docs_dir.glob("*.md")) if docs_dir.is_dir() else []:
        first = next((line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# ")), "")
        pages.append({first[2:].strip() or page.stem.replace("-", " ").capitalize(): page.name})
    return pages


class ClaimkbConfig(Config):
    audience = opt.Choice(AUDIENCES, default="public")
    root = opt.Optional(opt.Type(str))  # the knowledge base folder; default: beside mkdocs.yml
    date = opt.Type(str, default="")  # YYYY-MM-DD the site is built for
    # which review statuses the public site shows, and whether it names the reviewers
    publish = opt.ListOfItems(opt.Choice(tuple(REVIEW_STATUS)), default=list(PUBLISHED_STATUS))
    publish_names = opt.Type(bool, default=False)


class ClaimkbPlugin(BasePlugin[ClaimkbConfig]):
    site: Site | None = None
    preloaded: KnowledgeBase | None = None  # set by `claimkb build`, which has just validated it

    def _root(self, config) -> Path:
        return Path(self.config.root or Path(config.config_file_path).parent).resolve()

    def on_config(self, config):
        try:
            today = build_date(self.config.date)
        except ValueError as exc:
            raise PluginError(f"claimkb: date: {exc}") from None
        kb, problems = (self.preloaded, []) if self.preloaded else load_knowledge_base(self._root(config), today)
        if has_errors(problems):
            listed = "\n".join(p.format() for p in problems if p.is_error)
            raise PluginError(f"claimkb: the knowledge base has errors; nothing was built:\n{listed}")
        self.site = render_site(
            kb,
            self.config.audience,
            today,
            config.site_url or "",
            tuple(self.config.publish),
            self.config.publish_names,
        )
        config.nav = self.site.nav + _hand_written_pages(Path(config.docs_dir))
        for css in ("assets/claimkb.css", "assets/verdicts.css"):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if "assets/claimkb.js" not in [str(js) for js in config.extra_javascript]:
            config.extra_javascript.append("assets/claimkb.js")
        return config

    def on_files(self, files: Files, config) -> Files:
        assert self.site is not None
        for path, content in self.site.files.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"claimkb: docs/{path} would hide a generated page; rename or remove it")
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        return fill_markers(markdown)

    def on_serve(self, server, config, builder):
        root = self._root(config)
        for part in (CLAIMS_DIR, SOURCES_DIR, REFERENCES_FILE, RULES_FILE):
            if (root / part).exists():
                server.watch(str(root / part))
        return server
