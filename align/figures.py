"""Figures a news sentence states, reduced to comparable values and intervals.

Sources report one fact in many spellings ("$5.5bn", "US$5.5 billion", "5.5 billion dollars") and
with hedges ("nearly 4,000"). Each figure therefore carries its span, a value in base units and the
interval of true values its wording allows, so that two figures agree exactly when those intervals
overlap. Standard library only: number-parsing packages misread news forms such as "$5.5bn".
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

__all__ = ["Figure", "agree", "comparable", "extract_figures"]

# --- vocabulary -------------------------------------------------------------------------------

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SMALL = (
    {w: i for i, w in enumerate(_ONES, 1)}
    | {w: i for i, w in enumerate(_TEENS, 10)}
    | {w: 10 * i for i, w in enumerate(_TENS, 2)}
    | {"a": 1, "an": 1}
)
_MAGNITUDES = {
    "hundred": Decimal(100), "dozen": Decimal(12), "thousand": Decimal(10) ** 3, "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6, "m": Decimal(10) ** 6, "mn": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9, "b": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "bln": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12, "trn": Decimal(10) ** 12,
}
_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
              "ninth": 9, "tenth": 10}
_FRACTIONS |= {w + "s": d for w, d in _FRACTIONS.items() if w != "half"} | {"halves": 2}
_QUALIFIERS = {
    "about": "approx", "approximately": "approx", "approx.": "approx", "approx": "approx",
    "around": "approx", "roughly": "approx", "some": "approx", "an estimated": "approx",
    "estimated": "approx", "circa": "approx", "~": "approx",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just below": "nearly", "just shy of": "nearly",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "not less than": "at_least", "a minimum of": "at_least",
    "over": "over", "more than": "over", "above": "over", "upwards of": "over",
    "in excess of": "over", "exceeding": "over", "well over": "over", "just over": "over",
    "greater than": "over",
    "under": "under", "less than": "under", "below": "under", "fewer than": "under",
    "up to": "under", "at most": "under", "no more than": "under", "not more than": "under",
    "a maximum of": "under",
}
_PREFIX = {"": "", "approx": "~", "nearly": "<=", "at_least": ">=", "over": ">", "under": "<"}
_CURRENCY_CODES = {"USD": "USD", "GBP": "GBP", "EUR": "EUR", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY"}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"} | _CURRENCY_CODES
_CURRENCY_WORDS = {"dollar": "USD", "pound": "GBP", "sterling": "GBP", "euro": "EUR", "yen": "JPY",
                   "yuan": "CNY", "renminbi": "CNY"}
_TIME_UNITS = {"decade": ("year", 10), "year": ("year", 1), "month": ("month", 1), "week": ("week", 1),
               "day": ("day", 1), "hour": ("hour", 1)}
_MONTH = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")

# Words that end the noun phrase after a figure (function words, time words, common verbs), or that
# cannot be what a figure measures.
_STOP = frozenset(_SMALL).union(_MAGNITUDES, """
    a an the this that these those its their his her our your my it they he she we you i there here
    to and or but nor so if then than as at by from with without on onto into over under of in for
    per via amid despite against between among during through across toward towards about around
    after before since until while when where which who whom whose what how why
    is are was were be been being has have had will would could should may might can must shall
    do does did not no also just only even still more less most each every all some any both
    either neither up down out off back ago last next said says say according respectively apiece
    alone annually year-on-year old year years month months week weeks day days quarter today yesterday
    came come comes went goes took takes made makes told tells lost loses fell rose grew grows left
    died dies saw sees got gets gave gives ran won paid spent sold sells bought buys held holds kept
    keeps met began became becomes brought think thought know knew want wants remain remains stood
    seem seems mean means expect expects
