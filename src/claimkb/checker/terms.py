"""Terms: the words, phrases and /regexes/ that rules and records' ``match`` fields list.

A plain term matches as whole words, case-insensitively, whatever the spacing; a term
written ``/like this/`` is a regular expression (case-insensitive). Each term also yields
its trigger words, so that it is tried only on sentences that could hold it.
"""

from __future__ import annotations

import re

_LITERAL_WORD = re.compile(r"(?:(?<=^)|(?<=[\s(|:]))([a-z]{3,})", re.I)
TRIGGER_LENGTH = 4


def is_regex(term: str) -> bool:
    return len(term) > 2 and term.startswith("/") and term.endswith("/")


def compile_term(term: str) -> re.Pattern[str]:
    """A compiled, case-insensitive pattern for one term (raises re.error for a bad regex)."""
    if is_regex(term):
        return re.compile(term[1:-1], re.I)
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.I)


def triggers(term: str) -> frozenset[str] | None:
    """Word prefixes one of which any match must contain; None when no such set is known.

    For a regex, the literal words that start at a word boundary; a regex with none is
    tried on every sentence.
    """
    source = term[1:-1] if is_regex(term) else term
    if is_regex(term):
        cleaned = re.sub(r"\\[bBwWsSdD]|\[[^\]]*\]|\{[^}]*\}|\(\?[:!=<]+", " ", source)
        words = [m.group(1) for m in _LITERAL_WORD.finditer(cleaned)]
    else:
        words = [w for w in re.findall(r"[a-z0-9]+", source.lower())]
    prefixes = frozenset(w.lower()[:TRIGGER_LENGTH] for w in words if len(w) >= 3)
    return prefixes or None


def word_prefixes(text: str) -> set[str]:
    """The trigger prefixes a piece of text offers (3 and 4 letters of each word)."""
    found = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if len(word) >= 3:
            found.add(word[:3])
            found.add(word[:TRIGGER_LENGTH])
    return found
