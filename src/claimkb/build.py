"""``claimkb build``: validate, build each audience's site with MkDocs in strict mode into a
temporary folder, and only then replace the old site. A failed build leaves it untouched."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from claimkb.kb.model import KnowledgeBase

CONFIG_FILE = "mkdocs.yml"


class BuildError(Exception):
    """The site could not be built; the message says why."""


@contextlib.contextmanager
def _quiet_mkdocs(verbose: bool) -> Iterator[list[str]]:
    """Collect MkDocs' warnings and errors instead of letting them scroll past."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler = Collect(level=logging.WARNING)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = verbose
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate


def build_audience(
    root: Path, audience: str, site_dir: Path, date: str, verbose: bool = False, kb: KnowledgeBase | None = None
) -> None:
    """Build one audience's site into ``site_dir`` (strict mode), or raise BuildError."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        raise BuildError(f"no {CONFIG_FILE} in {root}")
    with _quiet_mkdocs(verbose) as messages:
        try:
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
            plugin = config.plugins.get("claimkb")
            if plugin is None:
                raise BuildError(f"{CONFIG_FILE} does not enable the claimkb plugin (plugins: [search, claimkb])")
            plugin.config["audience"] = audience
            plugin.preloaded = kb
            if date:
                plugin.config["date"] = date
            build(config)
        except (MkDocsException, Abort) as exc:
            detail = "\n".join(messages) or str(exc)
            raise BuildError(f"{audience} site failed to build:\n{detail}") from None


@contextlib.contextmanager
def _source_date(day: dt.date) -> Iterator[None]:
    """Pin SOURCE_DATE_EPOCH (MkDocs' sitemap dates) to the build date, so builds repeat byte for byte."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    if old is None:
        os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def build_sites(
    root: Path,
    out: Path,
    audiences: Sequence[str],
    day: dt.date,
    verbose: bool = False,
    kb: KnowledgeBase | None = None,
) -> list[Path]:
    """Build every audience for the date ``day``, then swap each into ``out/<audience>``; all or nothing.

    ``kb``: the knowledge base, already loaded and validated, so the builds need not read it again.
    """
    with _source_date(day):
        return _build_and_swap(root, out, audiences, day.isoformat(), verbose, kb)


def _build_and_swap(
    root: Path, out: Path, audiences: Sequence[str], date: str, verbose: bool, kb: KnowledgeBase | None
) -> list[Path]:
    out = out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".claimkb-build-", dir=out))
    try:
        _build_each(root, audiences, staging, date, verbose, kb)
        if "internal" in audiences:
            _write_bundle(root, staging / "internal", date, kb)
        built = []
        for audience in audiences:
            target = out / audience
            old = staging / f"{audience}.old"
            if target.exists():
                target.rename(old)
            (staging / audience).rename(target)
            built.append(target)
        return built
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_bundle(root: Path, site_dir: Path, date: str, kb: KnowledgeBase | None) -> None:
    """The checker bundle, for ``claimkb check --kb``, beside the internal site's pages."""
    from claimkb.checker.bundle import BUNDLE_FILE, bundle_text, git_commit, make_bundle
    from claimkb.kb.load import load_knowledge_base

    if kb is None:
        kb, _ = load_knowledge_base(root)
    try:
        address = site_url(root / CONFIG_FILE)
    except ValueError as exc:
        raise BuildError(f"{CONFIG_FILE}: {exc}") from None
    bundle = make_bundle(kb, address, dt.date.fromisoformat(date), git_commit(root))
    (site_dir / BUNDLE_FILE).write_text(bundle_text(bundle), encoding="utf-8")
    print(f"wrote the checker bundle {BUNDLE_FILE} ({len(bundle['claims'])} claims)", file=sys.stderr)


_inherited: KnowledgeBase | None = None  # the knowledge base a forked worker finds in memory


def _build_inherited(root: Path, audience: str, site_dir: Path, date: str, verbose: bool) -> None:
    build_audience(root, audience, site_dir, date, verbose, _inherited)


def _build_each(
    root: Path, audiences: Sequence[str], staging: Path, date: str, verbose: bool, kb: KnowledgeBase | None
) -> None:
    """Build each audience into ``staging/<audience>``: side by side, one forked worker each (which
    inherits the knowledge base instead of reading it again), where the system forks and has the cores."""
    for audience in audiences:
        print(f"building the {audience} site ...", file=sys.stderr)
    if len(audiences) < 2 or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for audience in audiences:
            build_audience(root, audience, staging / audience, date, verbose, kb)
        return
    global _inherited
    _inherited = kb
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(audiences), mp_context=context) as workers:
            running = [
                workers.submit(_build_inherited, root, audience, staging / audience, date, verbose)
                for audience in audiences
            ]
            for future in running:
                future.result()  # a worker's BuildError is raised here
    finally:
        _inherited = None


def site_url(config_file: Path) -> str:
    """The ``site_url`` of an MkDocs configuration, read with MkDocs' own YAML loader (``!ENV``
    and all) and checked by its own URL option; "" when there is no file or no address.

    The full ``load_config`` would also load the theme and plugins: a quarter of a second that
    every ``claimkb check`` would pay for one address.
    """
    from mkdocs.config.base import ValidationError
    from mkdocs.config.config_options import URL
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils import yaml_load

    if not config_file.is_file():
        return ""
    try:
        with config_file.open(encoding="utf-8") as handle:
            data = yaml_load(handle) or {}
        value = data.get("site_url") if isinstance(data, dict) else None
        return URL(is_dir=True).validate(value) or "" if value else ""
    except (ConfigurationError, ValidationError) as exc:
        raise ValueError(f"site_url: {exc}") from None
    except Exception as exc:  # YAML errors and the like, from a file MkDocs could not read either
        raise ValueError(str(exc).splitlines()[0]) from None
