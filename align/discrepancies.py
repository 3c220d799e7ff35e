"""Where sources that report one fact disagree: figures, dates, acting governments, quoted
words, negation; and a word-level diff of each fact's sentences for the reviewer's eye.

Every check compares what two sources say about the same thing and stays silent when the
pairing is ambiguous: a false alarm costs a reviewer more than a missed variant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Callable, Sequence

from .dates import DateMention, extract_dates, relation
from .features import STOPWORDS, stem
from .figures import Figure, agree, comparable, extract_figures
from .model import Discrepancy, Fact, Member, Source, Value, WordDiff

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_QUOTE = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"|‘([^’]{12,})’")
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|neither|nor|denied|denies|deny|refused|refuses|without)\b|n[’']t\b",
    re.IGNORECASE,
)
_GOVERNMENT = re.compile(
    r"\b(?:President\s+)?([A-Z][\w’'-]+?)(?:[’']s)?\s+(administration|government|cabinet|White House)\b"
)
_NOT_A_LEADER = re.compile(r"^(?:[A-Z]+|.*(?:ese|ian|an|ish|ch|i)|Federal|State|National|Local|New|White)$")
NEGATION_MIN_SHARED = 0.6
QUOTE_MIN_SHARED = 0.5


@dataclass(frozen=True, slots=True)
class Said:
    """One member sentence of a fact, with what its source is."""

    member: Member
    source: Source

    @property
    def text(self) -> str:
        return self.source.sentences[self.member.sentence].text

    @property
    def offset(self) -> int:
        return self.source.sentences[self.member.sentence].start

    def value(self, start: int, end: int, normalized: str) -> Value:
        return Value(self.member.source, self.member.sentence, self.offset + start, self.offset + end,
                     self.text[start:end], normalized)


@lru_cache(maxsize=65536)
def _content(text: str) -> tuple[tuple[int, int, str], ...]:
    """Content words with their spans and comparable stems."""
    out = []
    for m in _WORD.finditer(text):
        w = m.group().replace("’", "'")
        if w.casefold() not in STOPWORDS:
            out.append((m.start(), m.end(), stem(w.replace("-", ""))))
    return tuple(out)


@lru_cache(maxsize=65536)
def _stems(text: str) -> frozenset[str]:
    return frozenset(w for *_, w in _content(text))


def word_diff(said: Sequence[Said]) -> tuple[WordDiff, ...]:
    """Per member: words whose stems every source's sentence has, and the rest."""
    words = [_content(s.text) for s in said]
    by_source: dict[str, set[str]] = {}
    for s, ws in zip(said, words):
        by_source.setdefault(s.member.source, set()).update(w for _, _, w in ws)
    common = set.intersection(*by_source.values()) if by_source else set()
    return tuple(
        WordDiff(s.member.source, s.member.sentence,
                 tuple((s.offset + a, s.offset + b) for a, b, w in ws if w in common),
                 tuple((s.offset + a, s.offset + b) for a, b, w in ws if w not in common))
        for s, ws in zip(said, words)
    )


@lru_cache(maxsize=65536)
def _figures(text: str) -> tuple[Figure, ...]:
    return tuple(extract_figures(text))


@lru_cache(maxsize=65536)
def _dates(text: str) -> tuple[DateMention, ...]:
    return tuple(d for d in extract_dates(text) if d.granularity in ("day", "week", "month", "year"))


def number_conflicts(a: Said, b: Said) -> list[Discrepancy]:
    """Figures of one measure that cannot both be true. Only unambiguous pairings count: the
    figure is the one of its unit in each sentence, or both name the same measure."""
    fa, fb = _figures(a.text), _figures(b.text)
    found = []
    for x in fa:
        rivals = [y for y in fb if comparable(x, y)]
        same_unit_a = [z for z in fa if z.unit == x.unit]
        if not rivals or any(agree(x, y) for y in rivals) or any(agree(z, y) for z in fa for y in rivals if z is not x):
            continue
        named = [y for y in rivals if x.measure and y.measure]
        if len(named) == 1 or (len(rivals) == 1 and len(same_unit_a) == 1):
            y = named[0] if len(named) == 1 else rivals[0]
            found.append(Discrepancy("number", "conflict", f"{x.text} vs {y.text}",
                                     (a.value(x.start, x.end, x.normalized), b.value(y.start, y.end, y.normalized))))
    return found


def _anchor(text: str, mention: DateMention) -> set[str]:
    """The words a date is attached to ('visit to Beijing | on Thursday'), so that the date of a
    visit is not compared with the date of an announcement."""
    before = [w for *_, w in _content(text[:mention.start])][-2:]
    after = [w for *_, w in _content(text[mention.end:])][:1]
    return set(before + after)


