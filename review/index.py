"""What the app and the report ask of an alignment under review, answered once and without
Textual: which fact owns a sentence, where each fact is said in each source, how each source
stands to it, which facts a filter keeps, which fact comes next, where a search matches, and
what the reviewer has said. The widgets only draw the answers.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from align.model import Alignment, Fact, Mention, SentenceRef

from .verdicts import NOTHING_ATTACHED, Attached, Judgement, Verdict

PALETTE_SIZE = 8  # fact tints: few enough to tell apart, enough that neighbours differ


class FilterKind(StrEnum):
    """The facts a reviewer walks through, in the order `f` cycles them."""

    ALL = "all"
    SHARED = "shared"
    DISCREPANCIES = "disagreements"
    SINGLE = "only one source"
    MISSING = "missing"
    UNREVIEWED = "not yet reviewed"


@dataclass(frozen=True, slots=True)
class FactFilter:
    kind: FilterKind = FilterKind.ALL
    source: str | None = None  # the source facts must be missing from, for MISSING
    reviewed: frozenset[str] = frozenset()  # ids of facts judged already, for UNREVIEWED

    @property
    def label(self) -> str:
        if self.kind is FilterKind.MISSING:
            return f"missing from {self.source}"
        return self.kind.value

    def accepts(self, fact: Fact) -> bool:
        match self.kind:
            case FilterKind.SHARED:
                return not fact.single_source
            case FilterKind.DISCREPANCIES:
                return bool(fact.discrepancies)
            case FilterKind.SINGLE:
                return fact.single_source
            case FilterKind.MISSING:
                return self.source not in fact.sources
            case FilterKind.UNREVIEWED:
                return fact.id not in self.reviewed
        return True

    def cycled(self, source: str, reviewed: frozenset[str] = frozenset()) -> FactFilter:
        """The next filter `f` gives; 'missing from' takes the source the reviewer is in,
        'not yet reviewed' the facts judged so far."""
        kinds = list(FilterKind)
        kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)]
        return FactFilter(kind, source if kind is FilterKind.MISSING else None,
                          reviewed if kind is FilterKind.UNREVIEWED else frozenset())

    def following(self, review: Review) -> FactFilter:
        """The filter again after the judgements changed: 'not yet reviewed' drops what is judged now."""
        if self.kind is not FilterKind.UNREVIEWED:
            return self
        return FactFilter(self.kind, self.source, review.reviewed_ids)


class Coverage(NamedTuple):
    """How much of one source other sources back up, for its pane header."""

    shared: int
    total: int


class Standing(StrEnum):
    """How one source stands to one fact: it reports it, in passing, lacks it, or disagrees."""

    REPORTED, IN_PASSING, MISSING, DISAGREES = "reported", "in passing", "missing", "disagrees"


class FactIndex:
    """Indexes over one Alignment, built once per alignment."""

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        facts = alignment.facts
        self.source_ids = tuple(s.id for s in alignment.sources)
        self._position = {f.id: n for n, f in enumerate(facts)}
        order = {sid: n for n, sid in enumerate(self.source_ids)}
        self._mentions = {
            f.id: tuple(sorted(f.members, key=lambda m: (order.get(m.source, len(order)), not m.primary, m.sentence)))
            for f in facts
        }
        memberships: dict[SentenceRef, list[Fact]] = {}
        for f in facts:
            for m in f.primary:
                memberships.setdefault(m.ref, []).append(f)
        self._facts_of = {ref: tuple(fs) for ref, fs in memberships.items()}
        self._home = {ref: min(fs, key=lambda f: (-len(f.sources), self._position[f.id]))
                      for ref, fs in memberships.items()}
        shared = alignment.shared_facts()
        totals = dict.fromkeys(self.source_ids, 0)
        for fact in facts:
            for source in fact.sources:
                totals[source] += 1
        self._coverage = {source: Coverage(shared[source], totals[source]) for source in self.source_ids}
        self._visible: dict[FactFilter, tuple[Fact, ...]] = {}
        self._places: dict[FactFilter, dict[str, int]] = {}

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.alignment.facts

    def fact(self, fact_id: str | None) -> Fact | None:
        position = self._position.get(fact_id) if fact_id is not None else None
        return None if position is None else self.alignment.facts[position]

    def holds(self, fact: Fact | None) -> bool:
        """Whether `fact` is this alignment's (not one of an alignment before a re-alignment)."""
        return fact is None or self.fact(fact.id) is fact

    def position(self, fact: Fact) -> int:
        return self._position[fact.id]

    def owner(self, ref: SentenceRef) -> Fact | None:
        """The fact a sentence is shown as (its tint and number): of the facts it reports, the
        one most sources report, the earliest of those; None for boilerplate."""
        return self._home.get(ref)

    def facts_of(self, ref: SentenceRef) -> tuple[Fact, ...]:
        """Every fact a sentence reports, in reading order (a sentence can report several)."""
        return self._facts_of.get(ref, ())

    def number(self, fact: Fact) -> int:
        """The fact's number on screen: its place in reading order, from 1 (the id is what stays
        the same across thresholds)."""
        return self._position[fact.id] + 1

    def tint(self, fact: Fact) -> int | None:
        """The fact's colour in the palette (see `tints`); None for a fact only one source has."""
        return self._tints.get(fact.id)

    @cached_property
    def _tints(self) -> dict[str, int]:
        return tints(self.alignment, self.owner, PALETTE_SIZE)

    @cached_property
    def _disputed(self) -> dict[SentenceRef, tuple[tuple[int, int], ...]]:
        spans: dict[SentenceRef, set[tuple[int, int]]] = {}
        for fact in self.alignment.facts:
            for discrepancy in fact.discrepancies:
                for value in discrepancy.values:
                    spans.setdefault(SentenceRef(value.source, value.sentence), set()).add((value.start, value.end))
        return {ref: tuple(sorted(found)) for ref, found in spans.items()}

    def disputed(self, ref: SentenceRef) -> tuple[tuple[int, int], ...]:
        """Where a sentence gives a value other sources dispute (offsets into its source's text),
        in any fact it reports."""
        return self._disputed.get(ref, ())

    def mentions(self, fact: Fact) -> tuple[Mention, ...]:
        """Every sentence reporting `fact`, in pane order, its own before those in passing."""
        return self._mentions[fact.id]

    def mentions_in(self, fact: Fact, source: str) -> tuple[Mention, ...]:
        return tuple(m for m in self._mentions[fact.id] if m.source == source)

    def disagreeing(self, fact: Fact) -> frozenset[str]:
        """Sources holding a value in one of the fact's discrepancies."""
        return frozenset(v.source for d in fact.discrepancies for v in d.values)

    def standing(self, fact: Fact, source: str) -> Standing:
        """How `source` stands to `fact`: disagrees, reports it, mentions it in passing, or lacks it."""
        mentions = self.mentions_in(fact, source)
        if source in self.disagreeing(fact):
            return Standing.DISAGREES
        if any(m.primary for m in mentions):
            return Standing.REPORTED
        return Standing.IN_PASSING if mentions else Standing.MISSING

    def missing(self, fact: Fact) -> tuple[str, ...]:
        return self.alignment.missing(fact)

    def coverage(self, source: str) -> Coverage:
        return self._coverage[source]

    def keeps(self, fact: Fact, fact_filter: FactFilter) -> bool:
        """Whether `fact_filter` keeps `fact` (cached, for drawing every row)."""
        return self.place(fact, fact_filter) is not None

    def visible(self, fact_filter: FactFilter) -> tuple[Fact, ...]:
        """The facts a filter keeps, in reading order (cached: filters are asked on every key)."""
        if fact_filter not in self._visible:
            self._visible[fact_filter] = tuple(f for f in self.alignment.facts if fact_filter.accepts(f))
        return self._visible[fact_filter]

    def place(self, fact: Fact | None, fact_filter: FactFilter) -> int | None:
        """1-based place of `fact` among the facts `fact_filter` keeps; None if it is filtered out."""
        if fact_filter not in self._places:
            self._places[fact_filter] = {f.id: n for n, f in enumerate(self.visible(fact_filter), start=1)}
        return self._places[fact_filter].get(fact.id) if fact is not None else None

    def step(self, current: Fact | None, fact_filter: FactFilter, direction: int) -> Fact | None:
        """The visible fact after (direction 1) or before (-1) `current`; None at either end."""
        visible = self.visible(fact_filter)
        if not visible:
            return None
        if current is None:
            return visible[0] if direction > 0 else visible[-1]
        positions = [self._position[f.id] for f in visible]
        here = self._position[current.id]
        if direction > 0:
            n = bisect_right(positions, here)
            return visible[n] if n < len(visible) else None
        n = bisect_left(positions, here) - 1
        return visible[n] if n >= 0 else None

    def seek(self, current: Fact | None, wanted: Callable[[Fact], bool], direction: int) -> tuple[Fact | None, bool]:
        """The next fact (wrapping around) that is `wanted`, and whether the search wrapped."""
        facts = self.alignment.facts
        start = self._position[current.id] if current is not None else (-1 if direction > 0 else len(facts))
        for step in range(1, len(facts) + 1):
            n = start + direction * step
            fact = facts[n % len(facts)]
            if wanted(fact) and fact is not current:
                return fact, not 0 <= n < len(facts)
        return None, False

    def matches(self, query: str) -> tuple[Match, ...]:
        """Every place a sentence contains `query` (any case), in pane order: offsets into its
        source's text, as the panes show it (a Markdown source with its markup)."""
        needle = query.strip()
        if not needle:
            return ()
        pattern = re.compile(re.escape(needle), re.IGNORECASE)
        found: list[Match] = []
        for source in self.alignment.sources:
            for sentence in source.sentences:
                start, end = source.written_span(sentence)
                found.extend(Match(SentenceRef(source.id, sentence.index), m.start(), m.end())
                             for m in pattern.finditer(source.text, start, end))
        return tuple(found)


