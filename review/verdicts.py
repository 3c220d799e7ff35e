"""A reviewer's judgements, kept by what they are about, not where it was.

A judgement is anchored to the content of the sentences it concerns (a hash of each sentence's
words, per source), so it survives re-alignment at another threshold and edits elsewhere in an
article. Judgements whose sentences are all gone are orphaned: kept, shown, never dropped.
"""
from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from align.model import Alignment, Discrepancy, Fact, Mention, SentenceRef

_SPACE = re.compile(r"\s+")


class FactVerdict(StrEnum):
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    UNCLEAR = "unclear"


class DiscrepancyVerdict(StrEnum):
    REAL = "real"
    NOT_A_DISCREPANCY = "not a discrepancy"


Verdict = FactVerdict | DiscrepancyVerdict
CLEAR: Literal[""] = ""  # to `judge`: take the verdict away (the note stays)


def verdict_of(text: str) -> Verdict:
    """The verdict a stored or typed name stands for; ValueError if it is none."""
    for kind in (FactVerdict, DiscrepancyVerdict):
        try:
            return kind(text)
        except ValueError:
            continue
    raise ValueError(f"unknown verdict {text[:40]!r}")


@dataclass(frozen=True, slots=True)
class SentenceKey:
    """A sentence by its source and its words (a hash of them, whitespace and case folded), so
    that it is found again wherever the sentence moves. Written `<source id>:<hash>`."""

    source: str
    digest: str

    @classmethod
    def of(cls, source: str, text: str) -> SentenceKey:
        words = _SPACE.sub(" ", text).strip().casefold()
        return cls(source, hashlib.sha1(words.encode("utf-8")).hexdigest()[:16])

    @classmethod
    def parse(cls, text: str) -> SentenceKey:
        source, _, digest = text.rpartition(":")  # the hash never holds ':', a source id may
        return cls(source, digest)

    def __str__(self) -> str:
        return f"{self.source}:{self.digest}" if self.source else self.digest


@dataclass(frozen=True, slots=True, eq=False)
class DiscrepancyKey:
    """A discrepancy by its kind and the value each source gives, so that a verdict on it finds
    it again at another threshold. Written `<kind>|<source>=<value>|...`, values in the order of
    that text; two keys are the same when their text is (a source id may hold '=' or '|')."""

    kind: str
    values: tuple[tuple[str, str], ...]  # (source id, normalized value)

    @classmethod
    def of(cls, discrepancy: Discrepancy) -> DiscrepancyKey:
        pairs = {(v.source, v.normalized) for v in discrepancy.values}
        return cls(str(discrepancy.kind), tuple(sorted(pairs, key=lambda p: f"{p[0]}={p[1]}")))

    @classmethod
    def parse(cls, text: str) -> DiscrepancyKey:
        kind, _, rest = text.partition("|")
        values: list[tuple[str, str]] = []
        for part in rest.split("|") if rest else ():
            if "=" not in part and values:  # a '|' inside a value: part of the one before
                source, value = values.pop()
                values.append((source, f"{value}|{part}"))
            else:
                source, _, value = part.partition("=")
                values.append((source, value))
        return cls(kind, tuple(values))

    def __str__(self) -> str:
        return f"{self.kind}|" + "|".join(f"{source}={value}" for source, value in self.values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DiscrepancyKey) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


Anchor = tuple[SentenceKey, ...]


@dataclass(frozen=True, slots=True)
class Judgement:
    """A verdict and/or a note on a fact (`detail` None) or on one of its discrepancies."""

    anchor: Anchor  # the fact's own sentences
    detail: DiscrepancyKey | None = None  # for a discrepancy: which one
    verdict: Verdict | None = None
    note: str = ""
    excerpt: str = ""  # the first sentence, to show the judgement if it is orphaned
    updated: str = ""

    @property
    def empty(self) -> bool:
        """Cleared: no verdict and no note (kept only to record when it was cleared)."""
        return self.verdict is None and not self.note.strip()

    @property
    def on_discrepancy(self) -> bool:
        return self.detail is not None

    @property
    def key(self) -> tuple[Anchor, DiscrepancyKey | None]:
        return self.anchor, self.detail


@dataclass(frozen=True, slots=True)
class ReviewState:
    sources: tuple[str, ...]
    judgements: tuple[Judgement, ...] = ()
    threshold: float | None = None  # where the reviewer left off: the threshold ...
    at: SentenceKey | None = None  # ... and the sentence of the fact on screen

    def with_judgement(self, judgement: Judgement) -> ReviewState:
        """The state with `judgement` replacing any earlier one on the same thing. A cleared
        judgement stays, empty and dated, so that a copy of the old one elsewhere (another
        session's) cannot bring it back."""
        kept = tuple(j for j in self.judgements if j.key != judgement.key)
        return replace(self, judgements=(*kept, judgement))


