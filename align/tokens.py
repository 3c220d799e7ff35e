"""The one tokeniser: words and numbers with their spans, and the stem that makes spellings one term.

Every stage that looks at words (similarity, names, discrepancies, the word diff, boilerplate)
reads them from here, so that "U.S.", "co-operating" or "$5.5bn" are cut the same way
everywhere and a span in one stage means the same words in another.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from .lexicon import STOPWORDS, american
from .memo import per_sentence

# A word (letters first; inner dots, apostrophes, ampersands and hyphens: "U.S.", "AT&T",
# "co-operating", "Huang’s"), a number with the words it is hyphened to ("81-year-old"), or a
# number ("1,000", "5.5").
WORD = re.compile(r"[^\W\d_](?:[\w’'.&-]*\w)?|\d(?:[\d,.]*\d)?(?:-[^\W\d_]+)+|\d[\d,.]*\d|\d")

_stemmer = Stemmer.Stemmer("english")


class Token(NamedTuple):
    """One word or number of a text: `text[start:end]`. A tuple: a sentence holds dozens, and a
    frozen dataclass is three times slower to build."""

    start: int
    end: int
    text: str


def stem(word: str) -> str:
    """A case-folded, American-spelled Snowball stem: 'Finalised' and 'finalized' agree."""
    return _folded_stem(word.casefold())


@lru_cache(maxsize=200_000)
def _folded_stem(folded: str) -> str:
    """`stem`, remembered by the folded word: weighing asks for "Nvidia", the checks for
    "nvidia", and the word is spelt and stemmed once (callers remember their own words too)."""
    return str(_stemmer.stemWord(american(folded)))


@per_sentence
def tokens(text: str) -> tuple[Token, ...]:
    """Every word and number of `text`, in order. Each is placed with `str.find` from the end of
    the one before, a third faster than a match object per word, and exact: the pattern starts a
    match at every word character but "_", so none lies between two matches and a word's first
    occurrence after the last one's end is where it was matched."""
    out, end, find = [], 0, text.find
    for word in WORD.findall(text):
        start = find(word, end)
        end = start + len(word)
        out.append(_new_token(Token, (start, end, word)))
    return tuple(out)


_new_token = tuple.__new__  # a Token straight from its fields


def token_texts(text: str) -> list[str]:
    """The words and numbers of `text` as strings, for when their places do not matter (a
    paragraph's words, to tell whether two pages share it)."""
    return WORD.findall(text)


def word_parts(word: str) -> list[str]:
    """A word as the parts that carry meaning: a possessive dropped, a trailing dot dropped;
    'co-operating' joins (a short prefix), 'export-controlled' splits in two."""
    word = word.replace("’", "'").rstrip(".")
    if word[-2:] in ("'s", "'S"):
        word = word[:-2]
    if "-" not in word:
        return [word]
    parts = [p for p in word.split("-") if p]
    if len(parts) == 2 and any(len(p) <= 3 for p in parts):
        return ["".join(parts)]
    return parts


def is_stopword(word: str) -> bool:
    return word.casefold().replace("’", "'") in STOPWORDS
