"""Names in a sentence, and the key that says two mentions name the same one.

"Jensen Huang", "Huang" and "Huang’s" share the key "huang"; "US", "U.S." and "United States"
share "united states". Keys are deliberately simple: a person is known by the last word of
their name, an organisation by its whole name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .features import STOPWORDS

_CAP = r"(?:[A-Z][\w’'.-]*[\w.]|[A-Z])"
_PHRASE = re.compile(rf"{_CAP}(?:(?:\s+(?:of|for|the|de|van|von|al))*\s+{_CAP})*")
_POSSESSIVE = re.compile(r"[’']s?$")
_TITLES = frozenset(
    "president vice premier prime minister chief executive ceo chairman chairwoman chair founder "
    "secretary senator sen rep governor gov mayor mr mrs ms dr prof general gen king queen prince "
    "pope judge justice director spokesman spokeswoman officer minister's".split()
)
_COUNTRIES = {
    "us": "united states", "u.s": "united states", "u.s.a": "united states", "usa": "united states",
    "america": "united states", "united states": "united states", "uk": "united kingdom",
    "u.k": "united kingdom", "britain": "united kingdom", "united kingdom": "united kingdom",
}


_OPENERS = frozenset("the a an in on at as after before but and or so yet if when while this that "
                     "these those there meanwhile however still also for with by from according "
                     "despite since until during his her its their our we they he she it".split())


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    key: str


def name_key(phrase: str) -> str:
    """The comparable key of a name phrase (see the module docstring)."""
    words = [_POSSESSIVE.sub("", w) for w in phrase.split()]
    folded = " ".join(w.casefold().rstrip(".") for w in words)
    if folded in _COUNTRIES:
        return _COUNTRIES[folded]
    people = [w for w in words if w.casefold().rstrip(".") not in _TITLES]
    if not people:
        return folded
    is_person = len(people) <= 3 and not any(w.islower() for w in people)
    return people[-1].casefold() if is_person else " ".join(w.casefold() for w in people)


@lru_cache(maxsize=65536)
def names_in(text: str) -> tuple[Name, ...]:
    """Capitalised phrases that are names: not a lone sentence-opening common word."""
    found = []
    for m in _PHRASE.finditer(text):
        phrase = _POSSESSIVE.sub("", m.group())
        if phrase.endswith(".") and phrase.split()[-1].count(".") == 1:
            phrase = phrase[:-1]  # a full stop, not an abbreviation's dot
        start = m.start()
        first, _, rest = phrase.partition(" ")
        if rest and first.casefold().replace("’", "'") in STOPWORDS | _OPENERS:
            start += len(first) + 1  # "The Biden administration", "In March"
            phrase = rest.lstrip()
        if not phrase or phrase.casefold().replace("’", "'") in STOPWORDS | _OPENERS:
            continue
        found.append(Name(start, start + len(phrase), phrase, name_key(phrase)))
    return tuple(found)