def sentence_key(alignment: Alignment, ref: SentenceRef | Mention) -> SentenceKey:
    return SentenceKey.of(ref.source, alignment.sentence(ref).text)


def fact_anchor(fact: Fact, alignment: Alignment) -> Anchor:
    """The sentences that report the fact (not those that mention it in passing). A sentence can
    report several facts, but no two facts of an alignment have the same sentences."""
    return tuple(sorted({sentence_key(alignment, m) for m in fact.primary}, key=str))


@dataclass(frozen=True, slots=True)
class Attached:
    """Judgements placed on the current alignment: by fact id, by (fact id, discrepancy index);
    those whose sentences (or discrepancy) are gone; and older ones on a fact that a newer
    judgement holds (two facts merged at another threshold). Nothing is ever left out."""

    facts: dict[str, Judgement]
    discrepancies: dict[tuple[str, int], Judgement]
    orphans: tuple[Judgement, ...]
    stacked: tuple[Judgement, ...] = ()

    def reviewed(self, fact: Fact) -> bool:
        """A fact is reviewed when it and each of its discrepancies have a verdict."""
        own = self.facts.get(fact.id)
        return (own is not None and own.verdict is not None) and all(
            (j := self.discrepancies.get((fact.id, k))) is not None and j.verdict is not None
            for k in range(len(fact.discrepancies)))


NOTHING_ATTACHED = Attached({}, {}, ())


def attach(state: ReviewState, alignment: Alignment) -> Attached:
    """Place each judgement on the fact whose sentences are most nearly its own (most shared,
    fewest others: a sentence can report several facts), and there on the discrepancy giving the
    same values; the newest judgement wins a place."""
    anchors = {f.id: frozenset(fact_anchor(f, alignment)) for f in alignment.facts}
    facts_with: dict[SentenceKey, list[str]] = defaultdict(list)
    for fid, anchor in anchors.items():
        for key in anchor:
            facts_with[key].append(fid)
    order = {f.id: n for n, f in enumerate(alignment.facts)}
    facts: dict[str, Judgement] = {}
    discrepancies: dict[tuple[str, int], Judgement] = {}
    orphans: list[Judgement] = []
    stacked: list[Judgement] = []
    for j in sorted((j for j in state.judgements if not j.empty), key=lambda j: j.updated, reverse=True):
        mine = frozenset(j.anchor)
        near = {fid for key in mine for fid in facts_with.get(key, ())}
        if not near:
            orphans.append(j)
            continue
        best = min(near, key=lambda fid: (-len(mine & anchors[fid]) / len(mine | anchors[fid]), order[fid]))
        fact = alignment.facts[order[best]]
        if j.detail is None:
            if best in facts:
                stacked.append(j)
            else:
                facts[best] = j
            continue
        spots = [(best, k) for k, d in enumerate(fact.discrepancies) if DiscrepancyKey.of(d) == j.detail]
        if not spots:
            orphans.append(j)
        elif spots[0] in discrepancies:
            stacked.append(j)
        else:
            discrepancies[spots[0]] = j
    return Attached(facts, discrepancies, tuple(orphans), tuple(stacked))


def judge(state: ReviewState, alignment: Alignment, fact: Fact, *, discrepancy: int | None = None,
          verdict: Verdict | Literal[""] | None = None, note: str | None = None, now: str = "") -> ReviewState:
    """Record a verdict or a note on a fact or a discrepancy. None leaves that part as it was;
    CLEAR takes the verdict away."""
    anchor = fact_anchor(fact, alignment)
    detail = None if discrepancy is None else DiscrepancyKey.of(fact.discrepancies[discrepancy])
    current: Judgement | None
    if any(f is fact for f in alignment.facts):  # the judgement shown on it, however it was placed
        attached = attach(state, alignment)
        current = (attached.facts.get(fact.id) if discrepancy is None
                   else attached.discrepancies.get((fact.id, discrepancy)))
    else:  # a fact of an earlier alignment (a dialog stayed open across a re-alignment)
        current = next((j for j in state.judgements if j.key == (anchor, detail)), None)
    base = current or Judgement(anchor=anchor, detail=detail, excerpt=alignment.sentence(fact.members[0]).text)
    state = replace(state, judgements=tuple(j for j in state.judgements if j is not current))
    updated = replace(base, verdict=base.verdict if verdict is None else (verdict or None),
                      note=base.note if note is None else note, updated=now)
    return state.with_judgement(updated)