""".split())
_LEAD_PREPOSITIONS = frozenset({"in", "of", "worth"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "these",
                          "those"})
_NOT_MEASURES = _STOP | frozenset({"total", "sum", "amount", "figure", "number", "tune", "one", "because",
                                   "instead", "ahead", "top", "part", "rest", "lot", "lots", "couple",
                                   "range", "average", "minimum", "maximum", "excess", "upwards", "shy"})
# A capitalised word before a bare number is a product or name ("Boeing 737") unless it is one of these.
_FUNCTION_WORDS = frozenset({"the", "a", "an", "only", "just", "all", "and", "but", "with", "by", "for",
                             "of", "to", "from", "at", "on", "in", "these", "those", "another", "every",
                             "each", "its", "their", "his", "her", "our", "than", "since", "until",
                             "after", "before", "top", "then", "or", "nor", "so", "if", "when"})

# --- patterns -------------------------------------------------------------------------------


def _alt(words: object) -> str:
    """Regex alternation, longest first so that 'seventeen' is not read as 'seven'."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_BELOW_100 = rf"(?:(?:{_alt(_TENS)})(?:[ -](?:{_alt(_ONES)}))?|{_alt(_TEENS)}|{_alt(_ONES)})"
_BELOW_1000 = rf"{_BELOW_100}(?:\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?)?"
_SCALE_WORDS = "hundred|thousand|million|billion|trillion|dozen"

_CORE = re.compile(
    # Cheap gate first: only letters that can begin a number word, or digits, and never mid-word.
    # It triples the scanning speed.
    r"(?<![A-Za-z])(?=[\daAeEfFhHnNoOsStT])(?:"
    # "a fifth of", "two-thirds of", "half the": fractions read as percentages.
    r"(?P<frac>\b(?i:(?:an?|" + _alt(_ONES) + r")[ -](?:halves|half|thirds?|quarters?|fifths?|sixths?"
    r"|sevenths?|eighths?|ninths?|tenths?))\b(?=\s+(?i:of)\b)|\b(?i:half)\b(?=\s+(?i:of|the)\b))"
    # Digits not glued to letters, hyphenated names, decimals, clock times or fractions ("H20",
    # "COVID-19", "5.5.1", "10:30", "24/7"), optionally with a glued magnitude ("5.5bn", "10k").
    r"|(?P<digits>(?<![\w.])(?<!\w-)(?<!\d[,/:])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?P<glued>(?i:bln|bn|mln|mn|trn|tn|b|m|k))?(?!\w)(?![.,/:]\d)(?!-\d)"
    # Cardinal words up to 999; "a"/"an" only as in "a million", "a dozen".
    rf"|(?P<words>\b(?i:{_BELOW_1000}|an?(?=\s+(?:{_SCALE_WORDS})\b))\b))"
)
_LEFT = re.compile(
    rf"(?:(?P<qual>~|(?<![\w'’])(?i:{_alt(k for k in _QUALIFIERS if k != '~')}))\s*)?"
    r"(?P<cur>(?<![A-Za-z])(?:US\$|[$£€¥]|(?:USD|GBP|EUR|JPY|CNY|RMB)(?=[\s\d])))?"
    r"\s?$"
)
_MAGNITUDE = re.compile(r"(?:\s+|-)(?i:(hundred|thousand|million|billion|trillion|dozen|bln|bn|mln|mn|trn|tn))\b")
_CURRENCY_AFTER = re.compile(
    r"(?:\s+|-)(?:(?:(?i:US|U\.S\.)\s+)?(?i:(dollar|pound|sterling|euro|yen|yuan|renminbi))s?(?:\s+(?i:sterling))?"
    r"|(USD|GBP|EUR|JPY|CNY|RMB))\b"
)
_PERCENT = re.compile(r"\s?%|\s+(?i:per\s?cent|percent|pct)\b|(?:\s+|-)(?i:(percentage[\s-]+points?))\b")
_TIME = re.compile(r"(?:\s+|-)(?i:(decade|year|month|week|day|hour))s?\b")
_YUAN_HINT = re.compile(r"\b(?i:yuan|rmb|renminbi)\b")
_CLOCK = re.compile(r"\s?(?i:[ap]\.m\.|[ap]m\b)")
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTH})\.?\s+$")
_MONTH_AFTER = re.compile(rf"(?:\s+of)?\s+(?:{_MONTH})\b")
_NAME_BEFORE = re.compile(r"(?<![\w'’.-])([A-Za-z][A-Za-z0-9]*)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’'(\[—–\n-])\s*$")
_HALF_BLOCKED = re.compile(r"\b(?i:first|second|third|fourth|last|latter|former|other|the|and)\s+$")
_HYPHENATED_WORD = re.compile(r"-[A-Za-z]")
_OF_BEFORE = re.compile(r"(?<![\w'’-])([A-Za-z][a-z-]+)\s+of\s+$")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\S")