class Match(NamedTuple):
    """Where a search matched: the sentence, and the span in its source's text."""

    ref: SentenceRef
    start: int
    end: int


def tints(alignment: Alignment, owner: Callable[[SentenceRef], Fact | None], palette: int) -> dict[str, int]:
    """A colour for each fact several sources report, such that facts shown next to each other
    in any source (the nearest tinted sentence before and after, ignoring boilerplate and facts
    one source has) never share one while the palette allows it: greedy in reading order,
    taking the colours in turn; where every colour is taken nearby, the one used least nearby."""
    neighbours: dict[str, set[str]] = {}
    for source in alignment.sources:
        previous: Fact | None = None
        for sentence in source.sentences:
            fact = owner(SentenceRef(source.id, sentence.index))
            if fact is None or fact.single_source:
                continue
            if previous is not None and previous.id != fact.id:
                neighbours.setdefault(previous.id, set()).add(fact.id)
                neighbours.setdefault(fact.id, set()).add(previous.id)
            previous = fact
    colour: dict[str, int] = {}
    turn = 0
    for fact in alignment.facts:
        if fact.single_source:
            continue
        near = [colour[n] for n in neighbours.get(fact.id, ()) if n in colour]
        choices = [(turn + k) % palette for k in range(palette)]
        chosen = next((c for c in choices if c not in near), None)
        if chosen is None:
            chosen = min(choices, key=near.count)
        colour[fact.id] = chosen
        turn = (chosen + 1) % palette
    return colour


