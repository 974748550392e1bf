"""Does approved wording state a benefit more firmly than the record's certainty allows?

After GRADE's guidance on communicating findings: high certainty may be stated plainly,
moderate needs "probably", low "may", very low "it is uncertain whether". A sentence that
states no benefit (no benefit verb) or that denies one needs no hedge.
"""

from __future__ import annotations

import re

BENEFIT = re.compile(
    r"\b(reduc\w*|reliev\w*|relief|improv\w*|help\w*|eas(e|es|ed|ing)|alleviat\w*|treat(s|ed|ing)?|"
    r"cur(e|es|ed|ing)|heal\w*|prevent\w*|boost\w*|tighten\w*|speed\w*|lower\w*|relax\w*|"
    r"sooth\w*|promot\w*|benefit\w*|work(s)?|effective|restor\w*|rejuvenat\w*|repair\w*|"
    r"calm\w*|faster|quicker|safe)\b",
    re.I,
)
DENIAL = re.compile(r"\b(not|no|never|cannot|isn't|doesn't|don't|without evidence)\b", re.I)

# The hedges each certainty accepts; a weaker certainty also accepts the hedges of a
# still weaker one (it is never wrong to say less).
_VERY_LOW = r"uncertain|unclear|not known|unknown|little evidence|too little evidence|not been (shown|tested|studied)"
_LOW = r"\bmay\b|\bmight\b|\bcould\b|\bsome people\b|" + _VERY_LOW
_MODERATE = r"\bprobably\b|\blikely\b|" + _LOW
HEDGES: dict[str, re.Pattern[str] | None] = {
    "high": None,
    "moderate": re.compile(_MODERATE, re.I),
    "low": re.compile(_LOW, re.I),
    "very-low": re.compile(_VERY_LOW, re.I),
}


def too_firm(sentence: str, certainty: str) -> bool:
    """True when ``sentence`` states a benefit without the hedge ``certainty`` calls for."""
    hedge = HEDGES.get(certainty)
    if hedge is None or not BENEFIT.search(sentence) or DENIAL.search(sentence):
        return False
    return not hedge.search(sentence)
