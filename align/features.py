"""What a sentence says, reduced to comparable terms: stems, names, figures, and its clauses.

Terms are plain strings so that weighting and matching need no knowledge of where they came
from; figures are prefixed "#" so that they can be weighted as strong evidence. A news sentence
often carries two or three claims ("X visited Beijing on Thursday, two days after Y imposed
curbs"), so it is also cut into clauses, each with its own terms, for matching claim to claim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .figures import figures_in
from .lexicon import LONG_PLACE_NAMES, name_alias
from .memo import per_sentence
from .tokens import is_stopword, stem, tokens, word_parts

__all__ = ["Clause", "Terms", "extract_terms"]

_LONG_NAME = re.compile(r"\b[A-Z][a-z]+(?:(?:\s+(?:of|for|the|and))*\s+[A-Z][a-z]+){2,}")
_LINKING = frozenset({"of", "for", "the", "and"})
# Where one claim of a sentence ends and another begins: clause punctuation, or a conjunction
# or relative word that opens a clause of its own. A break opens on a space or a mark not after
# a space (never restarted inside a run of spaces, which was quadratic); that first character
# is matched first, so that `re` skips to the spaces and marks (a pattern opening on a look
# back is tried at every character: twice as slow), and the rest follows from what it was.
_CLAUSE_BREAK = re.compile(
    r"[\s,;:](?<!\s[\s,;:])(?:(?<=[,;:])\s+|(?<=\s)(?:\s*[,;:]\s+|\s*[—–]\s*|\s*-{1,2}\s+|\s*(?=(?:and|but|while"
    r"|whereas|after|before|because|although|though|since|until|as|which|who|whom|where|when|amid|despite|following)\s)))"
)
CLAUSE_MIN_TERMS = 3  # fewer content terms than this is not a claim of its own
MAX_CLAUSES = 8  # a sentence cut into more is a list or a table, not claims: the rest stays one


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a sentence that can carry a claim: `sentence[start:end]` and its terms."""

    start: int
    end: int
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class Terms:
    """A sentence's evidence: content stems, how they were written (names are decided over the
    whole input, from capitalisation away from the sentence start), normalised figures, and
    its clauses when it has more than one."""

    words: frozenset[str]
    capitalised: frozenset[str]
    lowercase: frozenset[str]
    figures: frozenset[str]
    acronyms: frozenset[str] = frozenset()  # of its long names; they count where the input uses them
    clauses: tuple[Clause, ...] = ()


def _clause_spans(sentence: str) -> list[tuple[int, int]]:
    spans, last = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.start() > last:
            spans.append((last, m.start()))
        last = m.end()
    if last < len(sentence):
        spans.append((last, len(sentence)))
    return spans


def _clauses(sentence: str, located: list[tuple[int, str]]) -> tuple[Clause, ...]:
    """Clauses with at least CLAUSE_MIN_TERMS terms each: a shorter piece joins the clause before
    it (at the start, the one after). A sentence of one clause has none; past MAX_CLAUSES the
    rest is one clause. Linear in the sentence, whatever it holds."""
    located = sorted(located)
    merged: list[tuple[int, int, set[str]]] = []
    k = 0
    for start, end in _clause_spans(sentence):
        lo = k
        while k < len(located) and located[k][0] < end:
            k += 1
        terms = {t for at, t in located[lo:k] if at >= start}
        if merged and (len(terms) < CLAUSE_MIN_TERMS or len(merged[-1][2]) < CLAUSE_MIN_TERMS
                       or len(merged) == MAX_CLAUSES):
            merged[-1][2].update(terms)
            merged[-1] = (merged[-1][0], end, merged[-1][2])
        else:
            merged.append((start, end, terms))
    return tuple(Clause(a, b, frozenset(t)) for a, b, t in merged) if len(merged) > 1 else ()


@lru_cache(maxsize=65_536)
def _word_terms(word: str) -> tuple[tuple[str, bool, bool | None], ...]:
    """The terms one word (or number) gives, with how each was written: all capitals, and
    capitalised (True), lower-case (False) or neither (None). Words recur: this is remembered."""
    if word[0].isdigit():
        return ((word.replace(",", ""), False, None),)
    if alias := name_alias(word):
        return ((alias, True, True),)
    return tuple((stem(part), part.isupper(), True if part[0].isupper() else (False if part[0].islower() else None))
                 for part in word_parts(word) if len(part) >= 2 and not is_stopword(part))


@per_sentence
def extract_terms(sentence: str) -> Terms:
    """Terms of one sentence; figures are taken whole so '$5.5bn' and '$5.5 billion' agree,
    "the United States" is one name with "U.S.", and a long name also stands for its acronym."""
    words: set[str] = set()
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    located: list[tuple[int, str]] = []
    figs = figures_in(sentence)
    places = list(LONG_PLACE_NAMES.finditer(sentence))
    taken = {k for f in figs for k in range(f.start, f.end)} | {k for m in places for k in range(*m.span(1))}
    first = True
    for token in tokens(sentence):
        if token.start in taken:
            first = False
            continue
        for stemmed, upper, capital in _word_terms(token.text):
            words.add(stemmed)
            located.append((token.start, stemmed))
            if upper or (capital and not first):
                capitalised.add(stemmed)
            elif capital is False:
                lowercase.add(stemmed)
        first = False
    for m in places:
        key = m.group(1).casefold()
        words.add(key)
        capitalised.add(key)
        located.append((m.start(1), key))
    located += [(f.start, "#" + f.amount) for f in figs]
    acronyms = frozenset(  # "Taiwan Semiconductor Manufacturing Company" may be written TSMC
        "".join(w[0] for w in name.group().split() if w not in _LINKING).casefold()
        for name in _LONG_NAME.finditer(sentence)
    )
    return Terms(frozenset(words), frozenset(capitalised), frozenset(lowercase),
                 frozenset("#" + f.amount for f in figs), acronyms - words, _clauses(sentence, located))