# --- the figure ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated figure; `low`..`high` is what its wording allows, for overlap tests."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str
    low: float
    high: float
    measure: str

    @property
    def amount(self) -> str:
        """The value and unit alone: 'about $500bn' and '$500 billion' state the same amount."""
        number = format(Decimal(repr(round(self.value, 6))).normalize(), "f")
        return f"{number}{' ' + self.unit if self.unit else ''}"

    @property
    def normalized(self) -> str:
        """Spelling-independent form, so '$5.5bn' and '$5.5 billion' give the same key."""
        return f"{_PREFIX[self.qualifier]}{self.amount}"


def comparable(a: Figure, b: Figure) -> bool:
    """Whether two figures can speak to the same fact: same unit and, where both name it, same measure."""
    if a.unit != b.unit:
        return False
    return not (a.measure and b.measure) or _stem(a.measure) == _stem(b.measure)


def agree(a: Figure, b: Figure) -> bool:
    """Whether the intervals overlap; touching intervals of non-zero width are distinct rounding
    buckets ('$16bn' ends where '$17bn' starts) and so do not agree."""
    lo, hi = max(a.low, b.low), min(a.high, b.high)
    return lo < hi or (lo == hi and (a.low == a.high or b.low == b.high))


@lru_cache(maxsize=65536)
def figures_in(text: str) -> tuple[Figure, ...]:
    """`extract_figures`, remembered: weighing sentences and comparing them both ask."""
    return tuple(extract_figures(text))


def extract_figures(text: str) -> list[Figure]:
    """Figures in `text` in order, never overlapping; names, years, dates and times are left out."""
    figures: list[Figure] = []
    floor = 0
    for core in _CORE.finditer(text):
        if core.start() < floor:
            continue
        figure = _figure(text, core, floor)
        if figure is not None:
            figures.append(figure)
            floor = figure.end
    return figures


# --- building one figure ------------------------------------------------------------------------


def _figure(text: str, core: re.Match[str], floor: int) -> Figure | None:
    """The figure around one number core, or None when the context says it is not a quantity."""
    s, end = core.span()
    left = _LEFT.search(text, max(floor, s - 40), s)
    assert left is not None  # the pattern matches the empty string at its end
    qualifier = _QUALIFIERS[" ".join(left["qual"].lower().split())] if left["qual"] else ""
    sign = left["cur"]
    start = left.start("qual") if left["qual"] else left.start("cur") if sign else s
    if sign is None and s and text[s - 1] in "$£€¥":
        return None  # an unsupported currency such as "HK$"; reading it as USD would mislead

    scaled = False
    if frac := core["frac"]:
        words = frac.lower().replace("-", " ").split()
        if len(words) == 1 and _HALF_BLOCKED.search(text, max(floor, s - 12), s):
            return None  # "the first half of the year"
        numerator = _SMALL[words[0]] if len(words) == 2 else 1
        value, step, unit = Decimal(100 * numerator) / _FRACTIONS[words[-1]], Decimal(1), "%"
    else:
        if digits := core["digits"]:
            value = Decimal(digits.replace(",", ""))
            step = Decimal(1).scaleb(-len(digits.partition(".")[2]))
        else:
            value, step = _parse_words(core["words"])
        if glued := core["glued"]:
            value, step, scaled = value * _MAGNITUDES[glued.lower()], step * _MAGNITUDES[glued.lower()], True
        for _ in range(2):  # "a hundred million"
            if not (m := _MAGNITUDE.match(text, end)):
                break
            factor = _MAGNITUDES[m[1].lower()]
            value, step, end, scaled = value * factor, step * factor, m.end(), True
        unit = _CURRENCY_SIGNS[sign] if sign else ""
        if not unit and (m := _CURRENCY_AFTER.match(text, end)):
            unit, end = _CURRENCY_WORDS[m[1].lower()] if m[1] else _CURRENCY_CODES[m[2]], m.end()
        elif not unit and (m := _PERCENT.match(text, end)):
            unit, end = "pp" if m[1] else "%", m.end()
        elif not unit and (m := _TIME.match(text, end)):
            unit, factor = _TIME_UNITS[m[1].lower()]
            value, step, end = value * factor, step * factor, m.end()
        if unit == "JPY" and sign == "¥" and _YUAN_HINT.search(text):
            unit = "CNY"
        if not unit and not scaled and _not_a_quantity(text, core, start, end, floor):
            return None

    low, high = _interval(value, step, qualifier)
    return Figure(start, end, text[start:end], float(value), unit, qualifier, low, high,
                  _measure(text, start, end))


