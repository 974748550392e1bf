"""The MkDocs adapter: validate, render, hand MkDocs the generated pages. Nothing else.

Enabled in mkdocs.yml as ``plugins: [search, claimkb]``. The generated pages are finished
HTML (``claimkb.render``): MkDocs gets each one's content, title and table of contents, and
Markdown never parses them; the hand-written pages in docs/ go through Markdown as usual.
``mkdocs serve`` rebuilds the site when a record, a reference, a source document, the checker's
rules or a template change, and re-renders only the pages whose inputs changed; generated
pages exist only in memory and are never written to docs/.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from claimkb.kb.dates import build_date
from claimkb.kb.load import CLAIMS_DIR, REFERENCES_FILE, RULES_FILE, SOURCES_DIR, load_knowledge_base
from claimkb.kb.model import KnowledgeBase
from claimkb.kb.problems import has_errors
from claimkb.kb.vocab import PUBLISHED_STATUS, REVIEW_STATUS
from claimkb.render import AUDIENCES, Site, render_site
from claimkb.render.home import fill_markers
from claimkb.render.html import TEMPLATES
from claimkb.render.memo import Memo


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
    memo: Memo | None = None  # pages rendered by the last build of this `mkdocs serve`

    def on_startup(self, *, command, dirty):
        # Having this method keeps the plugin, and so its memo, from one rebuild of `mkdocs serve` to the next.
        self.memo = Memo() if command == "serve" else None

    def _root(self, config) -> Path:
        return Path(self.config.root or Path(config.config_file_path).parent).resolve()

    def on_config(self, config):
        try:
            today = build_date(self.config.date)
        except ValueError as exc:
            raise PluginError(f"claimkb: date: {exc}") from None
        if self.preloaded:
            kb, problems = self.preloaded, []
        else:  # under mkdocs serve, records unchanged since the last rebuild are not parsed again
            kb, problems = load_knowledge_base(self._root(config), today, remember=self.memo is not None)
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
            directory_urls=config.use_directory_urls,
            memo=self.memo,
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
        made = {path: page.html for path, page in self.site.pages.items()} | self.site.files
        for path, content in made.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"claimkb: docs/{path} would hide a generated page; rename or remove it")
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        made = self.site.pages.get(page.file.src_uri) if self.site else None
        if made is None:
            return fill_markers(markdown)  # a hand-written page
        if made.title is not None:
            page.meta["title"] = made.title
        return ""  # the page is finished HTML: nothing for Markdown to do

    def on_page_content(self, html: str, page, config, files) -> str:
        made = self.site.pages.get(page.file.src_uri) if self.site else None
        if made is None:
            return html
        page.toc = get_toc(made.toc)  # type: ignore[arg-type]  # the same keys as Python-Markdown's tokens
        page.present_anchor_ids = set(made.ids)
        return made.html

    def on_serve(self, server, config, builder):
        root = self._root(config)
        for part in (CLAIMS_DIR, SOURCES_DIR, REFERENCES_FILE, RULES_FILE):
            if (root / part).exists():
                server.watch(str(root / part))
        server.watch(str(TEMPLATES))
        return server
