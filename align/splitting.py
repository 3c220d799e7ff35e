"""From an article to its sentences: located in its text, with the site's boilerplate marked.

The review app shows the articles as soon as they are split, before anything is compared: this
needs none of the engine that compares them, and imports none of it.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .boilerplate import LineVerdict, classify_lines, line_key
from .model import Sentence, SentenceKind, Source
from .sentences import split_paragraphs, split_sentences
from .sources import RawText


def split_source(raw: RawText, shared_lines: frozenset[str] = frozenset(), *, boilerplate: bool = True) -> Source:
    """A source with its sentences located and boilerplate marked (if asked)."""
    plain = raw.plain  # the words without markup, offset for offset with raw.text
    paragraphs = split_paragraphs(plain)
    lines = [plain[s:e] for s, e in paragraphs]
    verdicts = classify_lines(lines, shared_lines) if boilerplate else [LineVerdict(SentenceKind.BODY)] * len(lines)
    sentences = tuple(
        Sentence(k, sp.start, sp.end, plain[sp.start:sp.end], verdicts[sp.paragraph].kind, sp.paragraph)
        for k, sp in enumerate(split_sentences(plain))
    )
    title = next(
        (" ".join(plain[s:e].split()).lstrip("#").strip()
         for (s, e), v in zip(paragraphs, verdicts, strict=True) if v.title),
        None,
    )
    return Source(raw.id, raw.path, title, raw.text, sentences, raw.label, raw.format, raw.meta, raw.blanked)


def lines_in_several(raws: Sequence[RawText]) -> frozenset[str]:
    """Lines that appear verbatim in more than one source (site chrome shared by a publisher)."""
    counts: Counter[str] = Counter()
    for raw in raws:
        counts.update({line_key(raw.plain[s:e]) for s, e in split_paragraphs(raw.plain)})
    return frozenset(k for k, n in counts.items() if n > 1)
