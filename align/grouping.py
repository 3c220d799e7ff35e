"""Grouping sentences of different sources into facts, from the probabilities of their pairs.

Groups grow by average linkage: two groups merge only when their sentences are likely to pair
up *on average*, not when one pair is, so that a chain of loosely related sentences on one
topic never becomes one fact. A news sentence often carries two or three claims ("Huang
visited Beijing, two days after the US imposed curbs"): a pair counts for a fact only through
the claim each of its sentences reports there, so such a sentence never ties the visit and the
curbs into one fact; once the groups stand, it also becomes a member of every other fact it
reports just as well.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .candidates import Pair

MAX_PER_SOURCE = 3  # a source restates a fact now and then, but not in every paragraph
MAX_REPORTS_PER_SOURCE = 6  # with the sentences that report it too; more is a list of copies, not news
ANY_CLAIM = -1  # a sentence of one claim, or one whose claim in a fact is not settled yet


class Claim(NamedTuple):
    """Through which claim (clause) a sentence reports another: its best, and the bits of every
    claim that reports it nearly as well."""

    best: int
    fits: int


NO_CLAIM = Claim(ANY_CLAIM, -1)  # a sentence of one claim fits any


@dataclass(frozen=True, slots=True)
class Node:
    """A sentence as grouping sees it: which source (by number) and where in it."""

    source: int
    position: int


@dataclass(frozen=True, slots=True)
class Pairs:
    """Scored pairs: the probability that the two sentences report one fact, and through which
    claim of each (ANY_CLAIM for a sentence of one claim)."""

    probability: Mapping[Pair, float]
    claims: Mapping[Pair, tuple[Claim, Claim]]

    def claim(self, x: int, y: int) -> int:
        """The claim of x that best reports y."""
        if x < y:
            return self.claims.get((x, y), (NO_CLAIM, NO_CLAIM))[0].best
        return self.claims.get((y, x), (NO_CLAIM, NO_CLAIM))[1].best

    def links(self, count: int) -> list[dict[int, tuple[float, Claim, Claim]]]:
        """For each sentence, its scored partners: probability, its claim, the partner's claim."""
        near: list[dict[int, tuple[float, Claim, Claim]]] = [{} for _ in range(count)]
        for (x, y), p in self.probability.items():
            cx, cy = self.claims.get((x, y), (NO_CLAIM, NO_CLAIM))
            near[x][y] = (p, cx, cy)
            near[y][x] = (p, cy, cx)
        return near


Links = list[dict[int, tuple[float, Claim, Claim]]]


@dataclass(frozen=True, slots=True)
class Grouped:
    """Facts as lists of node indices (every node in exactly one), and the claim each node
    reports in its own fact."""

    groups: list[list[int]]
    claim_of: list[int]


def _fits(members: list[int], nodes: Sequence[Node]) -> bool:
    """At most MAX_PER_SOURCE sentences of one source."""
    count: dict[int, int] = defaultdict(int)
    for m in members:
        count[nodes[m].source] += 1
        if count[nodes[m].source] > MAX_PER_SOURCE:
            return False
    return True


def _agrees(claim: Claim, settled: int) -> bool:
    return settled == ANY_CLAIM or bool(claim.fits >> settled & 1)


def _through(link: tuple[float, Claim, Claim], claim_x: int, claim_y: int) -> float:
    """A link's probability if each sentence reports the other through the claim it reports in
    the fact (`claim_x`, `claim_y`); 0 otherwise."""
    p, cx, cy = link
    return p if _agrees(cx, claim_x) and _agrees(cy, claim_y) else 0.0


def _cross_pairs(a: Sequence[int], b: Sequence[int], nodes: Sequence[Node]) -> int:
    """How many pairs of sentences of different sources there are between two groups."""
    sources: dict[int, int] = defaultdict(int)
    for y in b:
        sources[nodes[y].source] += 1
    return len(a) * len(b) - sum(sources[nodes[x].source] for x in a)


def average_link(a: Sequence[int], b: Sequence[int], nodes: Sequence[Node], near: Links,
                 claim_of: Sequence[int]) -> float:
    """Mean probability over the cross-source pairs between two groups (pairs not scored, and
    pairs through another claim, count 0)."""
    if len(a) > len(b):
        a, b = b, a
    inside = set(b)
    total = sum(_through(link, claim_of[x], claim_of[y]) for x in a for y, link in near[x].items() if y in inside)
    count = _cross_pairs(a, b, nodes)
    return total / count if count else 0.0


