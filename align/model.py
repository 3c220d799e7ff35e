"""The data every stage passes on: frozen, typed, free of behaviour beyond derived views.

Offsets are Python string indices into `Source.text` exactly as read; ends are exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class SentenceKind(str, Enum):
    """Why a sentence is (not) aligned: body text is, boilerplate is not."""

    BODY = "body"
    HEADLINE = "headline"
    BOILERPLATE = "boilerplate"


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    kind: SentenceKind = SentenceKind.BODY
    paragraph: int = 0

    @property
    def boilerplate(self) -> bool:
        return self.kind is SentenceKind.BOILERPLATE


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    path: str | None
    title: str | None
    text: str
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class Member:
    """One sentence of one source, as a fact refers to it."""

    source: str
    sentence: int


@dataclass(frozen=True, slots=True)
class Value:
    """What one source says where sources disagree, located in its text."""

    source: str
    sentence: int
    start: int
    end: int
    text: str
    normalized: str


@dataclass(frozen=True, slots=True)
class Discrepancy:
    kind: str  # number | date | entity | quote | negation
    severity: str  # conflict | variant
    summary: str
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class WordDiff:
    """Spans of one member's words: those every member shares, and those that differ."""

    source: str
    sentence: int
    shared: tuple[tuple[int, int], ...]
    differing: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    score: float
    members: tuple[Member, ...]
    also: tuple[Member, ...] = ()  # sentences whose own fact is another, that report this one too
    discrepancies: tuple[Discrepancy, ...] = ()
    diff: tuple[WordDiff, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct sources reporting this fact, in member order."""
        return tuple(dict.fromkeys(m.source for m in self.members + self.also))

    @property
    def single_source(self) -> bool:
        return len(self.sources) < 2


@dataclass(frozen=True, slots=True)
class Alignment:
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    threshold: float

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        raise KeyError(source_id)
