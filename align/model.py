"""The data every stage passes on: frozen, typed, free of behaviour beyond derived views.

Offsets are Python string indices into `Source.text` exactly as read; ends are exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SentenceKind(StrEnum):
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
class SentenceRef:
    """Where a sentence is: its source and its index there."""

    source: str
    sentence: int


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """A sentence that reports a fact. `primary` is False when the sentence only mentions the
    fact in passing (its main claim is another fact's); `clause` is the span of the text (offsets
    into `Source.text`) that matched, None when the whole sentence did."""

    source: str
    sentence: int
    primary: bool = True
    clause: tuple[int, int] | None = None

    @property
    def ref(self) -> SentenceRef:
        return SentenceRef(self.source, self.sentence)


class DiscrepancyKind(StrEnum):
    """What sources disagree about."""

    NUMBER = "number"
    DATE = "date"
    ENTITY = "entity"
    QUOTE = "quote"
    NEGATION = "negation"
    DIRECTION = "direction"  # opposite direction of a change or outcome of a decision: rose/fell


class Severity(StrEnum):
    """Whether both values can be true (`variant`) or not (`conflict`)."""

    CONFLICT = "conflict"
    VARIANT = "variant"


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
    kind: DiscrepancyKind
    severity: Severity
    summary: str
    values: tuple[Value, ...]
    id: str = ""  # stable: from the kind and each value's source, sentence words and normal form
    other_fact: str | None = None  # the fact holding one of the sentences, when grouping split them


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
    members: tuple[Mention, ...]  # primary members first, then those that mention it in passing
    discrepancies: tuple[Discrepancy, ...] = ()
    diff: tuple[WordDiff, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct sources reporting this fact, in member order."""
        return tuple(dict.fromkeys(m.source for m in self.members))

    @property
    def primary(self) -> tuple[Mention, ...]:
        """The sentences whose main claim this fact is."""
        return tuple(m for m in self.members if m.primary)

    @property
    def single_source(self) -> bool:
        return len(self.sources) < 2


@dataclass(frozen=True, slots=True)
class Alignment:
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    threshold: float
    _by_id: dict[str, Source] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {s.id: s for s in self.sources})

    def source(self, source_id: str) -> Source:
        """The source with this id (KeyError if none)."""
        return self._by_id[source_id]

    def sentence(self, ref: SentenceRef | Mention) -> Sentence:
        return self._by_id[ref.source].sentences[ref.sentence]
