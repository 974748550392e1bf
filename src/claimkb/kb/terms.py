"""Terms: the words, phrases and /regexes/ that rules, concepts and records' ``match`` list.

A plain term matches as whole words, case-insensitively, whatever the spacing; a term
written ``/like this/`` is a regular expression (case-insensitive), compiled with RE2, whose
matching takes linear time: no pattern, however careless (``/(a+)+b/``), can hang the
checker. RE2 has no lookaround and no backreferences; a pattern that needs them is reported.
Each term also yields its trigger words, so that it is tried only on sentences that could
hold it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

TRIGGER_LENGTH = 4


def is_regex(term: str) -> bool:
    return len(term) > 2 and term.startswith("/") and term.endswith("/")


class PatternError(ValueError):
    """A /regex/ that does not compile, or that RE2 cannot express; the message says why."""


class LinearPattern:
    """A /regex/ compiled with RE2 (linear-time matching), with the ``re`` methods the checker uses."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: Any = _re2_compile(source)

    def search(self, text: str) -> Any:
        return self._compiled.search(text)

    def finditer(self, text: str) -> Iterator[Any]:
        return iter(self._compiled.finditer(text))


def _re2_compile(source: str) -> Any:
    import re2

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    try:
        return re2.compile(source, options)
    except re2.error as exc:
        detail = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        unsupported = any(word in detail for word in ("perl operator", "backreference", "escape sequence"))
        hint = " (RE2 has no lookaround or backreferences: rewrite it without them)" if unsupported else ""
        raise PatternError(f"{detail}{hint}") from None


TermPattern = re.Pattern[str] | LinearPattern  # what compile_term returns


def check_term(term: str) -> None:
    """Raise PatternError when ``term`` is a /regex/ that does not compile (plain words always do)."""
    if is_regex(term):
        _re2_compile(term[1:-1])


def compile_term(term: str) -> TermPattern:
    """A compiled, case-insensitive pattern for one term (raises PatternError for a bad regex).

    A plain term is escaped text: Python's ``re`` cannot backtrack badly on it. A /regex/ is
    compiled with RE2."""
    if is_regex(term):
        return LinearPattern(term[1:-1])
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


# Memos of the two analyses below, by term (the checker keeps them between runs: checker.memo).
TRIGGERS: dict[str, frozenset[str] | None] = {}
REQUIRED_WORDS: dict[str, frozenset[str]] = {}


def triggers(term: str) -> frozenset[str] | None:
    """Word prefixes one of which any match must contain; None when none is known."""
    if term in TRIGGERS:
        return TRIGGERS[term]
    found = TRIGGERS[term] = _triggers(term)
    return found


def required_words(term: str) -> frozenset[str]:
    """Whole words (lower case) every match of ``term`` contains (see ``_required_words``)."""
    found = REQUIRED_WORDS.get(term)
    if found is None:
        found = REQUIRED_WORDS[term] = _required_words(term)
    return found


def _triggers(term: str) -> frozenset[str] | None:
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


def _required_words(term: str) -> frozenset[str]:
    """Whole words (lower case) every match of ``term`` contains: a plain term's words, or the
    literal words a /regex/ spells out outside any group, alternative or repeat. A sentence
    without one of them cannot match, so the pattern need not be run on it."""
    if not is_regex(term):
        return frozenset(re.findall(r"[a-z0-9]+", term.lower()))
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        items = list(_parser.parse(term[1:-1], re.I))
    except Exception:  # a parser change in a future Python: require nothing
        return frozenset()
    words: set[str] = set()
    run, bounded = "", True  # bounded: the run starts after a non-word literal, \b or the start
    for op, arg in [*items, (None, None)]:
        if op is c.LITERAL and chr(arg).isalnum():
            if not run:
                start_ok = bounded
            run += chr(arg).lower()
            continue
        ends_ok = op is None or op is c.AT or (op is c.LITERAL and not chr(arg).isalnum())
        if run and start_ok and ends_ok:
            words.add(run)
        run = ""
        bounded = op is c.AT or (op is c.LITERAL and not chr(arg).isalnum())
    return frozenset(words)


class TriggerIndex:
    """Numbered patterns by their trigger prefixes (``triggers``): which of them a sentence with
    these word prefixes could match, in the order they were added."""

    def __init__(self) -> None:
        self.by_prefix: dict[str, list[int]] = {}
        self.always: set[int] = set()  # patterns with no known trigger: tried on every sentence

    def add(self, index: int, needs: frozenset[str] | None) -> None:
        if needs is None:
            self.always.add(index)
        for prefix in needs or ():
            self.by_prefix.setdefault(prefix, []).append(index)

    def candidates(self, prefixes: Iterable[str]) -> list[int]:
        by_prefix = self.by_prefix
        return sorted({i for prefix in prefixes if prefix in by_prefix for i in by_prefix[prefix]} | self.always)


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
