"""What the review UI asks of an Alignment, answered once per alignment and without Textual.

Which fact owns a sentence, where each fact is said in each source, which facts a filter
keeps, which fact comes next, and where a search matches: the widgets only draw the answers.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from align.model import Alignment, Fact, Mention, SentenceRef
from align.untrusted import clean

PALETTE_SIZE = 8


class FilterKind(str, Enum):
    """The facts a reviewer walks through, in the order `f` cycles them."""

    ALL = "all"
    SHARED = "shared"
    DISCREPANCIES = "discrepancies"
    SINGLE = "single-source"
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

    def cycled(self, source: str | None, reviewed: frozenset[str] = frozenset()) -> FactFilter:
        """The next filter `f` gives; 'missing from' takes the source the reviewer is in,
        'not yet reviewed' the facts judged so far."""
        kinds = list(FilterKind)
        kind = kinds[(kinds.index(self.kind) + 1) % len(kinds)]
        return FactFilter(kind, source if kind is FilterKind.MISSING else None,
                          reviewed if kind is FilterKind.UNREVIEWED else frozenset())


class Standing(str, Enum):
    """How one source stands to one fact."""

    REPORTED = "reported"
    IN_PASSING = "in passing"
    MISSING = "missing"
    DISAGREES = "disagrees"


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of one source other sources back up, for its pane header."""

    shared: int
    total: int


class Review:
    """Indexes over one Alignment. Build a new one whenever the alignment changes."""

    def __init__(self, alignment: Alignment) -> None:
        self.alignment = alignment
        facts = alignment.facts
        self._position = {f.id: n for n, f in enumerate(facts)}
        self._owner = {(m.source, m.sentence): f for f in facts for m in f.primary}
        order = {s.id: n for n, s in enumerate(alignment.sources)}
        self._mentions = {
            f.id: tuple(
                sorted(
                    f.members,
                    key=lambda m: (order.get(m.source, len(order)), not m.primary, m.sentence),
                )
            )
            for f in facts
        }
        shared = [f for f in facts if not f.single_source]
        self._tint = {f.id: n % PALETTE_SIZE for n, f in enumerate(shared)}
        reported = {s.id: [0, 0] for s in alignment.sources}
        for fact in facts:
            for source in fact.sources:
                reported[source][0] += not fact.single_source
                reported[source][1] += 1
        self._coverage = {source: Coverage(*counts) for source, counts in reported.items()}
        self._visible: dict[FactFilter, tuple[Fact, ...]] = {}
        self._places: dict[FactFilter, dict[str, int]] = {}

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.alignment.facts

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.alignment.sources)

    def fact(self, fact_id: str | None) -> Fact | None:
        position = self._position.get(fact_id) if fact_id is not None else None
        return None if position is None else self.alignment.facts[position]

    def position(self, fact: Fact) -> int:
        return self._position[fact.id]

    def owner(self, source: str, sentence: int) -> Fact | None:
        """The fact a sentence is a member of (boilerplate has none)."""
        return self._owner.get((source, sentence))

    def tint(self, fact: Fact) -> int | None:
        """The palette slot of a fact several sources report; None for single-source facts."""
        return self._tint.get(fact.id)

    def mentions(self, fact: Fact) -> tuple[Mention, ...]:
        """Every sentence reporting `fact`, in pane order, members before secondaries."""
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

    def sentences(self) -> Iterator[SentenceRef]:
        """Every sentence of every source, in pane order."""
        for source in self.alignment.sources:
            for sentence in source.sentences:
                yield SentenceRef(source.id, sentence.index)

    def search(self, query: str, after: SentenceRef | None = None) -> SentenceRef | None:
        """The first sentence after `after` (wrapping around) containing `query`, any case."""
        needle = query.casefold().strip()
        if not needle:
            return None
        order = list(self.sentences())
        start = order.index(after) + 1 if after in order else 0
        for member in order[start:] + order[:start]:
            sentence = self.alignment.source(member.source).sentences[member.sentence]
            if needle in clean(sentence.text).casefold():
                return member
        return None
