"""Find the thesaurus' concepts in a sentence: stemmed words and phrases, and /regexes/.

A term's words are stemmed with the Snowball English stemmer, as are the sentence's, so a
term finds its inflections ("dimple": "dimples", "dimpled"); hyphens and spaces are alike.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import snowballstemmer

from claimkb.kb.concepts import Concept
from claimkb.kb.terms import TermPattern, TriggerIndex, compile_term, is_regex, triggers

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|%")
_STEMMER = snowballstemmer.stemmer("english")
_SEPARATES = re.compile(r"[.;:!?()\[\]|]")  # what a phrase's words cannot stand apart by (a comma may: lists)


STEMS: dict[str, str] = {}  # word -> stem (the checker keeps it between runs: checker.memo)


def stem(word: str) -> str:
    """The Snowball stem of a lower-case word (remembered: copy repeats its words)."""
    found = STEMS.get(word)
    if found is None:
        found = STEMS[word] = _STEMMER.stemWord(word.replace("'", ""))
    return found


# "isn't" reads as "is not", so that a term says a negation once ("not known" finds "isn't known").
_NOT_CONTRACTED = {"can't": "can", "won't": "will", "shan't": "shall", "ain't": "is"}


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, stem) of every word of ``text``; a contracted "not" is a word of its own (both
    words span the contraction)."""
    get = STEMS.get
    lowered = text.lower()
    if "n't" not in lowered:  # the common case, kept fast
        return [(m.start(), m.end(), get(m.group(0)) or stem(m.group(0))) for m in _WORD.finditer(lowered)]
    found: list[tuple[int, int, str]] = []
    add = found.append
    for m in _WORD.finditer(lowered):
        word = m.group(0)
        if "'" in word and word.endswith("n't") and len(word) > 3:
            base = _NOT_CONTRACTED.get(word, word[:-3])
            add((m.start(), m.end(), get(base) or stem(base)))
            add((m.start(), m.end(), "not"))
        else:
            add((m.start(), m.end(), get(word) or stem(word)))
    return found


@dataclass(frozen=True)
class ConceptHit:
    concept: Concept
    start: int  # offsets into the sentence
    end: int
    words: str  # the words of the sentence that named it

    @property
    def kind(self) -> str:
        return self.concept.kind


class ConceptIndex:
    """Every term of every concept, ready to look up in a sentence."""

    def __init__(self, concepts: tuple[Concept, ...]) -> None:
        self.concepts = {c.id: c for c in concepts}
        # One-word terms by their stem; phrases by their first two stems, the longest first.
        self.by_stem: dict[str, list[Concept]] = defaultdict(list)
        self.by_pair: dict[tuple[str, str], list[tuple[tuple[str, ...], Concept]]] = defaultdict(list)
        self.regexes: list[tuple[TermPattern, Concept]] = []
        self.regex_triggers = TriggerIndex()  # a /regex/ is tried only where one of its trigger prefixes stands
        for concept in concepts:
            for term in concept.terms:
                if is_regex(term):
                    self.regex_triggers.add(len(self.regexes), triggers(term))
                    self.regexes.append((compile_term(term), concept))
                    continue
                stems = tuple(s for _, _, s in words(term))
                if len(stems) == 1:
                    self.by_stem[stems[0]].append(concept)
                elif stems:
                    self.by_pair[stems[0], stems[1]].append((stems, concept))
        for entries in self.by_pair.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.first_stems = frozenset(first for first, _ in self.by_pair)  # stems that start a phrase

    def find(self, sentence: str, prefixes: set[str] | None = None) -> list[ConceptHit]:
        """Each concept named in the sentence, once per place. ``prefixes``: the sentence's trigger
        prefixes (``terms.word_prefixes``), so that a /regex/ is tried only where it could match."""
        tokens = words(sentence)
        stems = [s for _, _, s in tokens]
        hits: list[ConceptHit] = []
        covered: dict[str, int] = {}  # concept id -> end of its last hit (no overlapping hits per concept)
        by_pair, by_stem, first_stems = self.by_pair, self.by_stem, self.first_stems
        last = len(tokens) - 1
        for i, (start, end, first) in enumerate(tokens):
            phrases = by_pair.get((first, stems[i + 1])) if i < last and first in first_stems else None
            for phrase, concept in phrases or ():
                if tuple(stems[i : i + len(phrase)]) != phrase:
                    continue
                if any(  # a phrase does not run across punctuation ("the morning; after")
                    _SEPARATES.search(sentence, tokens[k][1], max(tokens[k][1], tokens[k + 1][0]))
                    for k in range(i, i + len(phrase) - 1)
                ):
                    continue
                phrase_end = tokens[i + len(phrase) - 1][1]
                if covered.get(concept.id, -1) > start:
                    continue
                covered[concept.id] = phrase_end
                hits.append(ConceptHit(concept, start, phrase_end, sentence[start:phrase_end]))
            for concept in by_stem.get(first, ()):
                if covered.get(concept.id, -1) > start:
                    continue
                covered[concept.id] = end
                hits.append(ConceptHit(concept, start, end, sentence[start:end]))
        tried = range(len(self.regexes)) if prefixes is None else self.regex_triggers.candidates(prefixes)
        for i in tried:
            pattern, concept = self.regexes[i]
            match = pattern.search(sentence)
            if match and match.end() > match.start():
                hits.append(ConceptHit(concept, match.start(), match.end(), match.group(0)))
        return sorted(hits, key=lambda h: (h.start, -h.end))
