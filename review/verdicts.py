"""A reviewer's judgements, kept by what they are about, not where it was.

A judgement is anchored to the content of the sentences it concerns (a hash of each sentence's
words, per source), so it survives re-alignment at another threshold and edits elsewhere in an
article. Judgements whose sentences are all gone are orphaned: kept, shown, never dropped.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum

from align.model import Alignment, Discrepancy, Fact

_SPACE = re.compile(r"\s+")


class FactVerdict(str, Enum):
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    UNCLEAR = "unclear"


class DiscrepancyVerdict(str, Enum):
    REAL = "real"
    NOT_A_DISCREPANCY = "not a discrepancy"


@dataclass(frozen=True, slots=True)
class Judgement:
    """A verdict and/or a note on a fact (`detail` empty) or on one of its discrepancies."""

    anchor: tuple[str, ...]  # sorted sentence keys, "<source id>:<hash of its words>"
    detail: str = ""  # for a discrepancy: its kind and the values each source gives
    verdict: str | None = None
    note: str = ""
    excerpt: str = ""  # the first sentence, to show the judgement if it is orphaned
    updated: str = ""

    @property
    def empty(self) -> bool:
        """Cleared: no verdict and no note (kept only to record when it was cleared)."""
        return self.verdict is None and not self.note.strip()

    @property
    def on_discrepancy(self) -> bool:
        return bool(self.detail)

    @property
    def key(self) -> tuple[tuple[str, ...], str]:
        return self.anchor, self.detail


@dataclass(frozen=True, slots=True)
class ReviewState:
    sources: tuple[str, ...]
    judgements: tuple[Judgement, ...] = ()
    threshold: float | None = None  # where the reviewer left off: the threshold ...
    at: str = ""  # ... and the sentence key of the fact on screen

    def with_judgement(self, judgement: Judgement) -> ReviewState:
        """The state with `judgement` replacing any earlier one on the same thing. A cleared
        judgement stays, empty and dated, so that a copy of the old one elsewhere (another
        session's) cannot bring it back."""
        kept = tuple(j for j in self.judgements if j.key != judgement.key)
        return replace(self, judgements=kept + (judgement,))


def sentence_key(source_id: str, text: str) -> str:
    words = _SPACE.sub(" ", text).strip().casefold()
    return f"{source_id}:{hashlib.sha1(words.encode('utf-8')).hexdigest()[:16]}"


def fact_anchor(fact: Fact, alignment: Alignment) -> tuple[str, ...]:
    """The fact's own sentences (not those that mention it in passing): every sentence is its
    own in exactly one fact, so no two facts of an alignment share an anchor."""
    return tuple(sorted({sentence_key(m.source, alignment.sentence(m).text) for m in fact.primary}))


def discrepancy_detail(d: Discrepancy) -> str:
    values = sorted({f"{v.source}={v.normalized}" for v in d.values})
    return f"{d.kind}|" + "|".join(values)


def excerpt(fact: Fact, alignment: Alignment) -> str:
    return alignment.sentence(fact.members[0]).text


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


def attach(state: ReviewState, alignment: Alignment) -> Attached:
    """Place each judgement on the fact holding most of its sentences (and there on the
    discrepancy giving the same values); the newest judgement wins a place."""
    fact_of = {key: f for f in alignment.facts for key in fact_anchor(f, alignment)}
    order = {f.id: n for n, f in enumerate(alignment.facts)}
    facts: dict[str, Judgement] = {}
    discrepancies: dict[tuple[str, int], Judgement] = {}
    orphans: list[Judgement] = []
    stacked: list[Judgement] = []
    for j in sorted((j for j in state.judgements if not j.empty), key=lambda j: j.updated, reverse=True):
        votes = Counter(fact_of[key].id for key in j.anchor if key in fact_of)
        if not votes:
            orphans.append(j)
            continue
        best = min(votes, key=lambda fid: (-votes[fid], order[fid]))
        fact = alignment.facts[order[best]]
        if not j.on_discrepancy:
            if best in facts:
                stacked.append(j)
            else:
                facts[best] = j
            continue
        spots = [(best, k) for k, d in enumerate(fact.discrepancies) if discrepancy_detail(d) == j.detail]
        if not spots:
            orphans.append(j)
        elif spots[0] in discrepancies:
            stacked.append(j)
        else:
            discrepancies[spots[0]] = j
    return Attached(facts, discrepancies, tuple(orphans), tuple(stacked))


def judge(state: ReviewState, alignment: Alignment, fact: Fact, *, discrepancy: int | None = None,
          verdict: str | None = None, note: str | None = None, now: str = "") -> ReviewState:
    """Record a verdict or a note on a fact or a discrepancy. None leaves that part as it was;
    an empty verdict clears it."""
    anchor = fact_anchor(fact, alignment)
    detail = "" if discrepancy is None else discrepancy_detail(fact.discrepancies[discrepancy])
    if any(f is fact for f in alignment.facts):  # the judgement shown on it, however it was placed
        attached = attach(state, alignment)
        current = attached.facts.get(fact.id) if discrepancy is None else attached.discrepancies.get((fact.id, discrepancy))
    else:  # a fact of an earlier alignment (a dialog stayed open across a re-alignment)
        current = next((j for j in state.judgements if j.key == (anchor, detail)), None)
    base = current or Judgement(anchor=anchor, detail=detail, excerpt=excerpt(fact, alignment))
    state = replace(state, judgements=tuple(j for j in state.judgements if j is not current))
    updated = replace(base, verdict=base.verdict if verdict is None else (verdict or None),
                      note=base.note if note is None else note, updated=now)
    return state.with_judgement(updated)


def progress(attached: Attached, facts: Iterable[Fact]) -> tuple[int, int]:
    """(reviewed, total) over all facts."""
    facts = list(facts)
    return sum(attached.reviewed(f) for f in facts), len(facts)
