"""From input to Alignment: read, split, mark boilerplate, weigh, compare, group.

`prepare` does the costly part once; `regroup` re-draws facts at another threshold from the
cached pair scores, which is what lets the UI re-align live.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from .candidates import Pair, affinity_of, candidate_pairs, document_affinity
from .cycles import paused_cycle_collection
from .discrepancies import Finding, attach_links, examine, link_findings, unlinked
from .factids import fact_ids
from .features import extract_terms
from .forked import in_two
from .grouping import ANY_CLAIM, NO_CLAIM, Claim, Node, Pairs, also_reports, best_matches, cohesion, group, pair_facts
from .model import Alignment, Fact, Mention, SentenceRef, Source
from .pairscore import (
    PairModel,
    SentenceVectors,
    Standing,
    Vocabulary,
    build_vocabulary,
    claim_scores,
    cosine,
    model,
    pair_features,
    sentence_vectors,
    unit,
)
from .shipped import shipped_threshold
from .sources import RawText, articles, require_two
from .splitting import lines_in_several, split_source

DEFAULT_THRESHOLD = shipped_threshold()  # the probability that maximised development F1
MIN_KEPT_PROBABILITY = 0.1  # pairs less likely than this are not kept: they count as 0 in grouping
# A pair at least this likely to report one fact, on its own: its sentences can disagree (other
# members of a fact only take sides), and it is a fact of its own when no fact holds both.
LIKELY_PAIR = 0.25
NEIGHBOUR_SHARE = 0.5  # how much the sentences before and after one count in its neighbourhood
NEARLY_AS_WELL = 0.5  # a clause reporting half of what the best one reports is another way in

# Examining facts is split in two (see `forked`) from this many on: at about a millisecond a
# fact, a second and more of work against a copy's start and pickling, a few hundredths.
FORK_MIN_FACTS = 3000

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The input's sentences as the pair score sees them, and the pairs worth scoring."""

    sources: tuple[Source, ...]
    refs: tuple[SentenceRef, ...]
    nodes: tuple[Node, ...]
    vocabulary: Vocabulary
    vectors: tuple[SentenceVectors, ...]
    standings: tuple[Standing, ...]
    pairs: tuple[Pair, ...]
    cosines: Mapping[Pair, float]  # of the pairs, by input rarity
    affinity: Mapping[Pair, float]  # by pair of source numbers
    clauses: tuple[tuple[tuple[int, int], ...], ...]  # each sentence's clause spans in its text, () if one

    def features(self, i: int, j: int) -> tuple[float, ...]:
        """The evidence that sentences i and j (indices into `refs`) report one fact."""
        a, b = self.vectors[i], self.vectors[j]
        cos = self.cosines.get((i, j))
        return pair_features(a, b, cosine(a.unit, b.unit) if cos is None else cos, self.standings[i],
                             self.standings[j], self.nodes[i].source, self.nodes[j].source)

    def probability(self, scorer: PairModel, i: int, j: int) -> float:
        """The probability that sentences i and j report one fact, weighed by how close their
        articles are."""
        closeness = affinity_of(self.affinity, self.nodes[i].source, self.nodes[j].source)
        return scorer.probability(self.features(i, j)) * closeness if closeness else 0.0


def standings(nodes: Sequence[Node], vectors: Sequence[SentenceVectors],
              cosines: Mapping[Pair, float]) -> tuple[Standing, ...]:
    """Each sentence's best cosine in every other article (among its candidate pairs) and its
    neighbourhood: itself plus half of the sentences just before and after it in its article."""
    best: list[dict[int, float]] = [{} for _ in nodes]
    for (i, j), c in cosines.items():
        a, b = nodes[i].source, nodes[j].source
        if c > best[i].get(b, 0.0):
            best[i][b] = c
        if c > best[j].get(a, 0.0):
            best[j][a] = c
    windows = []
    for k, node in enumerate(nodes):
        window = dict(vectors[k].unit)
        for n in (k - 1, k + 1):
            if 0 <= n < len(nodes) and nodes[n].source == node.source:
                for term, w in vectors[n].unit.items():
                    window[term] = window.get(term, 0.0) + NEIGHBOUR_SHARE * w
        windows.append(unit(window))
    return tuple(Standing(b, w, max(b.values(), default=0.0)) for b, w in zip(best, windows, strict=False))


