"""How alike two sentences are: cosine of rarity-weighted terms, names and figures counting more.

Articles about one event share most of their vocabulary, so a word's weight falls with the
number of sentences in the input that use it; spelling variants found by rapidfuzz count as
one word.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from rapidfuzz import fuzz, process

from .features import Terms, extract_terms

NAME_WEIGHT = 1.5
FIGURE_WEIGHT = 2.0
_STRONG_UNITS = ("USD", "GBP", "EUR", "JPY", "CNY", "%")
FUZZY_MIN_LENGTH = 6
FUZZY_CUTOFF = 88.0

Vector = Mapping[str, float]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Statistics of the input that a term's weight depends on."""

    sentences: int
    df: Mapping[str, int]
    names: frozenset[str]
    canonical: Mapping[str, str]
    acronyms: frozenset[str] = frozenset()  # acronyms of long names that the input also uses

    def weight(self, term: str) -> float:
        idf = math.log(1.0 + self.sentences / self.df.get(term, 1))
        if term.startswith("#"):  # money and shares are strong evidence; "two days" is not
            return idf * (FIGURE_WEIGHT if term.endswith(_STRONG_UNITS) else 1.0)
        return idf * NAME_WEIGHT if term in self.names else idf


def spelling_variants(words: Iterable[str]) -> dict[str, str]:
    """Map near-identical long words (typos, variants) onto one representative."""
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for w in sorted(set(words)):
        if len(w) >= FUZZY_MIN_LENGTH and w.isalpha():
            buckets[(w[0], len(w) // 4)].append(w)
    parent: dict[str, str] = {}

    def find(w: str) -> str:
        while parent.get(w, w) != w:
            w = parent[w]
        return w

    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        scores = process.cdist(bucket, bucket, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, dtype="uint8")
        rows, cols = scores.nonzero()
        for i, j in zip(rows.tolist(), cols.tolist()):
            if i < j:
                a, b = find(bucket[i]), find(bucket[j])
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {w: find(w) for w in parent}


def build_vocabulary(all_terms: Sequence[Terms]) -> Vocabulary:
    """Document frequencies over sentences, names (written capitalised more than not), variants."""
    canonical = spelling_variants(w for t in all_terms for w in t.words)
    df: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    lowercase: Counter[str] = Counter()
    for t in all_terms:
        df.update({canonical.get(w, w) for w in t.words} | t.figures)
        capitalised.update({canonical.get(w, w) for w in t.capitalised})
        lowercase.update({canonical.get(w, w) for w in t.lowercase})
    names = frozenset(w for w, n in capitalised.items() if n > lowercase[w])
    acronyms = frozenset(a for t in all_terms for a in t.acronyms if df[a])
    for t in all_terms:
        df.update(t.acronyms & acronyms)
    return Vocabulary(len(all_terms), df, names | acronyms, canonical, acronyms)


def vector(terms: Terms, vocab: Vocabulary) -> dict[str, float]:
    """Unit-length weighted term vector."""
    keys = {vocab.canonical.get(w, w) for w in terms.words} | terms.figures | (terms.acronyms & vocab.acronyms)
    weights = {k: vocab.weight(k) for k in keys}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {k: w / norm for k, w in weights.items()}


def cosine(u: Vector, v: Vector) -> float:
    if len(u) > len(v):
        u, v = v, u
    return min(1.0, sum(w * v[k] for k, w in u.items() if k in v))


def similarity(a: str, b: str, context: Sequence[str] = ()) -> float:
    """The pair score grouping uses, in [0, 1]. `context` sentences set how rare each word is;
    without it only the two sentences do."""
    terms = [extract_terms(s) for s in (a, b, *context)]
    vocab = build_vocabulary(terms)
    return cosine(vector(terms[0], vocab), vector(terms[1], vocab))
