"""Terms: the words, phrases and /regexes/ that rules and records' ``match`` fields list.

A plain term matches as whole words, case-insensitively, whatever the spacing; a term
written ``/like this/`` is a regular expression (case-insensitive). Each term also yields
its trigger words, so that it is tried only on sentences that could hold it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

TRIGGER_LENGTH = 4


def is_regex(term: str) -> bool:
    return len(term) > 2 and term.startswith("/") and term.endswith("/")


def compile_term(term: str) -> re.Pattern[str]:
    """A compiled, case-insensitive pattern for one term (raises re.error for a bad regex)."""
    if is_regex(term):
        return re.compile(term[1:-1], re.I)
    words = [re.escape(w) for w in term.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.I)


def _sequence_triggers(items, at_boundary: bool) -> frozenset[str] | None:
    """Prefixes one of which any match of this parsed regex sequence must contain."""
    from re import _constants as c  # type: ignore[attr-defined]

    best: frozenset[str] | None = None
    run = ""
    run_ok = at_boundary
    boundary = at_boundary

    def offer(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and (best is None or len(found) < len(best)):
            best = found

    for op, arg in list(items) + [(None, None)]:
        if op is c.LITERAL and chr(arg).isalnum():
            if not run:
                run_ok = boundary
            run += chr(arg).lower()
            boundary = False
            continue
        if run and run_ok and len(run) >= 3 and run[0].isalpha():
            offer(frozenset({run[:TRIGGER_LENGTH]}))
        run = ""
        if op is None:
            break
        if op is c.BRANCH:
            branches = [_sequence_triggers(branch, boundary) for branch in arg[1]]
            if all(branches):
                offer(frozenset().union(*(b for b in branches if b)))
        elif op is c.SUBPATTERN:
            offer(_sequence_triggers(arg[-1], boundary))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            offer(_sequence_triggers(arg[2], boundary))
        boundary = op is c.AT or (op is c.LITERAL and not chr(arg).isalnum())
    return best


def triggers(term: str) -> frozenset[str] | None:
    """Word prefixes one of which any match must contain; None when none is known.

    A phrase needs all its words: its longest is enough. A regex is parsed: its literal
    words that start at a word boundary, through groups and alternatives; a regex where no
    such word is required is tried on every sentence.
    """
    if not is_regex(term):
        words = sorted(re.findall(r"[a-z0-9]+", term.lower()), key=len)[-1:]
        return frozenset(w[:TRIGGER_LENGTH] for w in words if len(w) >= 3) or None
    try:
        from re import _parser  # type: ignore[attr-defined]  # the standard library's own regex parser

        return _sequence_triggers(_parser.parse(term[1:-1], re.I), True)
    except Exception:  # a parser change in a future Python: be safe, try everywhere
        return None


def word_prefixes(text: str) -> set[str]:
    """The trigger prefixes a piece of text offers (3 and 4 letters of each word)."""
    found = set()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if len(word) >= 3:
            found.add(word[:3])
            found.add(word[:TRIGGER_LENGTH])
    return found


def longest_first(matches: Iterable[tuple[str, re.Match[str]]]) -> Iterator[tuple[str, re.Match[str]]]:
    """(term, match) pairs without overlaps: where matches overlap, the longest wins."""
    ordered = sorted(matches, key=lambda tm: (tm[1].start(), -(tm[1].end() - tm[1].start())))
    end = -1
    for term, match in ordered:
        if match.start() >= end and match.end() > match.start():
            end = match.end()
            yield term, match
