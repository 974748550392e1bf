"""One module per rule kind. Each offers ``findings(rule, text)``: the (start, end, message,
suggestion) of every place in ``text`` where the rule applies."""

from __future__ import annotations

import re
from typing import Iterable, Iterator


def longest_first(matches: Iterable[tuple[str, re.Match[str]]]) -> Iterator[tuple[str, re.Match[str]]]:
    """(term, match) pairs without overlaps: where matches overlap, the longest wins."""
    ordered = sorted(matches, key=lambda tm: (tm[1].start(), -(tm[1].end() - tm[1].start())))
    end = -1
    for term, match in ordered:
        if match.start() >= end and match.end() > match.start():
            end = match.end()
            yield term, match
