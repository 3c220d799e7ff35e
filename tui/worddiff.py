"""The engine's word diff of a fact (`Fact.diff`, offsets into each source's text), made
relative to each sentence, as the inspector draws sentences one by one."""
from __future__ import annotations

from dataclasses import dataclass

from align.model import Alignment, Fact, Mention


@dataclass(frozen=True, slots=True)
class WordMarks:
    """Spans of one sentence, as offsets into that sentence's text."""

    shared: tuple[tuple[int, int], ...]
    differing: tuple[tuple[int, int], ...]


def word_marks(alignment: Alignment, fact: Fact, mentions: tuple[Mention, ...]) -> dict[Mention, WordMarks]:
    """Marks for each mention (none for a single-source fact: nothing to compare)."""
    sentences = {m: alignment.source(m.source).sentences[m.sentence] for m in mentions}
    marks: dict[Mention, WordMarks] = {}
    for diff in fact.diff:
        for mention, sentence in sentences.items():
            if (mention.source, mention.sentence) == (diff.source, diff.sentence):
                marks[mention] = WordMarks(
                    _relative(diff.shared, sentence.start, sentence.end),
                    _relative(diff.differing, sentence.start, sentence.end),
                )
    return marks


def _relative(spans: tuple[tuple[int, int], ...], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Spans given as offsets into the source text, made relative to one of its sentences."""
    return tuple((a - start, b - start) for a, b in spans if start <= a < b <= end)
