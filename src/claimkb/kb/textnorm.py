"""Text normalisation shared by quote matching, coverage and the copy checker."""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from collections.abc import Sequence
from typing import overload

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
_NOT_PLAIN_SPACE = re.compile(r"[^\S ]|  ")  # whitespace that normalising would change


def normalise(text: str) -> str:
    """Fold typographic quotes and dashes, collapse whitespace, keep case."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """``normalise`` and lower-case: for case-insensitive comparisons."""
    return normalise(text).casefold()


def _nfc_with_map(text: str) -> tuple[str, array[int]]:
    """NFC, composing each character with the combining marks after it, and where each came from."""
    out: list[str] = []
    where = array("q")
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or not unicodedata.combining(text[index]):
            cluster = unicodedata.normalize("NFC", text[start:index])
            out.append(cluster)
            where.extend([start] * len(cluster))
            start = index
    return "".join(out), where


class ShiftMap(Sequence[int]):
    """Where each character of a normalised text came from, kept as the few places where the
    shift changes (a run of whitespace collapsed to one space): no memory per character, so a
    map over many megabytes of copy costs next to nothing."""

    def __init__(self, starts: array[int], origins: array[int], length: int) -> None:
        self._starts, self._origins, self._length = starts, origins, length

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        k = bisect.bisect_right(self._starts, index) - 1
        return self._origins[k] + index - self._starts[k]


_RUN = re.compile(r"\s{2,}")
_LEADING_SPACE = re.compile(r"\s*")


def normalise_with_map(text: str) -> tuple[str, Sequence[int]]:
    """``normalise(text)`` and, for each of its characters, the index it came from in ``text``.

    Lets a span found in the normalised text be shown in the original one. Whitespace maps one
    to one except where a run of it becomes one space: only those places are kept (``ShiftMap``).
    """
    if text.isascii() and not _NOT_PLAIN_SPACE.search(text):
        # Most units of copy: nothing moves but a space at either end (a range costs no memory).
        stripped = text.strip(" ")
        lead = 1 if text[:1] == " " else 0
        return stripped, range(lead, lead + len(stripped))
    if not unicodedata.is_normalized("NFC", text):
        composed, origin = _nfc_with_map(text)
        if unicodedata.normalize("NFC", text) == composed:
            flat, inner = normalise_with_map(composed)
            return flat, array("q", (origin[i] for i in inner))
        flat = normalise(text)  # combining marks that NFC reorders: positions are approximate
        return flat, array("q", (min(i, len(text) - 1) for i in range(len(flat))))
    flat = normalise(text)
    lead = _LEADING_SPACE.match(text).end()  # type: ignore[union-attr]  # (no copies of a long text)
    end = len(text)
    while end > lead and text[end - 1].isspace():
        end -= 1
    starts, origins = array("q", [0]), array("q", [lead])
    shift = lead
    for run in _RUN.finditer(text, lead, end):
        # The run's first character stays (as one space) at flat ``run.start() - shift``; the
        # character after it follows at once, so from there the shift grows by the run's length - 1.
        shift += len(run.group(0)) - 1
        starts.append(run.end() - shift)
        origins.append(run.end())
    return flat, ShiftMap(starts, origins, len(flat))
