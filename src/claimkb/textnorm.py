"""Text normalisation shared by quote matching, coverage and the copy checker."""

from __future__ import annotations

import re
import unicodedata

_TYPOGRAPHIC = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ",
})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Fold typographic quotes and dashes, collapse whitespace, keep case."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """``normalise`` and lower-case: for case-insensitive comparisons."""
    return normalise(text).casefold()


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """``normalise(text)`` and, for each of its characters, the index it came from in ``text``.

    Assumes ``text`` is already NFC (as supplied articles are); lets a span found in the
    normalised text be shown in the original one.
    """
    out: list[str] = []
    where: list[int] = []
    pending_space = -1
    for index, char in enumerate(text):
        if char.isspace() and char != "\u00a0":
            if out and pending_space < 0:
                pending_space = index
            continue
        if pending_space >= 0:
            out.append(" ")
            where.append(pending_space)
            pending_space = -1
        out.append(char.translate(_TYPOGRAPHIC))
        where.append(index)
    return "".join(out), where
