"""How likely two sentences are to report the same fact: a calibrated probability.

Evidence is measured several ways (PAIR_FEATURES) and combined by a logistic model whose few
weights are fitted on the development halves of SPARK and ECB+ by
`benchmarks/fit_pairscore.py` and shipped in `align/data/pairmodel.json`. Words weigh by how rare
they are in the input (articles about one event share most of their vocabulary) and in English
(with two articles the input alone cannot tell "Beijing" from filler); names and amounts count
more; spelling variants found by rapidfuzz count as one word.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from typing import Any, Iterable, Mapping, Sequence

from .features import Terms, extract_terms
from .lexicon import COMMONEST_RARITY, rarity

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

    def weight(self, term: str) -> float:
        """Rarity in the input (idf over its sentences), names and money/shares counting more."""
        idf = math.log(1.0 + self.sentences / self.df.get(term, 1))
        if term.startswith("#"):  # money and shares are strong evidence; "two days" is not
            return idf * (FIGURE_WEIGHT if term.endswith(_STRONG_UNITS) else 1.0)
        return idf * NAME_WEIGHT if term in self.names else idf

    def language_weight(self, term: str) -> float:
        """Rarity in the input times rarity in English: both must be high for a word to tell."""
        known = FIGURE_RARITY if term.startswith("#") else rarity(term)
        return self.weight(term) * max(0.0, known - COMMONEST_RARITY)

    def keys(self, terms: Iterable[str]) -> set[str]:
        return {self.canonical.get(w, w) for w in terms}


def spelling_variants(words: Iterable[str]) -> dict[str, str]:
    """Map near-identical long words (typos, variants) onto one representative."""
    from rapidfuzz import fuzz, process  # noqa: PLC0415 - numpy behind it; only when comparing

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


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {k: w / norm for k, w in weights.items()}


def cosine(u: Vector, v: Vector) -> float:
    if len(u) > len(v):
        u, v = v, u
    return min(1.0, sum(w * v[k] for k, w in u.items() if k in v))


@dataclass(frozen=True, slots=True)
class SentenceVectors:
    """A sentence as the pair score sees it: its terms weighed two ways, and its claims."""

    weights: dict[str, float]  # input and English rarity, not normalised
    plain: dict[str, float]  # unit vector, input rarity
    language: dict[str, float]  # unit vector, input and English rarity
    claims: tuple[tuple[frozenset[str], float], ...]  # each clause's terms and squared weight (the whole if one)
    amounts: frozenset[str]  # money and shares


def sentence_vectors(terms: Terms, vocab: Vocabulary) -> SentenceVectors:
    keys = vocab.keys(terms.words) | terms.figures | (terms.acronyms & vocab.acronyms)
    weights = {k: vocab.language_weight(k) for k in keys}
    clauses = [frozenset(vocab.keys(c.terms) & keys) for c in terms.clauses] or [frozenset(keys)]
    claims = tuple((c, sum(weights[k] ** 2 for k in c)) for c in clauses if c)
    amounts = frozenset(k for k in terms.figures if k.endswith(_STRONG_UNITS))
    return SentenceVectors(weights, _unit({k: vocab.weight(k) for k in keys}), _unit(weights), claims, amounts)


PAIR_FEATURES = ("cosine", "language_cosine", "claim_cover", "shared_weight", "shared_amounts", "affinity",
                 "affine_cosine")


def claim_cover(vectors: SentenceVectors, shared: set[str]) -> float:
    """The largest share of one claim's weight (a clause, or the whole sentence) that the other
    sentence has too: a two-claim sentence matches a one-claim sentence through one claim."""
    return max((claim_cover_of(terms, total, vectors, shared) for terms, total in vectors.claims), default=0.0)


def matched_claim(vectors: SentenceVectors, others: Sequence[SentenceVectors]) -> int | None:
    """Which claim (clause) of a sentence the `others` report most of; None for a sentence of
    one claim."""
    if len(vectors.claims) < 2 or not others:
        return None
    covered = [sum(claim_cover_of(terms, total, vectors, o.plain.keys()) for o in others)
               for terms, total in vectors.claims]
    best = max(range(len(covered)), key=lambda k: (covered[k], -k))
    return best if covered[best] > 0 else None


def claim_cover_of(terms: frozenset[str], total: float, vectors: SentenceVectors, keys: Iterable[str]) -> float:
    return sum(vectors.weights[k] ** 2 for k in terms.intersection(keys)) / total if total else 0.0


def pair_features(a: SentenceVectors, b: SentenceVectors, affinity: float) -> tuple[float, ...]:
    """The evidence that two sentences report one fact, in PAIR_FEATURES order."""
    shared = a.plain.keys() & b.plain.keys()
    plain = min(1.0, sum(a.plain[k] * b.plain[k] for k in shared))
    return (
        plain,
        min(1.0, sum(a.language[k] * b.language[k] for k in shared)),
        max(claim_cover(a, shared), claim_cover(b, shared)),
        math.log1p(sum(a.weights[k] for k in shared)),
        float(len(a.amounts & b.amounts)),
        affinity,
        plain * affinity,
    )


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic model over PAIR_FEATURES, and the threshold that maximised development F1."""

    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-z)) if z > -40 else 0.0


MODEL_FILE = "data/pairmodel.json"


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(files("align").joinpath(MODEL_FILE).read_text(encoding="utf-8"))
    return data


def shipped_threshold() -> float:
    """The default threshold: the probability that maximised development F1."""
    return float(_shipped()["threshold"])


@lru_cache(maxsize=1)
def model() -> PairModel:
    """The shipped model (see `benchmarks/fit_pairscore.py`)."""
    data = _shipped()
    if tuple(data["features"]) != PAIR_FEATURES:
        raise RuntimeError("align/data/pairmodel.json was fitted on other features; re-run benchmarks/fit_pairscore.py")
    return PairModel(tuple(data["weights"]), data["bias"], data["threshold"])


def similarity(a: str, b: str, context: Sequence[str] = ()) -> float:
    """The probability that sentences `a` and `b` report the same fact: the score grouping uses.
    `context` sentences (say, the rest of both articles) set how rare each word is in the input;
    without it only the two sentences do. The two are taken as two articles of one sentence
    each, so their closeness as documents is their own."""
    terms = [extract_terms(s) for s in (a, b, *context)]
    vocab = build_vocabulary(terms)
    va, vb = sentence_vectors(terms[0], vocab), sentence_vectors(terms[1], vocab)
    return model().probability(pair_features(va, vb, affinity=1.0))
