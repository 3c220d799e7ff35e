"""What a sentence says, reduced to comparable terms: stems, names and figures.

Terms are plain strings so that weighting and matching need no knowledge of where they came
from; names are prefixed "@" and figures "#" so that they can be weighted as strong evidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

from .figures import figures_in

_TOKEN = re.compile(r"[^\W\d_](?:[\w’'.&-]*\w)?|\d[\d,.]*\d|\d")
_PLACE_NAMES = re.compile(r"\b(?:the\s+)?(United States|United Kingdom|European Union|United Nations)\b")
_LONG_NAME = re.compile(r"\b[A-Z][a-z]+(?:(?:\s+(?:of|for|the|and))*\s+[A-Z][a-z]+){2,}")
_LINKING = frozenset({"of", "for", "the", "and"})
_POSSESSIVE = re.compile(r"['’]s?$")
_BRITISH_ISE = re.compile(r"(?<=\w{3})is(e|ed|es|ing|ation|ations)$")
_BRITISH_OUR = re.compile(r"(?<=\w{2})our(s|ed|ing|able)?$")
_BRITISH_TRE = re.compile(r"(?<=\w{3})tre(s|d)?$")

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can cannot could couldn't did didn't do does doesn't
    doing don't down during each either even ever every few for from further had hadn't has
    hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
    how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's like
    made make many may me might more most much must mustn't my myself neither no nor not now of
    off on once one only or other ought our ours ourselves out over own per quite rather really
    same say said says shan't she she'd she'll she's should shouldn't since so some still such
    than that that's the their theirs them themselves then there there's these they they'd
    they'll they're they've this those though through thus to too under until up upon us very
    was wasn't we we'd we'll we're we've were weren't what what's when when's where where's
    whether which while who who's whom whose why why's will with within without won't would
    wouldn't yet you you'd you'll you're you've your yours yourself yourselves also according
    told new just week""".split()
)

# Spellings of one name that stemming cannot join; kept to forms that are unambiguous.
_NAME_ALIASES = {
    "us": "united states", "u.s": "united states", "u.s.a": "united states", "usa": "united states",
    "uk": "united kingdom", "u.k": "united kingdom", "britain": "united kingdom",
    "eu": "european union", "e.u": "european union", "un": "united nations", "u.n": "united nations",
}

_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A case-folded, American-spelled Snowball stem: 'Finalised' and 'finalized' agree."""
    w = word.casefold()
    w = _BRITISH_ISE.sub(r"iz\1", w)
    w = _BRITISH_OUR.sub(r"or\1", w)
    w = _BRITISH_TRE.sub(r"ter\1", w)
    return _stemmer.stemWord(w)


@dataclass(frozen=True, slots=True)
class Terms:
    """A sentence's evidence: content stems, how they were written (names are decided over the
    whole input, from capitalisation away from the sentence start) and normalised figures."""

    words: frozenset[str]
    capitalised: frozenset[str]
    lowercase: frozenset[str]
    figures: frozenset[str]
    acronyms: frozenset[str] = frozenset()  # of its long names; they count where the input uses them


def _word_parts(token: str) -> list[str]:
    """Hyphenated words: 'co-operating' joins, 'export-controlled' splits in two."""
    token = token.replace("’", "'")
    if token.endswith("'s") or token.endswith("'S"):
        token = token[:-2]
    if "-" not in token:
        return [token]
    parts = [p for p in token.split("-") if p]
    if len(parts) == 2 and any(len(p) <= 3 for p in parts):
        return ["".join(parts)]
    return parts


def _alias(token: str) -> str | None:
    key = token.casefold().rstrip(".")
    if key in _NAME_ALIASES and (token.isupper() or "." in token or key == "britain"):
        return _NAME_ALIASES[key]
    return None


def extract_terms(sentence: str) -> Terms:
    """Terms of one sentence; figures are taken whole so '$5.5bn' and '$5.5 billion' agree, and
    a long name also stands for its acronym."""
    words: set[str] = set()
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    figs = figures_in(sentence)
    places = list(_PLACE_NAMES.finditer(sentence))  # one name, as its acronym is ("U.S.")
    taken = [(f.start, f.end) for f in figs] + [m.span(1) for m in places]
    first = True
    for m in _TOKEN.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            first = False
            continue
        token = m.group()
        if token[0].isdigit():
            words.add(token.replace(",", ""))
        elif alias := _alias(token):
            words.add(alias)
            capitalised.add(alias)
        else:
            for part in _word_parts(token.rstrip(".")):
                if len(part) < 2 or part.casefold() in STOPWORDS:
                    continue
                stemmed = stem(part)
                words.add(stemmed)
                if part.isupper() and len(part) > 1 or part[0].isupper() and not first:
                    capitalised.add(stemmed)
                elif part[0].islower():
                    lowercase.add(stemmed)
        first = False
    for m in places:
        words.add(m.group(1).casefold())
        capitalised.add(m.group(1).casefold())
    acronyms = frozenset(  # "Taiwan Semiconductor Manufacturing Company" may be written TSMC
        "".join(w[0] for w in name.group().split() if w not in _LINKING).casefold()
        for name in _LONG_NAME.finditer(sentence)
    )
    return Terms(frozenset(words), frozenset(capitalised), frozenset(lowercase),
                 frozenset("#" + f.amount for f in figs), acronyms - words)
