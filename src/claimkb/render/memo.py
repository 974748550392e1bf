"""The pages of the last rendering, kept by a digest of everything each was made from.

``mkdocs serve`` renders the whole site again after every save; with a memo, a page whose
inputs (its records, the references they cite, the settings and the templates' content) have
not changed is taken as it was, so saving one record pays for that record's page and for the
pages that list every record. Entries not used by a rendering are dropped after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from claimkb.render.html import Page


def digest(*inputs: object) -> str:
    """A digest of ``inputs`` by their ``repr``: the model is frozen dataclasses, whose repr shows every field."""
    return hashlib.blake2b(repr(inputs).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


class Memo:
    """Pages by a digest of their inputs. ``Memo.page(inputs, make)``."""

    def __init__(self) -> None:
        self._pages: dict[str, Page] = {}
        self._used: dict[str, Page] = {}
        self.hits = 0
        self.misses = 0

    def key(self, *inputs: object) -> str:
        """A digest of ``inputs``, to stand for them in the inputs of several pages."""
        return digest(*inputs)

    def page(self, inputs: tuple[object, ...], make: Callable[[], Page]) -> Page:
        """The page made from ``inputs`` before, else ``make()``."""
        key = digest(*inputs)
        page = self._pages.get(key) or self._used.get(key)
        if page is None:
            self.misses += 1
            page = make()
        else:
            self.hits += 1
        self._used[key] = page
        return page

    def done(self) -> None:
        """A rendering is over: keep only the pages it used."""
        self._pages, self._used = self._used, {}


class NoMemo(Memo):
    """Renders every page (a one-off build), without spending time on digests."""

    def key(self, *inputs: object) -> str:
        return ""

    def page(self, inputs: tuple[object, ...], make: Callable[[], Page]) -> Page:
        return make()
