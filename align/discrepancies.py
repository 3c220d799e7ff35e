"""Where sources that report one fact disagree: figures, dates, who acted, quoted words,
negation; and a word-level diff of each fact's sentences for the reviewer's eye.

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
from .figures import agree, comparable, figures_in
from .model import Discrepancy, DiscrepancyKind, Fact, Mention, Severity, Source, Value, WordDiff
from .names import Name, names_in

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_QUOTE = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"|‘([^’]{12,})’")
_NEGATION = re.compile(
    r"\b(?:not|never|no longer|neither|nor|denied|denies|deny|refused|refuses|without)\b|\b\w+n[’']t\b",
    re.IGNORECASE,
)
NEGATION_MIN_SHARED = 0.5  # of all content words: nearly the same statement
QUOTE_MIN_SHARED = 0.5


@dataclass(frozen=True, slots=True)
class Said:
    """One member sentence of a fact, with what its source is."""

    member: Mention
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
def _dates(text: str) -> tuple[DateMention, ...]:
    return tuple(d for d in extract_dates(text) if d.granularity in ("day", "week", "month", "year"))


def number_conflicts(a: Said, b: Said) -> list[Discrepancy]:
    """Figures of one measure that cannot both be true. Only unambiguous pairings count: the
    figure is the one of its unit in each sentence, or both name the same measure."""
    fa, fb = figures_in(a.text), figures_in(b.text)
    found = []
    for x in fa:
        rivals = [y for y in fb if comparable(x, y)]
        same_unit_a = [z for z in fa if z.unit == x.unit]
        if not rivals or any(agree(x, y) for y in rivals) or any(agree(z, y) for z in fa for y in rivals if z is not x):
            continue
        named = [y for y in rivals if x.measure and y.measure]
        if len(named) == 1 or (len(rivals) == 1 and len(same_unit_a) == 1):
            y = named[0] if len(named) == 1 else rivals[0]
            found.append(Discrepancy(DiscrepancyKind.NUMBER, Severity.CONFLICT, "",
                                     (a.value(x.start, x.end, x.normalized), b.value(y.start, y.end, y.normalized))))
    return found


def _anchor(text: str, mention: DateMention) -> set[str]:
    """The words a date is attached to ('visit to Beijing | on Thursday'), so that the date of a
    visit is not compared with the date of an announcement."""
    before = [w for *_, w in _content(text[:mention.start])][-2:]
    after = [w for *_, w in _content(text[mention.end:])][:2]
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
    return [Discrepancy(DiscrepancyKind.DATE, Severity(rel), "",
                        (a.value(x.start, x.end, x.normalized), b.value(y.start, y.end, y.normalized)))]


_ACTION = re.compile(r"[a-z]+ed|administration|government|ministry|spokes(?:man|woman|person)")


@lru_cache(maxsize=65536)
def _actors(text: str) -> tuple[tuple[str, Name], ...]:
    """(action, name) pairs: a name and the word right after it when that word says what the
    name did ('Huang met', past tense) or which body of it acted ('the Biden administration')."""
    words = _content(text)
    out = []
    for name in names_in(text):
        after = next(((a, b, w) for a, b, w in words if a >= name.end), None)
        if after is not None and _ACTION.fullmatch(text[after[0]:after[1]]) and text[name.end:after[0]].strip(" ’'s") == "":
            out.append((after[2], name))
    return tuple(out)


def _keys(text: str) -> set[str]:
    return {n.key for n in names_in(text)}


def entity_conflicts(a: Said, b: Said) -> list[Discrepancy]:
    """Different names doing the same thing ('the Biden administration' vs 'Trump's
    administration'); a name that only one source mentions at all is an addition, not a conflict."""
    found = []
    keys_a, keys_b = _keys(a.text), _keys(b.text)
    for action, x in _actors(a.text):
        for other, y in _actors(b.text):
            if action == other and x.key != y.key and x.key not in keys_b and y.key not in keys_a:
                found.append(Discrepancy(DiscrepancyKind.ENTITY, Severity.CONFLICT, "", (a.value(x.start, x.end, x.key),
                                                                    b.value(y.start, y.end, y.key))))
    return found


def _speakers(text: str, quotes: list[tuple[int, int, list[str]]]) -> set[str]:
    """Names outside the quoted words: who is quoted, or at least who is around the quote."""
    return {n.key for n in names_in(text) if not any(s <= n.start < e for s, e, _ in quotes)}


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
    qa, qb = _quotes(a.text), _quotes(b.text)
    sa_, sb_ = _speakers(a.text, qa), _speakers(b.text, qb)
    if sa_ and sb_ and not sa_ & sb_:
        return []  # different people quoted
    found = []
    for sa, ea, wa in qa:
        for sb, eb, wb in qb:
            shared = len(set(wa) & set(wb)) / max(1, min(len(set(wa)), len(set(wb))))
            short, long = sorted((wa, wb), key=len)
            if shared >= QUOTE_MIN_SHARED and not _excerpt(short, long):
                found.append(Discrepancy(DiscrepancyKind.QUOTE, Severity.VARIANT, "",
                                         (a.value(sa, ea, _plain(a.text[sa:ea])), b.value(sb, eb, _plain(b.text[sb:eb])))))
    return found


@lru_cache(maxsize=65536)
def _negation(text: str) -> re.Match[str] | None:
    return _NEGATION.search(text)


def negation_conflicts(a: Said, b: Said) -> list[Discrepancy]:
    """One sentence negates what another, largely in the same words, affirms."""
    na, nb = _negation(a.text), _negation(b.text)
    if bool(na) == bool(nb):
        return []
    wa, wb = _stems(a.text), _stems(b.text)
    if len(wa & wb) / max(1, len(wa | wb)) < NEGATION_MIN_SHARED:
        return []
    neg, plain, m = (a, b, na) if na else (b, a, nb)
    assert m is not None
    return [Discrepancy(DiscrepancyKind.NEGATION, Severity.CONFLICT, "",
                        (neg.value(*m.span(), "negated"), plain.value(0, len(plain.text), "affirmed")))]


_LABELS = {
    ("number", "conflict"): "figures differ",
    ("date", "conflict"): "dates differ",
    ("date", "variant"): "one date is less specific",
    ("entity", "conflict"): "different names in the same role",
    ("quote", "variant"): "quoted in different words",
    ("negation", "conflict"): "one source negates it",
}
SUMMARY_VALUE_CHARS = 48


def summarise(kind: DiscrepancyKind, severity: Severity, values: Sequence[Value]) -> str:
    """One line: what differs, each distinct value once with the sources that give it."""
    groups: dict[str, list[Value]] = {}
    for v in values:
        groups.setdefault(v.normalized, []).append(v)
    parts = []
    for same in groups.values():
        text = " ".join(same[0].text.split())
        if len(text) > SUMMARY_VALUE_CHARS:
            text = text[: SUMMARY_VALUE_CHARS - 1] + "…"
        parts.append(f"“{text}” ({', '.join(dict.fromkeys(v.source for v in same))})")
    return f"{_LABELS[(kind, severity)]}: " + " vs ".join(parts)


def merge(found: Sequence[Discrepancy]) -> tuple[Discrepancy, ...]:
    """One discrepancy per disagreement, however many source pairs showed it: pairwise findings
    of one kind that share a value are joined; a conflict outranks a variant."""
    merged: list[tuple[DiscrepancyKind, list[Severity], dict[tuple[str, int, int], Value]]] = []
    for d in found:
        keys = {(v.source, v.start, v.end): v for v in d.values}
        hits = [m for m in merged if m[0] == d.kind and keys.keys() & m[2].keys()]
        target = hits[0] if hits else (d.kind, [], {})
        if not hits:
            merged.append(target)
        for other in hits[1:]:
            target[1].extend(other[1])
            target[2].update(other[2])
            merged.remove(other)
        target[1].append(d.severity)
        target[2].update(keys)
    out = []
    for kind, severities, values in merged:
        severity = Severity.CONFLICT if Severity.CONFLICT in severities else Severity.VARIANT
        ordered = tuple(sorted(values.values(), key=lambda v: (v.source, v.start)))
        out.append(Discrepancy(kind, severity, summarise(kind, severity, ordered), ordered))
    return tuple(out)


# Each check, and what both sentences must contain for it to have anything to say.
CHECKS: tuple[tuple[Callable[[str], object], Callable[[Said, Said], list[Discrepancy]]], ...] = (
    (figures_in, number_conflicts),
    (_dates, date_conflicts),
    (_actors, entity_conflicts),
    (_quotes, quote_variants),
)


def examine(fact: Fact, sources: dict[str, Source]) -> Fact:
    """The fact with its discrepancies and word diff filled in (unchanged if single-source)."""
    if fact.single_source:
        return fact
    said = [Said(m, sources[m.source]) for m in fact.members]
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
    return Fact(fact.id, fact.score, fact.members, merge(found), word_diff(said))