def _settle(claim_of: list[int], a: Sequence[int], b: Sequence[int], near: Links) -> None:
    """After a merge, a sentence whose claim was open reports the claim through which its
    likeliest partner on the other side reports it."""
    for side, other in ((a, b), (b, a)):
        inside = set(other)
        for x in side:
            if claim_of[x] == ANY_CLAIM:
                partners = [(_through(link, ANY_CLAIM, claim_of[y]), -y, link[1].best)
                            for y, link in near[x].items() if y in inside]
                if partners:
                    claim_of[x] = max(partners)[2]


def group(nodes: Sequence[Node], pairs: Pairs, threshold: float) -> Grouped:
    """Average linkage over the pairs at `threshold`, in order of first node."""
    near = pairs.links(len(nodes))
    owner = list(range(len(nodes)))
    claim_of = [ANY_CLAIM] * len(nodes)
    members: dict[int, list[int]] = {i: [i] for i in range(len(nodes))}
    for (i, j), s in sorted(pairs.probability.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        merged = members[a] + members[b]
        if not _fits(merged, nodes) or average_link(members[a], members[b], nodes, near, claim_of) < threshold:
            continue
        _settle(claim_of, members[a], members[b], near)
        keep, gone = min(a, b), max(a, b)
        for m in members[gone]:
            owner[m] = keep
        members[keep] = sorted(merged)
        del members[gone]
    return Grouped([members[k] for k in sorted(members)], claim_of)


def also_reports(grouped: Grouped, nodes: Sequence[Node], pairs: Pairs,
                 threshold: float) -> list[list[tuple[int, int]]]:
    """For each fact, the sentences of other facts that report it too, with the claim through
    which they do. Each must be, through one claim, as likely on average to pair with the
    fact's sentences of other sources as `threshold` asks of a member, counting those that
    joined before it (likeliest first): a fact stays one fact, not a topic its extra members
    each touch from a different side. With these, a fact holds at most MAX_REPORTS_PER_SOURCE
    sentences of one source."""
    near = pairs.links(len(nodes))
    groups, claim_of = grouped.groups, grouped.claim_of
    owner = {m: g for g, members in enumerate(groups) for m in members}
    offers: dict[int, list[tuple[float, int, int]]] = defaultdict(list)  # (-mean, sentence, claim)
    for x in range(len(nodes)):
        by_fact: dict[int, list[tuple[int, tuple[float, Claim, Claim]]]] = defaultdict(list)
        for y, link in near[x].items():
            if owner[y] != owner[x] and nodes[y].source != nodes[x].source:
                by_fact[owner[y]].append((y, link))
        for g, links in by_fact.items():
            claim = max(links, key=lambda yl: (yl[1][0], -yl[0]))[1][1].best  # through its likeliest partner
            mean = sum(_through(link, claim, claim_of[y]) for y, link in links) / len(groups[g])
            if mean * len(groups[g]) >= threshold:  # could reach the threshold at all
                offers[g].append((-mean, x, claim))
    extra: list[list[tuple[int, int]]] = [[] for _ in groups]
    for g in sorted(offers):
        members = {m: claim_of[m] for m in groups[g]}
        per_source = Counter(nodes[m].source for m in members)
        for _, x, claim in sorted(offers[g]):
            if per_source[nodes[x].source] >= MAX_REPORTS_PER_SOURCE:  # the likeliest of a source's repeats are in
                continue
            others = len(members) - per_source[nodes[x].source]
            linked = near[x]  # the fewer of its links and the fact's members are looked through
            shared = [m for m in members if m in linked] if len(members) < len(linked) else \
                [m for m in linked if m in members]
            total = math.fsum(_through(linked[m], claim, members[m]) for m in shared
                              if nodes[m].source != nodes[x].source)
            if others and total / others >= threshold:
                extra[g].append((x, claim))
                members[x] = claim
                per_source[nodes[x].source] += 1
        extra[g].sort()
    return extra


def pair_facts(facts: Sequence[Sequence[int]], pairs: Pairs, threshold: float) -> list[list[int]]:
    """Two sentences as likely to report one fact as `threshold` asks, that no fact holds
    together (each belongs to a fact the other does not fit), make a fact of their own."""
    fact_of: dict[int, set[int]] = defaultdict(set)
    for n, members in enumerate(facts):
        for m in members:
            fact_of[m].add(n)
    return [[i, j] for (i, j), s in sorted(pairs.probability.items()) if s >= threshold and not fact_of[i] & fact_of[j]]


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