def date_conflicts(a: Said, b: Said) -> list[Discrepancy]:
    """Dates that do not fit together: a conflict when the only dates each gives disagree, a
    variant when one is less specific (this week / Thursday)."""
    da, db = _dates(a.text), _dates(b.text)
    if not da or not db:
        return []
    relations = {(x, y): relation(x, y) for x in da for y in db}
    if "same" in relations.values() or len(da) != 1 or len(db) != 1:
        return []
    (x, y), rel = next(iter(relations.items()))
    if rel not in ("conflict", "variant") or not (_anchor(a.text, x) & _anchor(b.text, y)):
        return []
    return [Discrepancy("date", rel, f"{x.text} vs {y.text}",
                        (a.value(x.start, x.end, x.normalized), b.value(y.start, y.end, y.normalized)))]


def entity_conflicts(a: Said, b: Said) -> list[Discrepancy]:
    """Different governments named as acting ('the Biden administration' vs 'Trump's')."""
    ga, gb = _governments(a.text), _governments(b.text)
    if len(ga) != 1 or len(gb) != 1 or ga[0].group(1) == gb[0].group(1):
        return []
    x, y = ga[0], gb[0]
    if x.group(1) in b.text or y.group(1) in a.text:
        return []
    return [Discrepancy("entity", "conflict", f"{x.group(0)} vs {y.group(0)}",
                        (a.value(*x.span(), x.group(1)), b.value(*y.span(), y.group(1))))]


@lru_cache(maxsize=65536)
def _quotes(text: str) -> list[tuple[int, int, list[str]]]:
    """Quoted spans and their words in comparable form (case, hyphens and spelling folded)."""
    out = []
    for m in _QUOTE.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        words = [stem(w.replace("-", "")) for w in _WORD.findall(m.group(g).replace("’", "'"))]
        if len(words) >= 3:
            out.append((m.start(g), m.end(g), words))
    return out


def _excerpt(short: list[str], long: list[str]) -> bool:
    """One quotation cut from the other: its words appear there in order, contiguously."""
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _plain(text: str) -> str:
    return " ".join(w.casefold() for w in _WORD.findall(text))


def quote_variants(a: Said, b: Said) -> list[Discrepancy]:
    """The same quotation given in different words (beyond case, punctuation and spelling)."""
    found = []
    for sa, ea, wa in _quotes(a.text):
        for sb, eb, wb in _quotes(b.text):
            shared = len(set(wa) & set(wb)) / max(1, min(len(set(wa)), len(set(wb))))
            short, long = sorted((wa, wb), key=len)
            if shared >= QUOTE_MIN_SHARED and not _excerpt(short, long):
                only_a = [w for w in _WORD.findall(a.text[sa:ea]) if stem(w.replace("-", "")) not in wb]
                only_b = [w for w in _WORD.findall(b.text[sb:eb]) if stem(w.replace("-", "")) not in wa]
                summary = "quoted differently: " + (" ".join(only_a) or "∅") + " / " + (" ".join(only_b) or "∅")
                found.append(Discrepancy("quote", "variant", summary,
                                         (a.value(sa, ea, _plain(a.text[sa:ea])), b.value(sb, eb, _plain(b.text[sb:eb])))))
    return found


@lru_cache(maxsize=65536)
def _negation(text: str) -> re.Match[str] | None:
    return _NEGATION.search(text)


@lru_cache(maxsize=65536)
def _governments(text: str) -> list[re.Match[str]]:
    return [m for m in _GOVERNMENT.finditer(text) if not _NOT_A_LEADER.match(m.group(1))]


def negation_conflicts(a: Said, b: Said) -> list[Discrepancy]:
    """One sentence negates what another, largely in the same words, affirms."""
    na, nb = _negation(a.text), _negation(b.text)
    if bool(na) == bool(nb):
        return []
    wa, wb = _stems(a.text), _stems(b.text)
    if len(wa & wb) / max(1, min(len(wa), len(wb))) < NEGATION_MIN_SHARED:
        return []
    neg, plain, m = (a, b, na) if na else (b, a, nb)
    assert m is not None
    return [Discrepancy("negation", "conflict", f"“{m.group(0)}” in {neg.member.source} only",
                        (neg.value(*m.span(), "negated"), plain.value(0, len(plain.text), "affirmed")))]


# Each check, and what both sentences must contain for it to have anything to say.
CHECKS: tuple[tuple[Callable[[str], object], Callable[[Said, Said], list[Discrepancy]]], ...] = (
    (_figures, number_conflicts),
    (_dates, date_conflicts),
    (_governments, entity_conflicts),
    (_quotes, quote_variants),
)


def examine(fact: Fact, sources: dict[str, Source]) -> Fact:
    """The fact with its discrepancies and word diff filled in (unchanged if single-source)."""
    if fact.single_source:
        return fact
    said = [Said(m, sources[m.source]) for m in fact.members + fact.also]
    found: list[Discrepancy] = []
    for needs, check in CHECKS:
        having = [s for s in said if needs(s.text)]
        for a, b in combinations(having, 2):
            if a.member.source != b.member.source:
                found.extend(check(a, b))
    negated = [s for s in said if _negation(s.text)]
    if negated and len(negated) < len(said):
        for a in negated:
            for b in said:
                if b.member.source != a.member.source and not _negation(b.text):
                    found.extend(negation_conflicts(a, b))
    unique = tuple(dict.fromkeys(found))
    return Fact(fact.id, fact.score, fact.members, fact.also, unique, word_diff(said))
