"""Find the knowledge base's claims in sentences of new copy.

Two signals: the words, phrases and /regexes/ a record lists under ``match`` (its wording
in other people's words), and similarity to the record's quote and plain claim: TF-IDF
cosine over word stems for paraphrase, rapidfuzz for near-verbatim reuse. Sentences that
repeat a record's approved wording are not findings.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from claimkb.kb.model import Claim, KnowledgeBase
from claimkb.kb.segments import sentences
from claimkb.kb.terms import compile_term, triggers, word_prefixes
from claimkb.kb.textnorm import fold

VERBATIM_THRESHOLD = 85
APPROVED_THRESHOLD = 90
COMMON_SHARE = 0.1  # a stem in more than this share of claims does not nominate candidates
SIMILARITY_FLOOR = 0.15  # below this cosine, not even near-verbatim reuse is possible

_STOPWORDS = frozenset(
    """a about above after again all also an and any are as at be because been before
being both but by can could did do does doing down during each few for from further had has have having he
her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
only or other our ours out over own same she should so some such than that the their theirs them then there
these they this those through to too under until up very was we were what when where which while who whom
why will with would you your yours it's you're you'll we're our""".split()
)
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "es", "s", "ly")


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def stems(text: str) -> list[str]:
    """Content words, crudely stemmed ("relieves", "relieved" -> "reliev")."""
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) >= 3 and w not in _STOPWORDS]


@dataclass(frozen=True)
class ClaimHit:
    claim: Claim
    start: int  # offsets into the sentence
    end: int
    how: str  # "pattern" or "similar"
    score: float
    term: str = ""  # the record's pattern that matched


class ClaimMatcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.claims = [c for c in kb.claims if c.review.status != "retired"]
        self.patterns: list[tuple[Claim, str, re.Pattern[str]]] = []
        self.by_trigger: dict[str, list[int]] = defaultdict(list)
        self.always: list[int] = []
        for claim in self.claims:
            for term in claim.match:
                index = len(self.patterns)
                self.patterns.append((claim, term, compile_term(term)))
                term_triggers = triggers(term)
                if term_triggers is None:
                    self.always.append(index)
                for prefix in term_triggers or ():
                    self.by_trigger[prefix].append(index)
        self._index_texts()
        self.folded_quotes = [fold(c.source.quote) for c in self.claims]
        # Each approved wording, and each of its sentences (copy may use one of them alone).
        self.approved_keys = {
            self._key(piece)
            for c in self.claims
            for s in c.wording.approved
            for piece in [s, *(part.text for part in sentences(s))]
        }
        self.approved = sorted(self.approved_keys)
        self.approved_postings: dict[str, set[int]] = defaultdict(set)
        for i, approved in enumerate(self.approved):
            for stem in stems(approved):
                self.approved_postings[stem].add(i)

    @staticmethod
    def _key(sentence: str) -> str:
        return fold(sentence).rstrip(".!?")

    def _index_texts(self) -> None:
        documents = [Counter(stems(f"{c.source.quote} {c.claim} {c.title}")) for c in self.claims]
        frequency = Counter(stem for doc in documents for stem in doc)
        total = max(len(documents), 1)
        self.idf = {stem: math.log((1 + total) / (1 + n)) + 1 for stem, n in frequency.items()}
        self.max_idf = math.log(1 + total) + 1
        self.vectors = []
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.common = max(3, int(COMMON_SHARE * total))
        for i, doc in enumerate(documents):
            vector = {stem: count * self.idf[stem] for stem, count in doc.items()}
            norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
            self.vectors.append({stem: w / norm for stem, w in vector.items()})
            for stem in doc:
                self.postings[stem].add(i)

    def _scores(self, counts: Counter[str]) -> dict[int, float]:
        """Cosine similarity of the sentence to each candidate claim.

        Candidates share a distinctive stem with the sentence (one found in few claims);
        failing that, both of its two rarest stems.
        """
        known = [s for s in counts if s in self.postings]
        nominating = [s for s in known if len(self.postings[s]) <= self.common]
        candidates: set[int] | None = None
        if not nominating:
            rarest = sorted(known, key=lambda s: len(self.postings[s]))[:2]
            if len(rarest) < 2:
                return {}
            candidates = self.postings[rarest[0]] & self.postings[rarest[1]]
            nominating = rarest
        weights = {stem: n * self.idf.get(stem, self.max_idf) for stem, n in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        dots: dict[int, float] = defaultdict(float)
        for stem in nominating:
            for i in self.postings[stem] if candidates is None else candidates & self.postings[stem]:
                dots[i] += weights[stem] * self.vectors[i][stem]
        rest = [stem for stem in known if stem not in nominating]
        # Each remaining stem adds at most its weight (claim vectors have unit length):
        # candidates that cannot reach the floor are dropped before the work.
        ceiling = sum(weights[stem] for stem in rest)
        scores = {}
        for i, dot in dots.items():
            if (dot + ceiling) / norm < SIMILARITY_FLOOR:
                continue
            vector = self.vectors[i]
            scores[i] = (dot + sum(weights[stem] * vector.get(stem, 0.0) for stem in rest)) / norm
        return scores

    def _similar(self, sentence: str, sentence_stems: list[str]) -> list[ClaimHit]:
        scores = self._scores(Counter(sentence_stems))
        if not scores:
            return []
        folded = fold(sentence)
        hits = []
        for i, cosine in scores.items():
            if cosine < SIMILARITY_FLOOR:
                continue
            claim, quote = self.claims[i], self.folded_quotes[i]
            verbatim = fuzz.ratio(folded, quote, score_cutoff=VERBATIM_THRESHOLD)
            contained = len(quote) >= 20 and (quote in folded or (len(folded) >= 20 and folded in quote))
            if verbatim or contained:  # paraphrase is the concepts' job (checker.link)
                hits.append(ClaimHit(claim, 0, len(sentence), "similar", max(cosine * 100, verbatim, 100 * contained)))
        return hits

    def is_approved(self, sentence: str, sentence_stems: list[str] | None = None) -> bool:
        key = self._key(sentence)
        if key in self.approved_keys:
            return True
        # A near copy (ratio >= 90) shares nearly every word: look only at approved sentences
        # holding the sentence's two rarest stems.
        if sentence_stems is None:
            sentence_stems = stems(key)
        known = sorted(
            (s for s in set(sentence_stems) if s in self.approved_postings),
            key=lambda s: len(self.approved_postings[s]),
        )[:2]
        candidates = [self.approved[i] for i in set().union(*(self.approved_postings[s] for s in known))]
        return (
            bool(candidates)
            and process.extractOne(key, candidates, scorer=fuzz.ratio, processor=None, score_cutoff=APPROVED_THRESHOLD)
            is not None
        )

    def find(self, sentence: str, prefixes: set[str] | None = None) -> list[ClaimHit]:
        """Every claim the sentence repeats: each claim once, by its first pattern hit or by similarity.

        (Whether the sentence repeats approved wording is ``is_approved``'s to say.)"""
        sentence_stems = stems(sentence)
        if prefixes is None:
            prefixes = word_prefixes(sentence)
        indices = set(self.always)
        for prefix in prefixes:
            indices.update(self.by_trigger.get(prefix, ()))
        hits: dict[str, ClaimHit] = {}
        for index in sorted(indices):
            claim, term, pattern = self.patterns[index]
            if claim.id in hits:
                continue
            match = pattern.search(sentence)
            if match:
                hits[claim.id] = ClaimHit(claim, match.start(), match.end(), "pattern", 100.0, term)
        similar = sorted(self._similar(sentence, sentence_stems), key=lambda h: -h.score)
        for hit in similar[:1] + [h for h in similar[1:] if h.score >= 99]:
            hits.setdefault(hit.claim.id, hit)
        return sorted(hits.values(), key=lambda h: (h.start, h.claim.id))
