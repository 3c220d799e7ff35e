"""Names in a sentence, and whether two mentions name the same one.

"Jensen Huang", "Huang" and "Huang’s" share the key "huang"; "US", "U.S." and "United States"
share "united states". A person is known by the last word of their name, an organisation by its
whole name; `same_entity` then also tells "John Smith" from "James Smith" (the given names
differ) and joins the short forms news uses for one body ("the Fed", "WHO", "JPMorgan").
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final, NamedTuple

from rapidfuzz import fuzz

from .lexicon import NAME_ALIASES, STOPWORDS, TITLES
from .memo import per_sentence

_CAP: Final = r"(?:[A-Z][\w’'.-]*[\w.]|[A-Z])"
_PHRASE: Final = re.compile(rf"{_CAP}(?:(?:\s+(?:of|for|the|de|van|von|al))*\s+{_CAP})*")
# A full stop with no space after it, between a word and a capitalised one ("in Ohio.New York"):
# a sentence boundary the writer's keyboard lost, not one name.
_GLUED_STOP: Final = re.compile(r"\.(?<=[a-z]{2}\.)(?=[A-Z][a-z])")  # the dot first: found ten times faster
# "University of Texas at Austin": campuses are named with "at".
_INSTITUTION: Final = re.compile(r"\b(?:University|College|Institute|School|Hospital)\b")
_AT_CAMPUS: Final = re.compile(rf"\s+at\s+{_CAP}(?:\s+{_CAP})*")
_ATTRIBUTIVE: Final = re.compile(r"-[a-z][\w-]*$")  # "Biden-era", "Kremlin-backed"
_LINKING: Final = frozenset({"of", "for", "the", "and", "de", "van", "von", "al", "at"})
_FUZZY_MIN_LENGTH: Final = 5
_FUZZY_CUTOFF: Final = 85.0

_OPENERS: Final = frozenset("the a an in on at as after before but and or so yet if when while this that "
                     "these those there meanwhile however still also for with by from according "
                     "despite since until during his her its their our we they he she it".split())


# Capitalised words that do not start a name ("The", "In"); "New" does ("New York").
_NOT_NAMES: Final = (STOPWORDS | _OPENERS) - {"new"}
_ACRONYM: Final = re.compile(r"[A-Z]{2,}|(?:[A-Z]\.){2,}")  # "WHO", "U.S." are names, not the stop words


class Name(NamedTuple):
    """A name where a sentence mentions it (a tuple: a sentence holds several, and a frozen
    dataclass is three times slower to build)."""

    start: int
    end: int
    text: str
    key: str
    given: str = ""  # a person's first name as written (folded), "" if not given
    attributive: bool = False  # used as a modifier ("Biden-era rules"): it names a time or a backer
    words: tuple[str, ...] = ()  # the name's own words, folded, titles left out

    @property
    def plain(self) -> str:
        """The name as written without titles: "President Trump" -> "Trump"."""
        return " ".join(_own_words(self.text)) or self.text


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Case and accents folded: "António" is "antonio"."""
    folded = word.casefold()
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return folded.rstrip(".")


