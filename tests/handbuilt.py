"""A hand-built alignment of four short articles written for the tests, so that UI and review
tests do not depend on what the engine makes of the seeds.

Each article is a list of paragraphs, each a list of (fact label, sentence) pairs; the label
names the fact the sentence reports as its own ("" for boilerplate). Facts are numbered in
reading order (by their first sentence, sources in order), as the engine numbers them.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from align.model import (
    Alignment,
    Discrepancy,
    DiscrepancyKind,
    Fact,
    Mention,
    Sentence,
    SentenceKind,
    Severity,
    Source,
    Value,
    WordDiff,
)
from align.sources import RawText

HERALD, WIRE, TIMES, POST = "harbour-herald", "city-wire", "bay-times", "port-post"

_BACKGROUND = [
    "The harbour opened to cargo ships in the spring of 1871.",
    "Its granite quay was rebuilt twice in the last century.",
    "Fishing boats still land their catch at the eastern pier.",
    "A lighthouse keeper lived on the breakwater until the seventies.",
    "Tourists come for the seafood market every Saturday morning.",
    "The old customs house now holds a small maritime museum.",
    "Silt from the river narrows the channel each winter.",
    "Container traffic moved to the deep-water terminal long ago.",
    "Local schools visit the museum on summer afternoons.",
    "A rowing club trains in the inner basin at dawn.",
]


def _background(source: str, count: int) -> list[tuple[str, str]]:
    return [(f"{source}-bg{n}", f"{text[:-1]}, the {source.split('-')[1]} recalled.")
            for n, text in enumerate(_BACKGROUND[:count])]


Articles = dict[str, tuple[str | None, list[list[tuple[str, str]]]]]  # id: (title, paragraphs)
ARTICLES: Articles = {
    HERALD: ("Harbour budget approved after long delay", [
        [("headline", "Harbour budget approved after long delay")],
        [("budget", "The council approved a $2.3 billion harbour budget on Monday."),
         ("protest", "Dock workers protested outside city hall during the debate.")],
        [("mayor", "Mayor Ana Ruiz said the vote ended months of delay.")],
        _background(HERALD, 6),
        [("ferries", "Ferries will run a reduced timetable while the quay is repaired.")],
        [("", "Subscribe to our newsletter")],
    ]),
    WIRE: (None, [
        [("budget", "On Monday the council passed the $2.5bn harbour budget."),
         ("protest", "Protesting dock workers gathered outside city hall.")],
        [("schools", "Schools near the port will close early on Friday.")],
        _background(WIRE, 9),
        [("ferries", "The ferry company announced a reduced timetable during the repairs.")],
    ]),
    TIMES: ("Council backs harbour plan", [
        [("budget", "The harbour budget of $2.3 billion passed on Tuesday, officials said.")],
        [("mayor", "Ruiz called the vote the end of months of delay, as dock workers protested outside.")],
        _background(TIMES, 3),
        [("dredging", "Dredging of the channel is due to begin in the autumn.")],
    ]),
    POST: ("Port news", [
        [("protest", "Hundreds of dock workers protested at city hall.")],
        _background(POST, 10),
        [("ferries", "Ferries are to keep a reduced timetable through the repairs.")],
    ]),
}
IN_PASSING = {"protest": [(TIMES, "Ruiz called the vote")]}  # sentences (by their start) reporting a fact in passing
DISCREPANCIES = {
    "budget": [
        (DiscrepancyKind.NUMBER, Severity.CONFLICT, "the budget: $2.3 billion vs $2.5bn",
         [(HERALD, "$2.3 billion", "2300000000 USD"), (WIRE, "$2.5bn", "2500000000 USD"),
          (TIMES, "$2.3 billion", "2300000000 USD")]),
        (DiscrepancyKind.DATE, Severity.CONFLICT, "when the budget passed: Monday vs Tuesday",
         [(HERALD, "Monday", "Mon"), (WIRE, "Monday", "Mon"), (TIMES, "Tuesday", "Tue")]),
    ],
    "ferries": [
        (DiscrepancyKind.ENTITY, Severity.VARIANT, "who runs the timetable: ferries vs the ferry company",
         [(HERALD, "Ferries", "ferries"), (WIRE, "ferry company", "ferry company")]),
    ],
}
WORD = re.compile(r"[\w$.]+")


def raw_texts(articles: Articles = ARTICLES) -> list[RawText]:
    return [RawText(sid, None, "\n\n".join(" ".join(s for _, s in para) for para in paras) + "\n")
            for sid, (_, paras) in articles.items()]


def write_articles(folder: Path, articles: Articles = ARTICLES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for raw in raw_texts(articles):
        (folder / f"{raw.id}.txt").write_text(raw.text, encoding="utf-8")
    return folder


def _word_spans(text: str, offset: int) -> list[tuple[int, int, str]]:
    return [(offset + m.start(), offset + m.end(), m.group().casefold().strip(".")) for m in WORD.finditer(text)]


def build(articles: Articles = ARTICLES,
          threshold: float = 0.2) -> Alignment:
    sources: list[Source] = []
    labels: dict[str, list[Mention]] = {}
    for sid, (title, paras) in articles.items():
        text, sentences = "", []
        for p, para in enumerate(paras):
            if p:
                text += "\n\n"
            for k, (label, sentence) in enumerate(para):
                if k:
                    text += " "
                kind = (SentenceKind.BOILERPLATE if not label else
                        SentenceKind.HEADLINE if label == "headline" else SentenceKind.BODY)
                sentences.append(Sentence(len(sentences), len(text), len(text) + len(sentence), sentence, kind, p))
                if label:
                    labels.setdefault(label, []).append(Mention(sid, len(sentences) - 1))
                text += sentence
        sources.append(Source(sid, None, title, text + "\n", tuple(sentences)))
    by_id = {s.id: s for s in sources}
    for label, places in IN_PASSING.items():
        for sid, start in places:
            if sid not in by_id:
                continue
            index = next(s.index for s in by_id[sid].sentences if s.text.startswith(start))
            labels[label].append(Mention(sid, index, primary=False))
    place = {s.id: n for n, s in enumerate(sources)}
    order = sorted(labels, key=lambda label: min((place[m.source], m.sentence) for m in labels[label] if m.primary))
    facts = []
    for n, label in enumerate(order, start=1):
        members = tuple(labels[label])
        single = len({m.source for m in members}) < 2
        facts.append(Fact(f"f{n}", 0.9 if single else 0.5, members,
                          _discrepancies(label, members, by_id), () if single else _diff(members, by_id)))
    return Alignment(tuple(sources), tuple(facts), threshold)


def _discrepancies(label: str, members: tuple[Mention, ...], by_id: dict[str, Source]) -> tuple[Discrepancy, ...]:
    found = []
    for kind, severity, summary, values in DISCREPANCIES.get(label, []):
        located = []
        for sid, said, normalized in values:
            member = next(m for m in members if m.source == sid and m.primary)
            sentence = by_id[sid].sentences[member.sentence]
            start = sentence.start + sentence.text.index(said)
            located.append(Value(sid, member.sentence, start, start + len(said), said, normalized))
        found.append(Discrepancy(kind, severity, summary, tuple(located)))
    return tuple(found)


def _diff(members: tuple[Mention, ...], by_id: dict[str, Source]) -> tuple[WordDiff, ...]:
    """Words every primary member uses are shared, the others differ."""
    words = {m: _word_spans(by_id[m.source].sentences[m.sentence].text, by_id[m.source].sentences[m.sentence].start)
             for m in members if m.primary}
    common = set.intersection(*({w for _, _, w in spans} for spans in words.values()))
    return tuple(WordDiff(m.source, m.sentence, tuple((a, b) for a, b, w in spans if w in common),
                          tuple((a, b) for a, b, w in spans if w not in common))
                 for m, spans in words.items())


ALIGNMENT = build()


def with_copies(count: int) -> Articles:
    """The four articles and `count` more copies of the last under other names."""
    return {**ARTICLES, **{f"{POST}-{n}": ARTICLES[POST] for n in range(2, count + 2)}}


def fact(label: str, alignment: Alignment = ALIGNMENT) -> Fact:
    """The fact a label names in `alignment` (found by the text of its first sentence)."""
    for sid, (_, paras) in ARTICLES.items():
        for para in paras:
            for own, text in para:
                if own == label:
                    return next(f for f in alignment.facts for m in f.primary
                                if m.source == sid and alignment.sentence(m).text == text)
    raise KeyError(label)


def without_discrepancies(alignment: Alignment = ALIGNMENT) -> Alignment:
    return replace(alignment, facts=tuple(replace(f, discrepancies=()) for f in alignment.facts))
