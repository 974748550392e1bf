"""A cache of work derived from the knowledge base's files, kept in ``<root>/.claimkb-cache/``.

The folder is ``$CLAIMKB_CACHE_DIR`` when that is set. An entry is valid while every input
file has the same path and content (a hash of both), and claimkb's own
code and schemas are the same; then it is loaded instead of rebuilt. (Reading and hashing
the files costs a few milliseconds; parsing them is what the cache saves.) Entries
are written atomically, and only when building succeeded. Entries are JSON, which cannot
run code when read; one that does not parse or that ``read`` refuses (corrupt, foreign, or
from another version) is ignored and rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from claimkb import __version__
from claimkb.kb.files import write_together
from claimkb.kb.layout import CACHE_DIR, CACHE_VARIABLE

T = TypeVar("T")


def _files(paths: Iterable[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            found.append(path)
    return found


def _package_files() -> list[Path]:
    package = Path(str(resources.files("claimkb")))
    return sorted(p for p in package.rglob("*") if p.is_file() and p.suffix in (".py", ".json"))


@functools.cache
def code_fingerprint() -> str:
    """A digest of claimkb's version, code and schemas: what every cached result depends on."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=12)
    for file in _package_files():
        digest.update(file.read_bytes())
    return digest.hexdigest()


def cache_folder(root: Path) -> Path:
    """``$CLAIMKB_CACHE_DIR``, else ``<root>/.claimkb-cache``."""
    return Path(os.environ.get(CACHE_VARIABLE) or root / CACHE_DIR)


def fingerprint(root: Path, inputs: Iterable[Path], extra: str = "") -> str:
    """A digest of claimkb's code and schemas, ``extra``, and every input file's path and content."""
    digest = hashlib.blake2b(f"{code_fingerprint()}\0{extra}".encode(), digest_size=12)
    for file in _files(inputs):
        digest.update(f"\0{file.relative_to(root)}\0".encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def cached(
    root: Path, name: str, inputs: Iterable[Path], extra: str, build: Callable[[], Any], read: Callable[[Any], T]
) -> T:
    """``read`` of the cached JSON data for these inputs, or of ``build()`` (then stored; an
    exception stores nothing). ``read`` raises ValueError for data it cannot use."""
    if os.environ.get("CLAIMKB_NO_CACHE"):
        return read(build())
    folder = cache_folder(root)
    key = fingerprint(root, inputs, extra)
    entry = folder / f"{name}-{key}.json"
    try:
        return read(json.loads(entry.read_bytes()))
    except (OSError, ValueError):
        pass  # missing, corrupt or foreign: build it again
    data = build()
    result = read(data)
    try:
        write_together(
            [(folder / ".gitignore", "*\n"), (entry, json.dumps(data, ensure_ascii=False, separators=(",", ":")))]
        )
        for stale in folder.glob(f"{name}-*"):
            if stale != entry:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only knowledge base still works, only slower
    return result