@dataclass(frozen=True)
class Judged:
    """What the reviewer has said about one fact: on it, and on each of its discrepancies."""

    fact: Judgement | None = None
    discrepancies: dict[int, Judgement] = field(default_factory=dict)

    @property
    def verdict(self) -> Verdict | None:
        return self.fact.verdict if self.fact is not None else None


@dataclass(frozen=True, eq=False)
class Review:
    """One moment of a review: the alignment's index and the judgements placed on it. A new
    one is made whenever either changes (so two are the same only if they are one); what it
    computes, it computes once."""

    index: FactIndex
    attached: Attached = NOTHING_ATTACHED

    @property
    def alignment(self) -> Alignment:
        return self.index.alignment

    def judged(self, fact: Fact) -> Judged:
        attached = self.attached
        return Judged(attached.facts.get(fact.id),
                      {k: j for k in range(len(fact.discrepancies)) if (j := attached.discrepancies.get((fact.id, k)))})

    def reviewed(self, fact: Fact) -> bool:
        return fact.id in self.reviewed_ids

    @cached_property
    def reviewed_ids(self) -> frozenset[str]:
        """Facts with a verdict (their disagreements may still wait for one)."""
        facts = self.attached.facts
        return frozenset(f.id for f in self.index.facts if (j := facts.get(f.id)) is not None and j.verdict is not None)

    @property
    def progress(self) -> tuple[int, int]:
        """(reviewed, total) over all facts."""
        return len(self.reviewed_ids), len(self.index.facts)
