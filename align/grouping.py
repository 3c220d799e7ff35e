"""Grouping sentences of different sources into facts.

Candidate pairs come from an index of rarer terms (blocking), so a large input is never
compared all-pairs. Groups grow by average linkage: two groups merge only when their
sentences are alike on average, not when one pair is, so that a chain of loosely related
sentences on one topic never becomes one fact. A source may contribute two adjacent sentences
to one fact (it split the fact); otherwise each source contributes one.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from .pairscore import Vector, cosine

Pair = tuple[int, int]
MIN_KEPT_SIMILARITY = 0.05
MAX_PER_SOURCE = 2
ALSO_PER_SOURCE = 2
BLOCKING_SHARE = 0.05
BLOCKING_MIN_DF = 50


@dataclass(frozen=True, slots=True)
class Node:
    """A sentence as grouping sees it: which source, where in it, and its vector."""

    source: int
    position: int
    vector: Vector


def document_affinity(nodes: Sequence[Node]) -> dict[tuple[int, int], float]:
    """How much two sources are about the same thing, relative to each one's closest source.

    Sentence pairs are scaled by it: in an input that mixes events, sentences of articles on
    different events rarely report one fact, however many words they share.
    """
    totals: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for node in nodes:
        for term, w in node.vector.items():
            totals[node.source][term] += w
    docs = {}
    for src, vec in totals.items():
        norm = math.sqrt(sum(w * w for w in vec.values())) or 1.0
        docs[src] = {t: w / norm for t, w in vec.items()}
    ids = sorted(docs)
    raw = {(a, b): cosine(docs[a], docs[b]) for k, a in enumerate(ids) for b in ids[k + 1:]}
    closest = {a: max((v for pair, v in raw.items() if a in pair), default=1.0) or 1.0 for a in ids}
    return {(a, b): min(1.0, v / math.sqrt(closest[a] * closest[b])) for (a, b), v in raw.items()}


def pair_similarities(
    nodes: Sequence[Node], progress: Callable[[int, int], None] | None = None
) -> dict[Pair, float]:
    """Similarity of every cross-source pair that shares a term rare enough to index, scaled
    by how close the two sources are."""
    affinity = document_affinity(nodes)
    max_df = max(BLOCKING_MIN_DF, int(BLOCKING_SHARE * len(nodes)))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, node in enumerate(nodes):
        for term in node.vector:
            postings[term].append(i)
    index = {t: p for t, p in postings.items() if len(p) <= max_df}
    sims: dict[Pair, float] = {}
    for i, node in enumerate(nodes):
        seen: set[int] = set()
        for term in node.vector:
            for j in index.get(term, ()):
                if j > i and j not in seen and nodes[j].source != node.source:
                    seen.add(j)
                    a, b = sorted((node.source, nodes[j].source))
                    s = cosine(node.vector, nodes[j].vector) * affinity[(a, b)]
                    if s >= MIN_KEPT_SIMILARITY:
                        sims[(i, j)] = s
        if progress and (i % 256 == 0 or i == len(nodes) - 1):
            progress(i + 1, len(nodes))
    return sims


def _fits(members: list[int], nodes: Sequence[Node]) -> bool:
    """Each source at most twice, and then with adjacent sentences."""
    by_source: dict[int, list[int]] = defaultdict(list)
    for m in members:
        by_source[nodes[m].source].append(nodes[m].position)
    for positions in by_source.values():
        if len(positions) > MAX_PER_SOURCE or max(positions) - min(positions) >= len(positions):
            return False
    return True


def average_link(a: list[int], b: list[int], nodes: Sequence[Node], sims: Mapping[Pair, float]) -> float:
    """Mean similarity over the cross-source pairs between two groups (missing pairs are 0)."""
    total, count = 0.0, 0
    for x in a:
        for y in b:
            if nodes[x].source != nodes[y].source:
                total += sims.get((x, y) if x < y else (y, x), 0.0)
                count += 1
    return total / count if count else 0.0


def group(nodes: Sequence[Node], sims: Mapping[Pair, float], threshold: float) -> list[list[int]]:
    """Facts as lists of node indices, every node in exactly one, in order of first node."""
    owner = list(range(len(nodes)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(nodes))}
    for (i, j), s in sorted(sims.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        merged = members[a] + members[b]
        if not _fits(merged, nodes) or average_link(members[a], members[b], nodes, sims) < threshold:
            continue
        keep, gone = min(a, b), max(a, b)
        for m in members[gone]:
            owner[m] = keep
        members[keep] = sorted(merged)
        del members[gone]
    return [members[k] for k in sorted(members)]


def also_reported(
    groups: Sequence[list[int]], nodes: Sequence[Node], sims: Mapping[Pair, float], threshold: float
) -> list[list[int]]:
    """For each fact, sentences whose own fact is another one but which report it too.

    A news sentence often carries two facts ("Huang visited Beijing on Thursday, after curbs
    sent shares tumbling"): it joins a second fact of other sources when it is, on average,
    as alike to that fact's sentences as `threshold` asks, its source is absent there, and no
    other sentence of its source fits that fact better.
    """
    owner = {m: g for g, members in enumerate(groups) for m in members}
    neighbours: dict[int, dict[int, float]] = defaultdict(dict)
    for (x, y), s in sims.items():
        neighbours[x][y] = s
        neighbours[y][x] = s
    offers: dict[tuple[int, int], list[tuple[float, int]]] = defaultdict(list)
    for x in range(len(nodes)):
        for g in {owner[y] for y in neighbours[x]} - {owner[x]}:
            members = groups[g]
            if len(members) < 2 or any(nodes[m].source == nodes[x].source for m in members):
                continue
            mean = sum(neighbours[x].get(m, 0.0) for m in members) / len(members)
            if mean >= threshold:
                offers[(g, nodes[x].source)].append((-mean, x))
    extra: list[list[int]] = [[] for _ in groups]
    for (g, _), candidates in sorted(offers.items()):
        extra[g].extend(sorted(x for _, x in sorted(candidates)[:ALSO_PER_SOURCE]))
    return extra


def best_matches(count: int, sims: Mapping[Pair, float]) -> list[float]:
    """Each node's highest similarity to a sentence of another source."""
    best = [0.0] * count
    for (x, y), s in sims.items():
        best[x] = max(best[x], s)
        best[y] = max(best[y], s)
    return best


def cohesion(
    group_members: Sequence[int], nodes: Sequence[Node], sims: Mapping[Pair, float], best: Sequence[float]
) -> float:
    """Mean cross-source similarity within a fact; a single-source fact scores how unlike
    anything elsewhere it is (1 minus its best match in another source)."""
    cross = [
        sims.get((x, y), 0.0)
        for k, x in enumerate(group_members)
        for y in group_members[k + 1:]
        if nodes[x].source != nodes[y].source
    ]
    if cross:
        return sum(cross) / len(cross)
    return 1.0 - max(best[m] for m in group_members)