def _not_a_quantity(text: str, core: re.Match[str], start: int, end: int, floor: int) -> bool:
    """Bare numbers (no unit or magnitude) that are years, dates, times, names or pronouns."""
    s = core.start()
    if _HYPHENATED_WORD.match(text, end):
        return True  # "twenty-first", "3-D"
    if words := core["words"]:
        if words.lower() == "one":
            return True  # "one of the", "no one": only "one million" or "one year" is a figure
        return words[0].isupper() and not _SENTENCE_START.search(text, max(0, s - 10), s)
    digits = core["digits"]
    if not digits.isdigit():
        return False
    n = int(digits)
    if len(digits) == 4 and 1900 <= n <= 2100:
        return True
    if 1 <= n <= 31 and (_MONTH_BEFORE.search(text, max(0, s - 12), s) or _MONTH_AFTER.match(text, end)):
        return True
    if _CLOCK.match(text, end):
        return True
    name = _NAME_BEFORE.search(text, max(floor, start - 30), start)
    return bool(name and not name[1].islower() and name[1].lower() not in _FUNCTION_WORDS)


def _parse_words(words: str) -> tuple[Decimal, Decimal]:
    """Value and precision of a cardinal below 1000; 'two hundred' is precise to the hundred."""
    total, step = 0, 1
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "hundred":
            total, step = total * 100, 100
        elif word != "and":
            total, step = total + _SMALL[word], 1
    return Decimal(total), Decimal(step)


def _interval(value: Decimal, step: Decimal, qualifier: str) -> tuple[float, float]:
    """Values the wording allows: half the last stated digit (at least 0.5% of the value, as
    trailing zeros may be rounding), widened or made one-sided by the qualifier."""
    half = max(step / 2, value * Decimal("0.005"))
    if qualifier == "approx":
        half = max(half, value / 10)
    elif qualifier == "nearly":
        return float(value * Decimal("0.9")), float(value)
    elif qualifier == "at_least":
        return float(value), math.inf
    elif qualifier == "over":
        return float(value) * (1 + 1e-9), math.inf
    elif qualifier == "under":
        return 0.0, float(value)
    return float(value - half), float(value + half)


def _measure(text: str, start: int, end: int) -> str:
    """What the figure counts: the noun in '<noun> of <figure>', else the head noun of the phrase
    right after it ('$5.5 billion earnings hit' -> 'hit', like '$5.5bn hit to earnings')."""
    if (m := _OF_BEFORE.search(text, max(0, start - 40), start)) and m[1].lower() not in _NOT_MEASURES:
        return m[1].lower()
    run: list[str] = []
    after_preposition = False
    for i, m in enumerate(_TOKEN.finditer(text, end, min(len(text), end + 80))):
        token, word = m.group(), m.group().lower()
        if not token[0].isalpha() or i > 8:
            break
        if not run:
            if i == 0 and word in _LEAD_PREPOSITIONS:
                after_preposition = True
                continue
            if after_preposition and (word in _DETERMINERS or word.endswith(("'s", "’s"))):
                continue
        if word in _STOP or (len(word) > 4 and word.endswith("ed") and not word.endswith("eed")):
            break
        if run and word.endswith("ing"):
            break  # "developers using", "losses hanging"
        run.append(token)
        if len(run) == 4:
            break
    heads = [t for t in run if t[0].islower()]
    return heads[-1].lower() if heads else ""


def _stem(word: str) -> str:
    """Crude singular so 'tariffs'/'tariff' and 'losses'/'loss' match."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
