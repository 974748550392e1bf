"""``claimkb check --kb PATH_OR_URL``: the checker bundle from a file, or from an address.

An address is fetched over HTTPS (plain HTTP only on the loopback address, for tests and
local previews) and kept in the user's cache folder (the platform's, or
``$CLAIMKB_CACHE_DIR``). A cached copy younger than a day is used as it is; an older one is
revalidated with ETag / Last-Modified. When the address cannot be reached, the cached copy is
used with a warning that says its age; with no cached copy, BundleError. ``$CLAIMKB_TOKEN``,
when set, is sent as a bearer token (never to another host a redirect leads to).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from claimkb import __version__
from claimkb.checker.bundle import Bundle, BundleError, load_bundle_file, read_bundle
from claimkb.kb.files import write_together
from claimkb.kb.layout import CACHE_VARIABLE

TOKEN_VARIABLE = "CLAIMKB_TOKEN"
FRESH_FOR = 24 * 3600  # seconds a fetched bundle is used without asking the server again
TIMEOUT = 20  # seconds
MAX_BYTES = 256 * 1024 * 1024


def user_cache_folder() -> Path:
    """The cache of a user who checks against bundles: ``$CLAIMKB_CACHE_DIR``, else the platform's
    cache folder. Fetched bundles go in its ``bundles/``."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get(CACHE_VARIABLE) or user_cache_dir("claimkb"))


def _loopback(host: str | None) -> bool:
    if host == "localhost":
        return True
    try:
        return host is not None and ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _age(seconds: float) -> str:
    hours = seconds / 3600
    if hours < 1:
        return f"{max(1, round(seconds / 60))} minutes"
    if hours < 48:
        return f"{round(hours)} hour{'s' * (round(hours) != 1)}"
    return f"{round(hours / 24)} days"


def open_bundle(where: str, warn: Callable[[str], None], now: Callable[[], float] = time.time) -> Bundle:
    """The bundle at a path or an address (BundleError with what to do when there is none)."""
    if "://" not in where:
        return load_bundle_file(Path(where))
    url = urlsplit(where)
    if not (url.scheme == "https" or (url.scheme == "http" and _loopback(url.hostname))):
        raise BundleError(f"{where}: fetch the bundle over https:// (plain http:// only on the loopback address)")
    folder = user_cache_folder() / "bundles"
    name = hashlib.sha256(where.encode()).hexdigest()[:32]
    entry, meta_file = folder / f"{name}.json", folder / f"{name}.meta.json"
    meta: dict[str, Any] = {}
    try:
        meta = json.loads(meta_file.read_bytes()) if entry.is_file() else {}
    except (OSError, ValueError):
        meta = {}
    fetched = meta.get("fetched") if isinstance(meta.get("fetched"), (int, float)) else None

    def cached_copy() -> Bundle | None:
        try:
            return load_bundle_file(entry, where) if fetched is not None else None
        except BundleError:
            return None  # corrupt or foreign: fetch it again

    if fetched is not None and now() - fetched < FRESH_FOR:
        fresh = cached_copy()
        if fresh is not None:
            return fresh
    request = urllib.request.Request(where, headers={"User-Agent": f"claimkb/{__version__}"})
    if fetched is not None and meta.get("etag"):
        request.add_header("If-None-Match", str(meta["etag"]))
    if fetched is not None and meta.get("last_modified"):
        request.add_header("If-Modified-Since", str(meta["last_modified"]))
    token = os.environ.get(TOKEN_VARIABLE)
    if token:
        request.add_unredirected_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            final = urlsplit(response.geturl())
            if final.scheme != url.scheme:
                raise BundleError(f"{where}: the server redirected to {final.scheme}://, which is not allowed")
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise BundleError(f"{where}: the bundle is larger than {MAX_BYTES // 2**20} MB; is it a bundle?")
            headers = response.headers
        try:
            data = json.loads(body)
        except ValueError as exc:
            raise BundleError(f"{where}: the server sent no JSON ({exc}); is this the bundle's address?") from None
        bundle = read_bundle(data, where)  # a newer format is refused here, cached copy or not
        record = {
            "url": where,
            "fetched": now(),
            "etag": headers.get("ETag"),
            "last_modified": headers.get("Last-Modified"),
        }
        try:
            write_together([(entry, body), (meta_file, json.dumps(record))])
        except OSError as exc:
            warn(f"{where}: could not keep the bundle in {folder} ({exc.strerror or exc}); it is fetched every time")
        return bundle
    except urllib.error.HTTPError as exc:
        if exc.code == 304 and fetched is not None:
            unchanged = cached_copy()
            if unchanged is not None:
                try:
                    write_together([(meta_file, json.dumps({**meta, "fetched": now()}))])
                except OSError:
                    pass
                return unchanged
        reason = f"HTTP {exc.code} {exc.reason}"
        if exc.code in (401, 403):
            hint = "is the token still valid?" if token else f"set {TOKEN_VARIABLE} to a token the site accepts"
            reason += f" ({hint})"
    except (urllib.error.URLError, OSError) as exc:
        detail = getattr(exc, "reason", None) or exc
        reason = f"cannot reach it: {detail}"
    stale = cached_copy()
    if stale is None:
        raise BundleError(f"{where}: {reason}; no copy is cached, so nothing can be checked")
    assert fetched is not None
    warn(f"{where}: {reason}; using the copy cached {_age(now() - fetched)} ago")
    return stale
