"""Which sentence pairs are worth scoring: a bounded number per sentence, never all pairs.

Each sentence is indexed under its terms that are not common in the input; its candidates are
the sentences of other sources with which it shares the most weight of those terms, a few per
source. Every sentence reads at most INDEX_TERMS posting lists of at most POSTING_SCAN entries
and keeps at most MAX_CANDIDATES partners, so time and memory grow linearly with the number of
sentences whatever the input (a 5 MB article repeated twice included).
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain
from operator import itemgetter

from .forked import in_two
from .pairscore import Vector, cosine

COMMON_DF = 128  # a term in more sentences than this finds too many to tell ...
MIN_INDEX_TERMS = 3  # ... unless a sentence has nothing rarer
INDEX_TERMS = 32  # a sentence is found through at most this many of its terms, rarest first
POSTING_SCAN = 512  # entries read from one posting list
PER_SOURCE = 2  # partners kept per other source ...
MAX_CANDIDATES = 20  # ... and in all, per sentence
DOCUMENT_TERMS = 128  # an article's closeness to another is judged on its heaviest terms

Pair = tuple[int, int]


def candidate_pairs(sources: Sequence[int], vectors: Sequence[Vector]) -> list[Pair]:
    """Pairs (i < j) of sentences of different sources worth scoring, in a stable order."""
    df: Counter[str] = Counter(t for v in vectors for t in v)
    index_terms = []
    for v in vectors:
        ranked = sorted((t for t in v if df[t] > 1), key=lambda t: (df[t], t))
        rare = [t for t in ranked if df[t] <= COMMON_DF]
        index_terms.append((rare if len(rare) >= MIN_INDEX_TERMS else ranked[:MIN_INDEX_TERMS])[:INDEX_TERMS])
    postings: dict[str, list[int]] = defaultdict(list)
    for i, terms in enumerate(index_terms):
        for t in terms:
            postings[t].append(i)

    own = _own_slices(sources)
    most = min(MAX_CANDIDATES, PER_SOURCE * (len(set(sources)) - 1))  # partners a sentence can have

    def _of_others(scanned: list[int], source: int) -> Iterable[int]:
        """The entries of a posting list that are not of `source`, in order: its run of the list
        skipped whole where each source's sentences are contiguous."""
        if own is None:
            return (j for j in scanned if sources[j] != source)
        lo, hi = own[source]
        return chain(scanned[:bisect_left(scanned, lo)], scanned[bisect_left(scanned, hi):])

    def partners(i: int) -> list[int]:
        """The sentences sharing the most index weight with sentence i: PER_SOURCE per other
        source, MAX_CANDIDATES in all (ties in posting order)."""
        shared: dict[int, float] = defaultdict(float)
        vector = vectors[i]
        source_i = sources[i]
        for t in index_terms[i]:
            w = vector[t]
            for j in _of_others(postings[t][:POSTING_SCAN], source_i):
                shared[j] += w
        taken: Counter[int] = Counter()
        kept: list[int] = []
        for j, _ in sorted(shared.items(), key=itemgetter(1), reverse=True):
            source = sources[j]
            if taken[source] >= PER_SOURCE:
                continue
            taken[source] += 1
            kept.append(j)
            if len(kept) == most:
                break
        return kept

    found = in_two(len(vectors), lambda lo, hi: [partners(i) for i in range(lo, hi)])
    pairs = {(i, j) if i < j else (j, i) for i, js in enumerate(found) for j in js}
    return sorted(pairs)


def _own_slices(sources: Sequence[int]) -> dict[int, tuple[int, int]] | None:
    """Where each source's sentences run, [first, end), when each source's are contiguous (as
    the pipeline numbers them, source by source); None otherwise."""
    slices: dict[int, tuple[int, int]] = {}
    for k, source in enumerate(sources):
        first, end = slices.get(source, (k, k))
        if end != k:
            return None  # this source's sentences are interrupted by another's
        slices[source] = (first, k + 1)
    return slices


def document_affinity(sources: Sequence[int], vectors: Sequence[Vector], pairs: Sequence[Pair]) -> dict[Pair, float]:
    """How much two sources are about the same thing, relative to each one's closest source,
    for the source pairs that have candidate sentence pairs.

    Sentence pairs are weighed by it: in an input that mixes events, sentences of articles on
    different events rarely report one fact, however many words they share.
    """
    totals: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for source, vector in zip(sources, vectors, strict=False):
        for term, w in vector.items():
            totals[source][term] += w
    docs: dict[int, dict[str, float]] = {}
    for source, vec in totals.items():  # an article's heaviest terms say what it is about
        top = dict(sorted(vec.items(), key=lambda tw: (-tw[1], tw[0]))[:DOCUMENT_TERMS])
        norm = math.sqrt(sum(w * w for w in top.values())) or 1.0
        docs[source] = {t: w / norm for t, w in top.items()}
    raw = {}
    for i, j in pairs:
        a, b = sorted((sources[i], sources[j]))
        if (a, b) not in raw:
            raw[(a, b)] = cosine(docs[a], docs[b])
    closest: dict[int, float] = defaultdict(float)
    for (a, b), v in raw.items():
        closest[a] = max(closest[a], v)
        closest[b] = max(closest[b], v)
    return {(a, b): min(1.0, v / math.sqrt(closest[a] * closest[b])) if v > 0 else 0.0
            for (a, b), v in raw.items()}


def affinity_of(affinity: Mapping[Pair, float], a: int, b: int) -> float:
    return affinity.get((a, b) if a < b else (b, a), 0.0)
