"""The words of a sentence as the discrepancy checks read them: spans, comparable stems, and
whether a word carries content.

Stems and stop words are `features`' own, so that a word means the same here as where sentences
are weighed; this module only adds where each word is, which the checks need to say what
differs and to look at a figure's or a name's neighbours.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Final, NamedTuple

from .lexicon import STOPWORDS
from .memo import per_sentence
from .tokens import stem, tokens

# Verbs that say who spoke: a speaker is not an actor, and "said 1,200" does not say what 1,200 counts.
SAYING: Final = frozenset(stem(w) for w in (
    "say says said tell tells told add adds added state states stated note notes noted stress stresses stressed "
    "warn warns warned insist insists insisted declare declares declared write writes wrote tweet tweeted "
    "post posted").split())
# Marks that end a clause: what a figure or a name is attached to does not reach past them (a
# comma only before a conjunction). One set of marks first, so that `re` skips to them.
_CLAUSE_BREAK: Final = re.compile(
    r"[;:()\[\]—–,](?:(?<=,)\s+(?:while|whereas|but|although|though|as|and|after|before)\b|(?<!,))")


class Word(NamedTuple):  # a tuple: sentences hold many words, and a frozen dataclass is slow to build
    start: int
    end: int
    text: str
    stem: str
    content: bool  # not a stop word
    lower: str  # case-folded, with a plain apostrophe


@per_sentence
def words(text: str) -> tuple[Word, ...]:
    """Every word with its span, as the one tokeniser cuts them (`tokens`); abbreviations with
    dots ("U.S.A.") are one word, read without them ("usa")."""
    return tuple([_new_word(Word, token + _read(token[2])) for token in tokens(text)])


_new_word = tuple.__new__  # a Word straight from a token and its reading: twice as fast as calling `Word`


@lru_cache(maxsize=262144)
def _read(raw: str) -> tuple[str, bool, str]:
    """(stem, content, lower) of one word as written; words recur, so this is remembered."""
    lower = raw.casefold().replace("’", "'")
    plain = lower.replace(".", "") if "." in lower else lower
    bare = plain[:-2] if plain.endswith("'s") else plain
    return stem(bare.replace("-", "")), plain not in STOPWORDS, lower


@per_sentence
def content_stems(text: str) -> frozenset[str]:
    return frozenset(w.stem for w in words(text) if w.content)


@per_sentence
def clause_breaks(text: str) -> tuple[int, ...]:
    """Offsets where a clause ends, in order (see `_CLAUSE_BREAK`)."""
    return tuple(m.start() for m in _CLAUSE_BREAK.finditer(text))


def clause_around(text: str, at: int) -> tuple[int, int]:
    """The clause breaks on either side of offset `at`: the last before it (-1 if none) and the
    first at or after it (the text's length if none)."""
    breaks = clause_breaks(text)
    k = bisect_left(breaks, at)
    return breaks[k - 1] if k else -1, breaks[k] if k < len(breaks) else len(text)


def same_clause(text: str, a: int, b: int) -> bool:
    """Whether no clause break lies between offsets `a` and `b` (`clause_around`, for one pair)."""
    breaks = clause_breaks(text)
    if not breaks:
        return True
    lo, hi = (a, b) if a <= b else (b, a)
    k = bisect_left(breaks, lo)
    return k == len(breaks) or breaks[k] >= hi


@per_sentence
def word_starts(text: str) -> tuple[int, ...]:
    """Where each word of `words(text)` starts, for bisecting."""
    return tuple(w.start for w in words(text))


def around(text: str, start: int, end: int, n: int) -> tuple[tuple[Word, ...], tuple[Word, ...]]:
    """Up to `n` words right before `start` and right after `end`, within the same clause."""
    ws, starts = words(text), word_starts(text)
    k = bisect_left(starts, end)
    stop = bisect_right(starts, clause_around(text, end)[1], k, min(k + n, len(ws)))
    j = bisect_left(starts, start)
    while j and ws[j - 1].end > start:
        j -= 1
    first, opening = max(0, j - n), clause_around(text, start)[0]
    while first < j and ws[first].end <= opening:
        first += 1
    return ws[first:j], ws[k:stop]