def _unpossessed(word: str) -> str:
    """`word` without a possessive ending ("Biden's", "Jones'"): two string tests, where a
    pattern anchored at the end was tried at every character of every word of every name."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’")) else word


def _own_words(phrase: str) -> list[str]:
    """The name without titles before it ("Nvidia CEO Jensen Huang" -> Jensen Huang; "New York
    Gov. Kathy Hochul" -> Kathy Hochul): the words after the last title, if any title is followed
    by a name."""
    words = [_unpossessed(w) for w in phrase.split()]
    titled = [k for k, w in enumerate(words) if _fold(w) in TITLES]
    if titled and titled[-1] < len(words) - 1:
        words = words[titled[-1] + 1:]
        while words and words[0].islower():  # "Secretary of State ..."
            words = words[1:]
    return [w for w in words if _fold(w) not in TITLES]


def name_key(phrase: str, own: list[str] | None = None) -> str:
    """The comparable key of a name phrase (see the module docstring); `own` is its own words
    (`_own_words`), when the caller has them."""
    folded = " ".join(_fold(_unpossessed(w)) for w in phrase.split())
    if folded in NAME_ALIASES:
        return NAME_ALIASES[folded]
    people = _own_words(phrase) if own is None else own
    if not people:
        return folded
    if _is_person(people):
        return _fold(people[-1])
    return " ".join(_fold(w) for w in people)


def _is_person(words: list[str]) -> bool:
    return len(words) <= 3 and not any(w.islower() for w in words)


@per_sentence
def names_in(text: str) -> tuple[Name, ...]:
    """Capitalised phrases that are names: not a lone sentence-opening common word."""
    found = []
    scan = _GLUED_STOP.sub("|", text)  # same offsets, the lost boundary restored
    consumed = 0
    for m in _PHRASE.finditer(scan):
        if m.start() < consumed:
            continue
        phrase, end = m.group(), m.end()
        if (campus := _AT_CAMPUS.match(scan, end)) and _INSTITUTION.search(phrase):
            phrase, end = scan[m.start():campus.end()], campus.end()
        consumed = end
        if (reading := _read_phrase(phrase)) is not None:
            skip, length, key, given, attributive, words = reading
            start = m.start() + skip
            found.append(Name(start, start + length, text[start:start + length], key, given, attributive, words))
    return tuple(found)


@lru_cache(maxsize=65536)
def _read_phrase(phrase: str) -> tuple[int, int, str, str, bool, tuple[str, ...]] | None:
    """A capitalised phrase as a name: (where in the phrase it starts, its length, key, given
    name, attributive, own words), or None if it names nothing; phrases recur."""
    phrase = _unpossessed(phrase)
    if phrase.endswith(".") and phrase.split()[-1].count(".") == 1:
        phrase = phrase[:-1]  # a full stop, not an abbreviation's dot
    skip = 0
    while True:  # "The Biden administration", "In March", "Under the Biden administration"
        first, _, rest = phrase.partition(" ")
        if not rest or first.casefold().replace("’", "'") not in _NOT_NAMES:
            break
        skip += len(first) + 1 + len(rest) - len(rest.lstrip())
        phrase = rest.lstrip()
    if not phrase or (phrase.casefold().replace("’", "'") in _NOT_NAMES and not _ACRONYM.fullmatch(phrase)):
        return None
    attributive = bool(_ATTRIBUTIVE.search(phrase))
    if attributive:
        phrase = _ATTRIBUTIVE.sub("", phrase)
    own = _own_words(phrase)
    given = _fold(own[-2]) if len(own) >= 2 and _is_person(own) else ""
    words = tuple(_fold(w) for w in own if _fold(w) not in _LINKING)
    return skip, len(phrase), name_key(phrase, own), given, attributive, words


def is_body(name: Name) -> bool:
    """A country or an organisation known by its initials ("US", "the UK", "NATO"): never a
    person, so its government may be the one a person leads."""
    return name.key in NAME_ALIASES.values() or bool(_ACRONYM.fullmatch(name.text))


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w)


@lru_cache(maxsize=65536)
def same_entity(a: Name, b: Name) -> bool:
    """Whether two mentions can name one person or body: the same key with given names that fit
    ("J. Smith" fits "John Smith", "James" does not), one the acronym or a short form of the other
    ("WHO", "the Fed", "JPMorgan"), or the same name spelt another way ("Zelenskyy")."""
    if a.key == b.key:
        return not (a.given and b.given) or (a.given[0] == b.given[0] and (
            len(a.given) == 1 or len(b.given) == 1 or a.given == b.given))
    short, long = sorted((a.words or (a.key,), b.words or (b.key,)), key=len)
    bare = short[0].replace(".", "") if len(short) == 1 else ""
    if bare and 1 < len(long) == len(bare) and bare == _initials(long):
        return True  # "WHO" / "World Health Organization"
    if len(short) < len(long) and all(long[k].startswith(w) and len(w) >= 3 for k, w in enumerate(short)):
        return True  # "JPMorgan" / "JPMorgan Chase", "Fed" / "Federal Reserve"
    return (" " not in a.key + b.key and min(len(a.key), len(b.key)) >= _FUZZY_MIN_LENGTH
            and fuzz.ratio(a.key, b.key) >= _FUZZY_CUTOFF)  # one word spelt two ways
