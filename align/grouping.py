"""Grouping sentences of different sources into facts, from the probabilities of their pairs.

Groups grow by average linkage: two groups merge only when their sentences are likely to pair
up *on average*, not when one pair is, so that a chain of loosely related sentences on one
topic never becomes one fact. A news sentence often carries two or three claims, so once the
groups stand, a sentence also becomes a member of every other fact it reports just as well.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

from .candidates import Pair

MAX_PER_SOURCE = 3  # a source restates a fact now and then, but not in every paragraph


@dataclass(frozen=True, slots=True)
class Node:
    """A sentence as grouping sees it: which source (by number) and where in it."""

    source: int
    position: int


def _fits(members: list[int], nodes: Sequence[Node]) -> bool:
    """At most MAX_PER_SOURCE sentences of one source."""
    count: dict[int, int] = defaultdict(int)
    for m in members:
        count[nodes[m].source] += 1
        if count[nodes[m].source] > MAX_PER_SOURCE:
            return False
    return True


def average_link(a: Sequence[int], b: Sequence[int], nodes: Sequence[Node], sims: Mapping[Pair, float]) -> float:
    """Mean probability over the cross-source pairs between two groups (missing pairs are 0)."""
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


def also_reports(
    groups: Sequence[list[int]], nodes: Sequence[Node], sims: Mapping[Pair, float], threshold: float
) -> list[list[int]]:
    """For each fact, the sentences of other facts that report it too: on average as likely to
    pair with its sentences of other sources as `threshold` asks of its own members. ("Huang
    visited Beijing, two days after the US imposed curbs" joins the fact of the visit and that
    of the curbs, even when only one other sentence reports the curbs.)"""
    owner = {m: g for g, members in enumerate(groups) for m in members}
    neighbours: dict[int, dict[int, float]] = defaultdict(dict)
    for (x, y), s in sims.items():
        neighbours[x][y] = s
        neighbours[y][x] = s
    extra: list[list[int]] = [[] for _ in groups]
    for x in range(len(nodes)):
        near = neighbours[x]
        for g in sorted({owner[y] for y in near} - {owner[x]}):
            others = [m for m in groups[g] if nodes[m].source != nodes[x].source]
            if others and sum(near.get(m, 0.0) for m in others) / len(others) >= threshold:
                extra[g].append(x)
    return extra


def pair_facts(facts: Sequence[Sequence[int]], sims: Mapping[Pair, float], threshold: float) -> list[list[int]]:
    """Two sentences as likely to report one fact as `threshold` asks, that no fact holds
    together (each belongs to a fact the other does not fit), make a fact of their own."""
    fact_of: dict[int, set[int]] = defaultdict(set)
    for n, members in enumerate(facts):
        for m in members:
            fact_of[m].add(n)
    return [[i, j] for (i, j), s in sorted(sims.items()) if s >= threshold and not fact_of[i] & fact_of[j]]


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
    """Mean cross-source probability within a fact; a single-source fact scores how unlikely it
    is that another source reports it (1 minus its best match in another source)."""
    ordered = sorted(group_members)
    cross = [
        sims.get((x, y), 0.0)
        for k, x in enumerate(ordered)
        for y in ordered[k + 1:]
        if nodes[x].source != nodes[y].source
    ]
    if cross:
        return sum(cross) / len(cross)
    return 1.0 - max(best[m] for m in group_members)
