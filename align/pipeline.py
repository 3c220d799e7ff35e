"""From input to Alignment: read, split, mark boilerplate, weigh, compare, group.

`prepare` does the costly part once; `regroup` re-draws facts at another threshold from the
cached pair scores, which is what lets the UI re-align live.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from .boilerplate import classify_lines, line_key
from .discrepancies import examine, link_facts
from .features import extract_terms
from .grouping import Node, Pair, also_reported, best_matches, cohesion, group, pair_similarities
from .model import Alignment, Fact, Mention, Sentence, SentenceRef, Source
from .sentences import split_paragraphs, split_sentences
from .pairscore import build_vocabulary, vector
from .sources import RawText, read_texts, require_two, unique_ids

DEFAULT_THRESHOLD = 0.2
ALSO_REPORTED_SHARE = 0.4  # a second fact asks 40% of the similarity a sentence's own fact asks

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Prepared:
    """Everything grouping needs, computed once per input."""

    sources: tuple[Source, ...]
    refs: tuple[SentenceRef, ...]
    nodes: tuple[Node, ...]
    sims: Mapping[Pair, float]
    best: tuple[float, ...]

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the user should hear about the input that did not stop the alignment."""
        return tuple(f"{src.path or src.id}: no article text found (every line looks like site boilerplate)"
                     for src in self.sources if all(s.boilerplate for s in src.sentences))


def split_source(raw: RawText, shared_lines: frozenset[str] = frozenset()) -> Source:
    """A source with its sentences located and boilerplate marked."""
    paragraphs = split_paragraphs(raw.text)
    verdicts = classify_lines([raw.text[s:e] for s, e in paragraphs], shared_lines)
    sentences = tuple(
        Sentence(k, sp.start, sp.end, raw.text[sp.start:sp.end], verdicts[sp.paragraph].kind, sp.paragraph)
        for k, sp in enumerate(split_sentences(raw.text))
    )
    title = next(
        (raw.text[s:e].strip().lstrip("#").strip() for (s, e), v in zip(paragraphs, verdicts) if v.title), None
    )
    return Source(raw.id, raw.path, title, raw.text, sentences)


def lines_in_several(raws: Sequence[RawText]) -> frozenset[str]:
    """Lines that appear verbatim in more than one source (site chrome shared by a publisher)."""
    counts: Counter[str] = Counter()
    for raw in raws:
        counts.update({line_key(raw.text[s:e]) for s, e in split_paragraphs(raw.text)})
    return frozenset(k for k, n in counts.items() if n > 1)


def prepare(raws: Sequence[RawText], progress: Progress | None = None) -> Prepared:
    require_two(list(raws))
    shared = lines_in_several(raws)
    sources = tuple(split_source(r, shared) for r in raws)
    refs = tuple(SentenceRef(src.id, s.index) for src in sources for s in src.sentences if not s.boilerplate)
    by_id = {src.id: src for src in sources}
    terms = [extract_terms(by_id[r.source].sentences[r.sentence].text) for r in refs]
    vocab = build_vocabulary(terms)
    source_number = {src.id: n for n, src in enumerate(sources)}
    nodes = tuple(Node(source_number[r.source], r.sentence, vector(t, vocab)) for r, t in zip(refs, terms))
    report = (lambda done, total: progress("comparing", done, total)) if progress else None
    sims = pair_similarities(nodes, report)
    return Prepared(sources, refs, nodes, sims, tuple(best_matches(len(nodes), sims)))


def regroup(prepared: Prepared, threshold: float = DEFAULT_THRESHOLD, *, discrepancies: bool = True) -> Alignment:
    """Facts at a threshold, numbered in reading order, examined for discrepancies."""
    groups = group(prepared.nodes, prepared.sims, threshold)
    extra = also_reported(groups, prepared.nodes, prepared.sims, threshold * ALSO_REPORTED_SHARE)
    facts = tuple(
        Fact(
            id=f"f{n}",
            score=round(cohesion(g, prepared.nodes, prepared.sims, prepared.best), 4),
            members=tuple(Mention(prepared.refs[m].source, prepared.refs[m].sentence) for m in g)
            + tuple(Mention(prepared.refs[m].source, prepared.refs[m].sentence, primary=False) for m in e),
        )
        for n, (g, e) in enumerate(zip(groups, extra), start=1)
    )
    if discrepancies:
        by_id = {src.id: src for src in prepared.sources}
        facts = tuple(examine(f, by_id) for f in facts)
        # Issue 9: sentences that are each other's best match are checked even across facts.
        facts = link_facts(facts, by_id, prepared.refs, prepared.sims)
    return Alignment(prepared.sources, facts, threshold)


def as_raw_texts(inputs: Iterable[str | os.PathLike[str] | RawText]) -> list[RawText]:
    """`Path`s (files or directories) and '-' are read; other strings are article texts
    (ids text1, text2 ... by position). Order is kept; ids are made unique."""
    raws: list[RawText] = []
    for n, item in enumerate(inputs, start=1):
        if isinstance(item, RawText):
            raws.append(item)
        elif isinstance(item, os.PathLike) or item == "-":
            raws.extend(read_texts([item]))
        else:
            raws.append(RawText(f"text{n}", None, item))
    ids = unique_ids(r.id for r in raws)
    return [r if r.id == i else RawText(i, r.path, r.text) for r, i in zip(raws, ids)]


def align(
    inputs: Iterable[str | os.PathLike[str] | RawText],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    progress: Progress | None = None,
) -> Alignment:
    """Align articles: `Path`s (files or directories) are read, `str`s are article texts."""
    return regroup(prepare(as_raw_texts(inputs), progress), threshold)
