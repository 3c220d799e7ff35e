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


class SourceFormat(StrEnum):
    """How an article was written down: its text is what was read (`TEXT`), the file as
    written with its markup blanked for alignment (`MARKDOWN`), or extracted from a page (`HTML`)."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """What an article says about itself, where it says it (a page's metadata, a Markdown
    file's front matter): one-line, cleaned text, None where unknown. `date` is when it was
    published, as YYYY-MM-DD."""

    title: str | None = None
    site: str | None = None  # the outlet: "The Millbrook Ledger"
    author: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    path: str | None
    title: str | None
    text: str
    sentences: tuple[Sentence, ...] = ()
    label: str | None = None  # what people call it (outlet and date, or a readable file name)
    format: SourceFormat = SourceFormat.TEXT
    meta: SourceMeta | None = None
    blanked: str | None = None  # Markdown: `text` with its markup as spaces, what sentences are cut from

    @property
    def name(self) -> str:
        """How the source is shown: its label, else its id."""
        return self.label or self.id

    def as_written(self, sentence: Sentence) -> str:
        """A sentence as the source has it: for Markdown with its markup, including what
        touches its first and last word (`**` closing an emphasis); `sentence.text` is the
        words the engine compares."""
        start, end = self.written_span(sentence)
        return self.text[start:end]

    def written_span(self, sentence: Sentence) -> tuple[int, int]:
        """Where `as_written` cuts the sentence from `text`."""
        start, end = sentence.start, sentence.end
        if self.blanked is not None:
            while start > 0 and self.blanked[start - 1] != self.text[start - 1] and not self.text[start - 1].isspace():
                start -= 1
            while end < len(self.text) and self.blanked[end] != self.text[end] and not self.text[end].isspace():
                end += 1
        return start, end


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

    def missing(self, fact: Fact) -> tuple[str, ...]:
        """The sources that do not report `fact`, in source order."""
        reporting = set(fact.sources)
        return tuple(s.id for s in self.sources if s.id not in reporting)

    def shared_facts(self) -> dict[str, int]:
        """Per source, how many facts it reports (in passing too) that another source reports."""
        shared = dict.fromkeys(self._by_id, 0)
        for fact in self.facts:
            if not fact.single_source:
                for source in fact.sources:
                    shared[source] += 1
        return shared