@dataclass(frozen=True, slots=True)
class Prepared:
    """Everything grouping needs, computed once per input."""

    sources: tuple[Source, ...]
    refs: tuple[SentenceRef, ...]
    nodes: tuple[Node, ...]
    sims: Mapping[Pair, float]  # probability that the two sentences report one fact
    best: tuple[float, ...]
    claims: Mapping[Pair, tuple[Claim, Claim]]  # through which claims (clauses) of each
    clauses: tuple[tuple[tuple[int, int], ...], ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the user should hear about the input that did not stop the alignment."""
        return tuple(f"{src.path or src.id}: no article text found (every line looks like site boilerplate)"
                     for src in self.sources if all(s.boilerplate for s in src.sentences))


def gather_evidence(raws: Sequence[RawText], *, boilerplate: bool = True) -> Evidence:
    """Split, mark boilerplate (unless told every line is article text), weigh every sentence's
    terms and pick the pairs worth scoring."""
    require_two(list(raws))
    shared = lines_in_several(raws)
    sources = tuple(split_source(r, shared, boilerplate=boilerplate) for r in raws)
    refs = tuple(SentenceRef(src.id, s.index) for src in sources for s in src.sentences if not s.boilerplate)
    by_id = {src.id: src for src in sources}
    texts = [by_id[r.source].sentences[r.sentence].text for r in refs]
    terms = in_two(len(texts), lambda lo, hi: [extract_terms(t) for t in texts[lo:hi]])
    vocab = build_vocabulary(terms)
    vectors = tuple(in_two(len(terms), lambda lo, hi: [sentence_vectors(t, vocab) for t in terms[lo:hi]]))
    source_number = {src.id: n for n, src in enumerate(sources)}
    nodes = tuple(Node(source_number[r.source], r.sentence) for r in refs)
    numbers = [n.source for n in nodes]
    pairs = tuple(candidate_pairs(numbers, [v.unit for v in vectors]))
    affinity = document_affinity(numbers, [v.named for v in vectors], pairs)
    starts = [by_id[r.source].sentences[r.sentence].start for r in refs]
    clauses = tuple(tuple((at + c.start, at + c.end) for c in t.clauses) for at, t in zip(starts, terms, strict=False))
    cosines = {(i, j): cosine(vectors[i].unit, vectors[j].unit) for i, j in pairs}
    return Evidence(sources, refs, nodes, vocab, vectors, standings(nodes, vectors, cosines), pairs, cosines,
                    affinity, clauses)


@paused_cycle_collection()
def prepare(raws: Sequence[RawText], progress: Progress | None = None, *, scorer: PairModel | None = None) -> Prepared:
    """The costly part, once per input: every candidate pair scored (by the shipped model
    unless `scorer` is given, as when fitting one)."""
    evidence = gather_evidence(raws)
    scorer = scorer or model()
    sims: dict[Pair, float] = {}
    total = len(evidence.pairs)
    for k, (i, j) in enumerate(evidence.pairs):
        p = evidence.probability(scorer, i, j)
        if p >= MIN_KEPT_PROBABILITY:
            sims[(i, j)] = p
        if progress and (k % 4096 == 0 or k == total - 1):
            progress("comparing", k + 1, total)
    best = tuple(best_matches(len(evidence.nodes), sims))
    vectors = evidence.vectors
    claims = {(i, j): (_claim(vectors[i], vectors[j]), _claim(vectors[j], vectors[i]))
              for i, j in sims if len(vectors[i].claims) > 1 or len(vectors[j].claims) > 1}
    return Prepared(evidence.sources, evidence.refs, evidence.nodes, sims, best, claims, evidence.clauses)


def _claim(vectors: SentenceVectors, other: SentenceVectors) -> Claim:
    """Through which claim a sentence reports the other: its best, and every claim that reports
    it nearly as well (clauses share words, so which is best can be a matter of one word)."""
    if len(vectors.claims) < 2:
        return NO_CLAIM
    scores = claim_scores(vectors, other)
    best = max(range(len(scores)), key=lambda k: (scores[k], -k))
    if scores[best] <= 0:
        return NO_CLAIM
    return Claim(best, sum(1 << k for k, s in enumerate(scores) if s >= NEARLY_AS_WELL * scores[best]))


def _mention(prepared: Prepared, node: int, claim: int) -> Mention:
    """A member as the fact lists it, with the clause of its sentence that reports the fact."""
    ref = prepared.refs[node]
    spans = prepared.clauses[node]
    return Mention(ref.source, ref.sentence, clause=spans[claim] if claim != ANY_CLAIM and spans else None)


@paused_cycle_collection()
def regroup(prepared: Prepared, threshold: float | None = None, *, discrepancies: bool = True) -> Alignment:
    """Facts at a threshold (default: the fitted one), in reading order, named by their first
    sentence (`factids`), examined for discrepancies."""
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    pairs = Pairs(prepared.sims, prepared.claims)
    grouped = group(prepared.nodes, pairs, threshold)
    extra = also_reports(grouped, prepared.nodes, pairs, threshold)
    members = [[(m, grouped.claim_of[m]) for m in g] + e for g, e in zip(grouped.groups, extra, strict=False)]
    members += [[(i, pairs.claim(i, j)), (j, pairs.claim(j, i))]
                for i, j in pair_facts([[m for m, _ in f] for f in members], pairs, max(threshold, LIKELY_PAIR))]
    unique = {frozenset(m for m, _ in f): f for f in reversed(members)}  # one fact per set of sentences
    ordered = sorted(unique.values(), key=lambda f: (f[0][0], len(f)))  # reading order of first sentences
    mentions = [tuple(_mention(prepared, m, claim) for m, claim in f) for f in ordered]
    facts = tuple(
        Fact(
            id=fid,
            score=round(cohesion([m for m, _ in f], prepared.nodes, prepared.sims, prepared.best), 4),
            members=members,
        )
        for f, members, fid in zip(ordered, mentions, fact_ids(mentions, {s.id: s for s in prepared.sources}),
                                   strict=True)
    )
    if discrepancies:
        by_id = {src.id: src for src in prepared.sources}
        node = {(ref.source, ref.sentence): n for n, ref in enumerate(prepared.refs)}  # plain tuples hash in C
        sims, floor = prepared.sims, max(threshold, LIKELY_PAIR)

        def likely(a: SentenceRef, b: SentenceRef) -> bool:
            """Two members likely enough, on their own, to report one fact to disagree on it."""
            i, j = node[a.source, a.sentence], node[b.source, b.sentence]
            return sims.get((i, j) if i < j else (j, i), 0.0) >= floor

        # sentences that are each other's best match are compared even when no fact holds both:
        # those comparisons are shared with a forked copy too, the facts' own first
        links, count = unlinked(facts, prepared.refs, prepared.sims), len(facts)

        def examined(lo: int, hi: int) -> list[Fact | list[Finding]]:
            return [examine(facts[k], by_id, likely) if k < count else link_findings(facts, by_id, links[k - count])
                    for k in range(lo, hi)]

        done = in_two(count + len(links), examined, min_items=FORK_MIN_FACTS)
        facts = attach_links(cast(list[Fact], done[:count]), by_id, links, cast(list[list[Finding]], done[count:]))
    return Alignment(prepared.sources, facts, threshold)


def as_raw_texts(inputs: Iterable[str | os.PathLike[str] | RawText]) -> list[RawText]:
    """The Python API's inputs as articles: `os.PathLike`s are read, every `str` is an
    article's text (never a path, a URL or '-'), `RawText`s pass (see `sources.articles`)."""
    return articles(inputs)


def align(
    inputs: Iterable[str | os.PathLike[str] | RawText],
    *,
    threshold: float | None = None,
    progress: Progress | None = None,
) -> Alignment:
    """Align articles: `Path`s (files or directories) are read, `str`s are article texts
    (never paths: `align(["-", text])` aligns the text "-", it does not read stdin)."""
    return regroup(prepare(as_raw_texts(inputs), progress), threshold)


def similarity(a: str, b: str, within: tuple[str, str] | None = None) -> float:
    """The probability that sentence `a` of one article and sentence `b` of another report the
    same fact: the score grouping uses. `within` gives the two articles' texts (`a` a sentence
    of the first, `b` of the second), which set how rare each word is and what surrounds each
    sentence; without it each sentence is an article of its own. Every line counts as article
    text here (nothing is set aside as boilerplate)."""
    first, second = within or (a, b)
    evidence = gather_evidence([RawText("a", None, first), RawText("b", None, second)], boilerplate=False)

    def find(source: str, sentence: str) -> int:
        wanted = " ".join(sentence.split())
        for n, ref in enumerate(evidence.refs):
            if ref.source == source and " ".join(evidence.sources[0 if source == "a" else 1]
                                                 .sentences[ref.sentence].text.split()) == wanted:
                return n
        raise ValueError(f"{sentence[:60]!r} is not one sentence of its article")

    i, j = find("a", a), find("b", b)
    return evidence.probability(model(), min(i, j), max(i, j))
