"""A reviewer's judgements, kept by what they are about, not where it was.

A judgement is anchored to the sentences it concerns, each by its words (a hash of them, per
source) and, when an article says the same sentence twice, by which copy it is: so it survives
re-alignment at another threshold and edits elsewhere in an article, and two copies stay apart.
Judgements whose sentences are all gone are orphaned: kept, shown, never dropped.

The judgements of a review form a map from what they are about to the newest judgement on it:
merging two (sessions, files, a journal) keeps the newer of each, a clearing included.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, insort
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Literal, NamedTuple

from align.model import Alignment, Discrepancy, Fact, Mention, SentenceRef, Source

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


class SentenceKey(NamedTuple):
    """A sentence by its source and its words (a hash of them, whitespace and case folded), so
    that it is found again wherever the sentence moves; `copy` says which of the sentences
    with these words in that source it is (0, the first, for all but repeated sentences).
    Written `<source id>:<hash>`, and `#<copy>` after it for a second or later copy. (A tuple:
    reviews hold hundreds of thousands, hashed over and over.)"""

    source: str
    digest: str
    copy: int = 0

    @classmethod
    def of(cls, source: str, text: str, copy: int = 0) -> SentenceKey:
        words = _SPACE.sub(" ", text).strip().casefold()
        return cls(source, hashlib.sha1(words.encode("utf-8")).hexdigest()[:16], copy)

    @classmethod
    def parse(cls, text: str) -> SentenceKey:
        source, _, rest = text.rpartition(":")  # the hash never holds ':', a source id may
        digest, mark, copy = rest.partition("#")
        if mark and copy.isascii() and copy.isdigit() and len(copy) <= 6:
            return cls(source, digest, int(copy))
        return cls(source, rest)

    def __str__(self) -> str:
        text = f"{self.source}:{self.digest}" if self.source else self.digest
        return f"{text}#{self.copy}" if self.copy else text


_KEYS: dict[int, tuple[Source, tuple[SentenceKey, ...]]] = {}  # by id(source), the source kept alive


def source_keys(source: Source) -> tuple[SentenceKey, ...]:
    """The key of each of a source's sentences, in order: a repeated sentence's copies get
    copy numbers 0, 1, 2... Made once per source (re-alignments share their sources)."""
    cached = _KEYS.get(id(source))
    if cached is not None and cached[0] is source:
        return cached[1]
    seen: dict[str, int] = {}
    keys = []
    for sentence in source.sentences:
        key = SentenceKey.of(source.id, sentence.text)
        copy = seen.get(key.digest, 0)
        seen[key.digest] = copy + 1
        keys.append(key._replace(copy=copy) if copy else key)
    if len(_KEYS) >= 256:
        _KEYS.clear()
    _KEYS[id(source)] = (source, tuple(keys))
    return _KEYS[id(source)][1]


@dataclass(frozen=True, slots=True, eq=False)
class DiscrepancyKey:
    """A discrepancy by its kind and the value each source gives, so that a verdict on it finds
    it again at another threshold. Written `<kind>|<source>=<value>|...`, values in the order of
    that text; two keys are the same when their text is (a source id may hold '=' or '|')."""

    kind: str
    values: tuple[tuple[str, str], ...]  # (source id, normalized value)
    _text: str = field(init=False, repr=False)  # what it is written as, made once: it is compared often

    def __post_init__(self) -> None:
        text = f"{self.kind}|" + "|".join(f"{source}={value}" for source, value in self.values)
        object.__setattr__(self, "_text", text)

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
        return self._text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DiscrepancyKey) and self._text == other._text

    def __hash__(self) -> int:
        return hash(self._text)


Anchor = tuple[SentenceKey, ...]
Key = tuple[Anchor, DiscrepancyKey | None]  # what a judgement is about: a fact's sentences, and a discrepancy of it


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
    def key(self) -> Key:
        return self.anchor, self.detail

    def supersedes(self, other: Judgement) -> bool:
        """Whether this judgement replaces `other` (on the same thing) when two are merged: the
        newer does; the same moment is settled by content, so every merge agrees."""
        if self.updated != other.updated:
            return self.updated > other.updated
        return (self.verdict or "", self.note, self.excerpt) > (other.verdict or "", other.note, other.excerpt)


Position = tuple[float | None, SentenceKey | None, str]  # where the reviewer was: threshold, sentence, when


@dataclass(frozen=True, slots=True)
class ReviewState:
    sources: tuple[str, ...]
    judgements: tuple[Judgement, ...] = ()
    threshold: float | None = None  # where the reviewer left off: the threshold ...
    at: SentenceKey | None = None  # ... and the sentence of the fact on screen
    moved: str = ""  # when the reviewer was there (of two places, the later is kept)

    def with_judgement(self, judgement: Judgement) -> ReviewState:
        """The state with `judgement` replacing any earlier one on the same thing. A cleared
        judgement stays, empty and dated, so that a copy of the old one elsewhere (another
        session's) cannot bring it back."""
        kept = tuple(j for j in self.judgements if j.key != judgement.key)
        return replace(self, judgements=(*kept, judgement))

    @property
    def position(self) -> Position:
        return self.threshold, self.at, self.moved

    def merged(self, changes: Iterable[Judgement | Position]) -> ReviewState:
        """This state and `changes` (judgements and places, oldest first) as one: per thing
        judged the newer judgement, a clearing included; the later place."""
        by_key: dict[Key, Judgement] = {}
        for j in self.judgements:
            known = by_key.get(j.key)
            if known is None or j.supersedes(known):
                by_key[j.key] = j
        position = self.position
        for change in changes:
            if isinstance(change, Judgement):
                known = by_key.get(change.key)
                if known is None or change.supersedes(known):
                    by_key.pop(change.key, None)  # to the end, as the latest change
                    by_key[change.key] = change
            elif change[2] >= position[2]:
                position = change
        return ReviewState(self.sources, tuple(by_key.values()), *position)


def sentence_key(alignment: Alignment, ref: SentenceRef | Mention) -> SentenceKey:
    return source_keys(alignment.source(ref.source))[ref.sentence]


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


NOTHING_ATTACHED = Attached({}, {}, ())

Spot = tuple[str, int | None]  # a fact's id, and which of its discrepancies (None: the fact itself)
_Entry = tuple[str, int, Judgement]  # (updated, -order of arrival, judgement): sorts oldest first


class Placing:
    """Where each judgement of a review goes on one alignment (`attach` says how), kept up to
    date one judgement at a time. A judgement's place depends only on it and the alignment, so
    a verdict re-places one judgement, not the whole review: a review of 100,000 judgements
    takes a new verdict as fast as an empty one."""

    def __init__(self, alignment: Alignment, judgements: Iterable[Judgement] = ()) -> None:
        self.alignment = alignment
        self._anchors = {f.id: frozenset(fact_anchor(f, alignment)) for f in alignment.facts}
        self._facts_with: dict[SentenceKey, list[str]] = defaultdict(list)
        for fid, anchor in self._anchors.items():
            for key in anchor:
                self._facts_with[key].append(fid)
        self._order = {f.id: n for n, f in enumerate(alignment.facts)}
        self._details: dict[str, dict[DiscrepancyKey, int]] = {}
        self._held: dict[Spot, list[_Entry]] = defaultdict(list)  # on each spot, oldest first
        self._stacked: list[_Entry] = []  # all held but the newest on each spot, oldest first
        self._orphans: list[_Entry] = []
        self._entries: dict[Key, tuple[_Entry, Spot | None]] = {}
        self._arrived = 0
        self._orphans_view: tuple[Judgement, ...] | None = None  # newest first, made when asked
        self._stacked_view: tuple[Judgement, ...] | None = None
        latest: dict[Key, Judgement] = {}
        for judgement in judgements:
            known = latest.get(judgement.key)
            if known is None or judgement.supersedes(known):
                latest[judgement.key] = judgement
        for judgement in latest.values():  # placed all at once, then sorted once
            self._arrived += 1
            entry: _Entry = (judgement.updated, -self._arrived, judgement)
            spot = None if judgement.empty else self.spot(judgement)
            self._entries[judgement.key] = (entry, spot)
            if not judgement.empty:
                (self._orphans if spot is None else self._held[spot]).append(entry)
        self._orphans.sort()
        for held in self._held.values():
            held.sort()
            self._stacked.extend(held[:-1])
        self._stacked.sort()

    def get(self, key: Key) -> Judgement | None:
        """The judgement on `key` (placed or not, cleared included)."""
        entry = self._entries.get(key)
        return None if entry is None else entry[0][2]

    def shown(self, fact: Fact, discrepancy: int | None = None) -> Judgement | None:
        """The judgement shown on a fact of this alignment (or on one of its discrepancies)."""
        held = self._held.get((fact.id, discrepancy))
        return held[-1][2] if held else None

    def spot(self, judgement: Judgement) -> Spot | None:
        """The fact whose sentences are most nearly the judgement's own (most shared, fewest
        others: a sentence can report several facts), and there the discrepancy giving the same
        values; None if there is none (an orphan)."""
        mine = frozenset(judgement.anchor)
        near = {fid for key in mine for fid in self._facts_with.get(key, ())}
        if not near:
            return None
        anchors, order = self._anchors, self._order
        best = min(near, key=lambda fid: (-len(mine & anchors[fid]) / len(mine | anchors[fid]), order[fid]))
        if judgement.detail is None:
            return best, None
        details = self._details.get(best)
        if details is None:
            fact = self.alignment.facts[order[best]]
            details = {}
            for n, d in enumerate(fact.discrepancies):
                details.setdefault(DiscrepancyKey.of(d), n)
            self._details[best] = details
        index = details.get(judgement.detail)
        return None if index is None else (best, index)

    def put(self, judgement: Judgement) -> None:
        """Place `judgement`, in place of any on the same thing (the caller decides which is newer)."""
        self.remove(judgement.key)
        self._arrived += 1
        entry: _Entry = (judgement.updated, -self._arrived, judgement)
        spot = None if judgement.empty else self.spot(judgement)
        self._entries[judgement.key] = (entry, spot)
        if judgement.empty:
            return
        if spot is None:
            insort(self._orphans, entry)
            self._orphans_view = None
            return
        held = self._held[spot]
        insort(held, entry)
        if held[-1] is not entry:
            self._stack(entry)
        elif len(held) > 1:
            self._stack(held[-2])

    def remove(self, key: Key) -> None:
        found = self._entries.pop(key, None)
        if found is None:
            return
        entry, spot = found
        if entry[2].empty:
            return
        if spot is None:
            _take(self._orphans, entry)
            self._orphans_view = None
            return
        held = self._held[spot]
        was_shown = held[-1] is entry
        _take(held, entry)
        if not was_shown:
            self._stack(entry, away=True)
        elif held:
            self._stack(held[-1], away=True)
        else:
            del self._held[spot]

    def _stack(self, entry: _Entry, *, away: bool = False) -> None:
        if away:
            _take(self._stacked, entry)
        else:
            insort(self._stacked, entry)
        self._stacked_view = None

    def attached(self) -> Attached:
        facts: dict[str, Judgement] = {}
        discrepancies: dict[tuple[str, int], Judgement] = {}
        for (fid, k), held in self._held.items():
            if k is None:
                facts[fid] = held[-1][2]
            else:
                discrepancies[fid, k] = held[-1][2]
        if self._orphans_view is None:
            self._orphans_view = tuple(e[2] for e in reversed(self._orphans))
        if self._stacked_view is None:
            self._stacked_view = tuple(e[2] for e in reversed(self._stacked))
        return Attached(facts, discrepancies, self._orphans_view, self._stacked_view)


def _take(entries: list[_Entry], entry: _Entry) -> None:
    """Remove `entry` from a sorted list of entries (each is unique by its order of arrival)."""
    at = bisect_left(entries, entry[:2], key=lambda e: e[:2])
    if at < len(entries) and entries[at] is entry:
        del entries[at]


def attach(state: ReviewState, alignment: Alignment) -> Attached:
    """Place each judgement on the fact whose sentences are most nearly its own, and there on the
    discrepancy giving the same values; the newest judgement wins a place (`Placing`)."""
    return Placing(alignment, state.judgements).attached()


def judgement_for(placing: Placing, fact: Fact, *, discrepancy: int | None = None,
                  verdict: Verdict | Literal[""] | None = None, note: str | None = None, now: str = "") -> Judgement:
    """The judgement recording a verdict or a note on a fact or a discrepancy: the one shown
    there, changed (so it keeps what it is about). None leaves that part as it was; CLEAR takes
    the verdict away."""
    alignment = placing.alignment
    anchor = fact_anchor(fact, alignment)
    detail = None if discrepancy is None else DiscrepancyKey.of(fact.discrepancies[discrepancy])
    current: Judgement | None
    if any(f is fact for f in alignment.facts):  # the judgement shown on it, however it was placed
        current = placing.shown(fact, discrepancy)
    else:  # a fact of an earlier alignment (a dialog stayed open across a re-alignment)
        current = placing.get((anchor, detail))
    base = current or Judgement(anchor=anchor, detail=detail, excerpt=alignment.sentence(fact.members[0]).text)
    return replace(base, verdict=base.verdict if verdict is None else (verdict or None),
                   note=base.note if note is None else note, updated=now)


def judge(state: ReviewState, alignment: Alignment, fact: Fact, *, discrepancy: int | None = None,
          verdict: Verdict | Literal[""] | None = None, note: str | None = None, now: str = "") -> ReviewState:
    """Record a verdict or a note on a fact or a discrepancy. None leaves that part as it was;
    CLEAR takes the verdict away."""
    placing = Placing(alignment, state.judgements)
    return state.with_judgement(judgement_for(placing, fact, discrepancy=discrepancy, verdict=verdict, note=note,
                                              now=now))
