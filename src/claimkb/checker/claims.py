"""A record's own words in copy: its ``match`` patterns, its quote repeated nearly word for word
(rapidfuzz), and its approved wording (which is never a finding). Paraphrase is for the
concepts (``checker.link``)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from claimkb.checker.bundle import CheckedClaim
from claimkb.checker.concepts import stem
from claimkb.kb.segments import sentences
from claimkb.kb.terms import TermPattern, TriggerIndex, compile_term, is_regex, required_words, triggers, word_prefixes
from claimkb.kb.textnorm import fold

VERBATIM_THRESHOLD = 85
APPROVED_THRESHOLD = 90

_STOPWORDS = frozenset(
    """a about above after again all also an and any are as at be because been before
being both but by can could did do does doing down during each few for from further had has have having he
her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
only or other our ours out over own same she should so some such than that the their theirs them then there
these they this those through to too under until up very was we were what when where which while who whom
why will with would you your yours it's you're you'll we're our""".split()
)


_WORDS = re.compile(r"[a-z0-9]+")


def stems(text: str) -> list[str]:
    """Content words, stemmed ("relieves", "relieved" -> "reliev")."""
    return [stem(w) for w in _WORDS.findall(text.lower()) if len(w) >= 3 and w not in _STOPWORDS]


@dataclass(frozen=True)
class ClaimHit:
    claim: CheckedClaim
    start: int  # offsets into the sentence
    end: int
    how: str  # "pattern" or "similar"
    score: float
    term: str = ""  # the record's pattern that matched


class ClaimMatcher:
    def __init__(self, claims: tuple[CheckedClaim, ...]) -> None:
        self.claims = list(claims)
        self.patterns: list[tuple[CheckedClaim, str, TermPattern | None, frozenset[str]]] = []
        self.triggers = TriggerIndex()
        for claim in self.claims:
            for term in claim.match:
                index = len(self.patterns)
                # A plain term needs all its words in the sentence: a set lookup before the regex.
                needs = required_words(term)
                # A /regex/ compiles now (a bad one in a bundle is an error at once); plain words,
                # which cannot fail, on first use: most patterns never run on a given copy.
                self.patterns.append((claim, term, compile_term(term) if is_regex(term) else None, needs))
                self.triggers.add(index, triggers(term))
        self.folded_quotes = [fold(c.quote) for c in self.claims]
        self._index_texts()
        # Each approved wording, and each of its sentences (copy may use one of them alone).
        self.approved_keys = {
            self._key(piece)
            for c in self.claims
            for s in c.approved
            for piece in [s, *(part.text for part in sentences(s))]
        }
        self.approved = sorted(self.approved_keys)
        self.approved_postings: dict[str, set[int]] = defaultdict(set)
        for i, approved in enumerate(self.approved):
            for word_stem in stems(approved):
                self.approved_postings[word_stem].add(i)

    @staticmethod
    def _key(sentence: str) -> str:
        return fold(sentence).rstrip(".!?")

    def _index_texts(self) -> None:
        """Each quote under its rarest stem, and every quote under each of its stems: enough to find
        the few quotes a sentence could repeat nearly word for word, or contain, or sit inside."""
        quote_stems = [set(stems(quote)) for quote in self.folded_quotes]
        self.postings: dict[str, set[int]] = defaultdict(set)
        for i, found in enumerate(quote_stems):
            for word_stem in found:
                self.postings[word_stem].add(i)
        self.by_rarest: dict[str, set[int]] = defaultdict(set)
        for i, found in enumerate(quote_stems):
            if found:
                self.by_rarest[min(found, key=lambda s: (len(self.postings[s]), s))].add(i)

    def _similar(self, sentence: str, sentence_stems: list[str]) -> list[ClaimHit]:
        """Claims whose quote the sentence repeats nearly word for word, holds, or is part of."""
        present = set(sentence_stems)
        candidates = set().union(*(self.by_rarest.get(s, ()) for s in present))  # quote inside the sentence
        known = sorted((s for s in present if s in self.postings), key=lambda s: (len(self.postings[s]), s))
        if known and 2 * len(known) >= len(present):
            # The sentence inside a quote, or nearly the same: most of its words, its two rarest too,
            # stand in the quote.
            candidates |= self.postings[known[0]].intersection(*(self.postings[s] for s in known[1:2]))
        if not candidates:
            return []
        folded = fold(sentence)
        hits = []
        for i in candidates:
            claim, quote = self.claims[i], self.folded_quotes[i]
            verbatim = fuzz.ratio(folded, quote, score_cutoff=VERBATIM_THRESHOLD)
            contained = len(quote) >= 20 and (quote in folded or (len(folded) >= 20 and folded in quote))
            if verbatim or contained:  # paraphrase is the concepts' job (checker.link)
                hits.append(ClaimHit(claim, 0, len(sentence), "similar", max(verbatim, 100.0 * contained)))
        return hits

    def is_approved(self, sentence: str, sentence_stems: list[str] | None = None) -> bool:
        # An approved sentence, or a near copy of one (ratio >= 90), shares nearly every word:
        # look only at approved sentences holding the sentence's two rarest stems.
        if sentence_stems is None:
            sentence_stems = stems(sentence)
        known = sorted(
            (s for s in set(sentence_stems) if s in self.approved_postings),
            key=lambda s: len(self.approved_postings[s]),
        )[:2]
        if not known and sentence_stems:
            return False  # not one word of any approved sentence
        key = self._key(sentence)
        if key in self.approved_keys:
            return True
        candidates = [self.approved[i] for i in set().union(*(self.approved_postings[s] for s in known))]
        return (
            bool(candidates)
            and process.extractOne(key, candidates, scorer=fuzz.ratio, processor=None, score_cutoff=APPROVED_THRESHOLD)
            is not None
        )

    def find(
        self, sentence: str, prefixes: set[str] | None = None, sentence_stems: list[str] | None = None
    ) -> list[ClaimHit]:
        """Every claim the sentence repeats: each claim once, by its first pattern hit or by similarity.

        (Whether the sentence repeats approved wording is ``is_approved``'s to say.)"""
        if sentence_stems is None:
            sentence_stems = stems(sentence)
        if prefixes is None:
            prefixes = word_prefixes(sentence)
        hits: dict[str, ClaimHit] = {}
        present = set(_WORDS.findall(sentence.lower()))
        for index in self.triggers.candidates(prefixes):
            claim, term, pattern, needs = self.patterns[index]
            if claim.id in hits or not needs <= present:
                continue
            if pattern is None:
                pattern = compile_term(term)
                self.patterns[index] = (claim, term, pattern, needs)
            match = pattern.search(sentence)
            if match:
                hits[claim.id] = ClaimHit(claim, match.start(), match.end(), "pattern", 100.0, term)
        similar = sorted(self._similar(sentence, sentence_stems), key=lambda h: -h.score)
        for hit in similar[:1] + [h for h in similar[1:] if h.score >= 99]:
            hits.setdefault(hit.claim.id, hit)
        return sorted(hits.values(), key=lambda h: (h.start, h.claim.id))
