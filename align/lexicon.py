"""What Parallax knows about English words, in one place: function words, spellings of one
name, British and American spellings, and how rare a word is in the language.

Word rarity comes from a table shipped in `align/data/` (derived once from wordfreq's English
frequencies by `scripts/derive_lexicon.py`) and is loaded on first use.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

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

# Spellings of one name that stemming cannot join, kept to forms that are unambiguous, as the
# key names are compared by.
NAME_ALIASES = {
    "us": "united states", "u.s": "united states", "u.s.a": "united states", "usa": "united states",
    "america": "united states", "united states": "united states",
    "uk": "united kingdom", "u.k": "united kingdom", "britain": "united kingdom",
    "great britain": "united kingdom", "united kingdom": "united kingdom",
    "eu": "european union", "e.u": "european union", "european union": "european union",
    "un": "united nations", "u.n": "united nations", "united nations": "united nations",
}
# Written out, these names are several words that mean one place; their short forms are above.
LONG_PLACE_NAMES = re.compile(r"\b(?:the\s+)?(United States|United Kingdom|European Union|United Nations)\b")

# Words before a name that say what a person is, not who.
TITLES = frozenset(
    "president vice premier prime minister chief executive ceo chairman chairwoman chair founder "
    "secretary senator sen rep governor gov mayor mr mrs ms dr prof general gen king queen prince "
    "pope judge justice director spokesman spokeswoman officer minister's chancellor coach "
    "manager captain commissioner ambassador leader speaker deputy attorney sheriff spokesperson "
    "secretary-general".split()
)
# Titles of a post only one person holds at a time: two names with one of them in one role are
# two people for one post ("Mayor Karen Bass" / "Mayor Eric Garcetti").
POSTS = TITLES - frozenset("mr mrs ms dr prof vice chief executive officer founder deputy leader captain "
                           "minister's secretary-general general gen king queen prince rep sen".split())

# British endings and their American forms: (stem of the ending, its suffixes, letters it must
# follow, American stem). A word with none of these endings is left as it is, unscanned (three
# scans of every word first met were a tenth of the discrepancy checks' pattern matching).
_BRITISH = (("is", ("e", "ed", "es", "ing", "ation", "ations"), 3, "iz"),
            ("our", ("", "s", "ed", "ing", "able"), 2, "or"),
            ("tre", ("", "s", "d"), 3, "ter"))
_BRITISH_SUBS = tuple((re.compile(rf"(?<=\w{{{before}}}){british}({'|'.join(suffixes)})$"), rf"{american}\1")
                      for british, suffixes, before, american in _BRITISH)
_BRITISH_ENDINGS = (*(british + suffix for british, suffixes, _, _ in _BRITISH for suffix in suffixes),
                    "\n")  # "$" also matches before a final line break

UNKNOWN_RARITY = 8.0  # a word the table does not know is as rare as its rarest entries
COMMONEST_RARITY = 1.0


def american(word: str) -> str:
    """A lower-case word in American spelling: 'finalised' -> 'finalized', 'colour' -> 'color'."""
    if word.endswith(_BRITISH_ENDINGS):
        for pattern, american_form in _BRITISH_SUBS:
            word = pattern.sub(american_form, word)
    return word


def name_alias(word: str) -> str | None:
    """The one key of a name written several ways ('U.S.', 'US', 'USA'), if it is one; lower-case
    'us' is the pronoun, not a name."""
    key = word.casefold().rstrip(".")
    if key in NAME_ALIASES and (word.isupper() or "." in word or key in ("britain", "america")):
        return NAME_ALIASES[key]
    return None


@lru_cache(maxsize=1)
def _rarity_table() -> dict[str, str]:
    """Stem -> -log10 of its frequency in English in tenths, as the file writes it (read as
    strings, numbers only when asked: half the start-up cost of every process)."""
    text = files("align").joinpath("data/rarity.tsv").read_text(encoding="utf-8")
    fields = iter(text.split())
    return dict(zip(fields, fields, strict=False))


@lru_cache(maxsize=65_536)
def rarity(stem: str) -> float:
    """How rare a (stemmed) word is in English: about 1 for 'the', 3 for 'said', 5 for
    'Beijing', `UNKNOWN_RARITY` for words the table has never seen."""
    tenths = _rarity_table().get(stem)
    return int(tenths) / 10 if tenths is not None else UNKNOWN_RARITY
