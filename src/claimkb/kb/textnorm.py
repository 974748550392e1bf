"""Text normalisation shared by quote matching, coverage and the copy checker."""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence

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


def normalise_with_map(text: str) -> tuple[str, Sequence[int]]:
    """``normalise(text)`` and, for each of its characters, the index it came from in ``text``
    (an array of machine integers: a tenth of the memory of a list, for copy of many megabytes).

    Lets a span found in the normalised text be shown in the original one.
    """
    if not _NOT_PLAIN_SPACE.search(text) and text[:1] != " " and text[-1:] != " " and text.isascii():
        return text, range(len(text))  # most units of copy: nothing moves (a range costs no memory)
    if not unicodedata.is_normalized("NFC", text):
        composed, origin = _nfc_with_map(text)
        if unicodedata.normalize("NFC", text) == composed:
            flat, inner = normalise_with_map(composed)
            return flat, array("q", (origin[i] for i in inner))
        flat = normalise(text)  # combining marks that NFC reorders: positions are approximate
        return flat, array("q", (min(i, len(text) - 1) for i in range(len(flat))))
    pieces: list[str] = []
    where = array("q")
    position = 0
    for match in _SPACE.finditer(text):
        if match.start() > position:
            pieces.append(text[position : match.start()])
            where.extend(range(position, match.start()))
        if where and match.end() < len(text):  # inner whitespace becomes one space
            pieces.append(" ")
            where.append(match.start())
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
        where.extend(range(position, len(text)))
    return "".join(pieces).translate(_TYPOGRAPHIC), where
