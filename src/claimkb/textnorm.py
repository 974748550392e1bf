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
