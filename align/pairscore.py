"""How likely two sentences are to report the same fact: a calibrated probability.

Four kinds of evidence (PAIR_FEATURES) are combined by a logistic model whose few weights are
fitted on the development half of SPARK by `benchmarks/fit_pairscore.py` and shipped in
`align/data/pairmodel.json`; the pair's probability is then weighed by how close the two
articles are (`candidates.document_affinity`), so that an input mixing events keeps them apart.

- coverage: how much of each sentence's weight the other has (harmonic mean of both ways);
- relative: how the pair compares with each sentence's best match in the other article;
- context: the pair's neighbourhoods (each sentence with the ones before and after it);
- centrality: the lesser of the two sentences' best matches anywhere: a sentence no other
  article echoes rarely reports a shared fact.
Words weigh by how rare they are in the input (articles about one event share most of their
vocabulary) and, for coverage, in English too; spelling variants found by rapidfuzz count as
one word.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .features import Terms
from .lexicon import COMMONEST_RARITY, rarity
from .shipped import shipped_model

NAME_WEIGHT = 1.5
FIGURE_WEIGHT = 2.0
FIGURE_RARITY = 7.0  # an amount is as telling as a rare word
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
    _weights: dict[str, tuple[float, float, float]] = field(default_factory=dict, compare=False, repr=False)

    def weights(self, term: str) -> tuple[float, float, float]:
        """(`coverage_weight`, `idf`, `named_weight`) of a term, remembered: a term recurs in
        many sentences, and each asks all three."""
        got = self._weights.get(term)
        if got is None:
            got = self._weights[term] = (self.coverage_weight(term), self.idf(term), self.named_weight(term))
        return got

    def idf(self, term: str) -> float:
        """Rarity in the input: articles about one event share most of their words."""
        return math.log(1.0 + self.sentences / self.df.get(term, 1))

    def named_weight(self, term: str) -> float:
        """Rarity in the input, names and money/shares counting more: what an article is about."""
        idf = self.idf(term)
        if term.startswith("#"):  # money and shares are strong evidence; "two days" is not
            return idf * (FIGURE_WEIGHT if term.endswith(_STRONG_UNITS) else 1.0)
        return idf * NAME_WEIGHT if term in self.names else idf

    def coverage_weight(self, term: str) -> float:
        """Rarity in the input and in English: with two articles the input alone cannot tell
        'Beijing' from 'people'."""
        known = FIGURE_RARITY if term.startswith("#") else rarity(term)
        return self.idf(term) * math.sqrt(max(0.0, known - COMMONEST_RARITY))

    def keys(self, terms: Iterable[str]) -> set[str]:
        return {self.canonical.get(w, w) for w in terms}


def spelling_variants(words: Iterable[str]) -> dict[str, str]:
    """Map near-identical long words (typos, variants) onto one representative."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - only when comparing

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
        for i, word in enumerate(bucket[:-1]):  # each against the words after it, in C (no numpy)
            for other, _, _ in process.extract(word, bucket[i + 1:], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                                               limit=None):
                a, b = find(word), find(other)
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


def unit(weights: Mapping[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {k: w / norm for k, w in weights.items()}


def cosine(u: Vector, v: Vector) -> float:
    if len(u) > len(v):
        u, v = v, u
    return min(1.0, sum(w * v[k] for k, w in u.items() if k in v))


@dataclass(frozen=True, slots=True)
class SentenceVectors:
    """A sentence as the pair score sees it: its terms weighed for each use, and its claims."""

    weights: dict[str, float]  # for coverage: input and English rarity
    total: float  # sum of `weights`
    unit: dict[str, float]  # unit vector of input rarity: the pair's cosine
    named: dict[str, float]  # unit vector, names and amounts counting more: what the article is about
    claims: tuple[tuple[frozenset[str], float], ...]  # each clause's terms and their weight (the whole if one)


def sentence_vectors(terms: Terms, vocab: Vocabulary) -> SentenceVectors:
    """Terms in sorted order and sums taken exactly (`math.fsum`): the same input gives the same
    floats, whatever order Python's string hashing puts a set in."""
    keys = sorted(vocab.keys(terms.words) | terms.figures | (terms.acronyms & vocab.acronyms))
    each = [vocab.weights(k) for k in keys]
    weights, by_idf, named = ({k: w[n] for k, w in zip(keys, each, strict=True)} for n in range(3))
    clauses = [frozenset(vocab.keys(c.terms)).intersection(weights.keys()) for c in terms.clauses] or [frozenset(keys)]
    claims = tuple((c, math.fsum(weights[k] for k in c)) for c in clauses if c)
    return SentenceVectors(weights, math.fsum(weights.values()), unit(by_idf), unit(named), claims)


def coverage(a: SentenceVectors, b: SentenceVectors) -> float:
    """How much of each sentence's weight the other has: the harmonic mean of both shares, so
    that a short sentence inside a long one is not enough on its own. (A term weighs the same in
    both, so the shares are the shared weight over each sentence's total.)"""
    shared = math.fsum(a.weights[k] for k in a.weights.keys() & b.weights.keys())
    return 2 * shared / (a.total + b.total) if shared else 0.0


def claim_scores(vectors: SentenceVectors, other: SentenceVectors) -> list[float]:
    """How much of each claim (clause) of a sentence the other sentence reports."""
    weights = vectors.weights
    return [math.fsum(weights[k] for k in terms & other.weights.keys()) / total if total else 0.0
            for terms, total in vectors.claims]


PAIR_FEATURES = ("coverage", "relative", "context", "centrality")


@dataclass(frozen=True, slots=True)
class Standing:
    """A sentence among the others: its best cosine in each other article, and its neighbourhood."""

    best: Mapping[int, float]  # other source number -> best cosine of this sentence there
    window: dict[str, float]  # unit vector of the sentence with half of each neighbour's
    centrality: float  # its best cosine in any other article


def pair_features(a: SentenceVectors, b: SentenceVectors, cos: float, standing_a: Standing, standing_b: Standing,
                  source_a: int, source_b: int) -> tuple[float, float, float, float]:
    """The evidence that two sentences of two articles report one fact, in PAIR_FEATURES order."""
    best_a, best_b = standing_a.best.get(source_b, 0.0), standing_b.best.get(source_a, 0.0)
    relative = min(cos / best_a if best_a > 0 else 0.0, cos / best_b if best_b > 0 else 0.0)
    return (coverage(a, b), min(1.0, relative), cosine(standing_a.window, standing_b.window),
            min(standing_a.centrality, standing_b.centrality))


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic model over PAIR_FEATURES, and the threshold that maximised development F1."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features, strict=False))
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0


@lru_cache(maxsize=1)
def model() -> PairModel:
    """The shipped model (see `benchmarks/fit_pairscore.py`)."""
    data = shipped_model()
    if tuple(data["features"]) != PAIR_FEATURES:
        raise RuntimeError("align/data/pairmodel.json was fitted on other features; re-run benchmarks/fit_pairscore.py")
    return PairModel(tuple(data["weights"]), data["bias"], data["threshold"])
