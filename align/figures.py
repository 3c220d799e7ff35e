"""Figures a news sentence states, reduced to comparable values and intervals.

Sources report one fact in many spellings ("$5.5bn", "US$5.5 billion", "5.5 billion dollars") and
with hedges ("nearly 4,000"). Each figure therefore carries its span, a value in base units and the
interval of true values its wording allows, so that two figures agree exactly when those intervals
overlap. Standard library only: number-parsing packages misread news forms such as "$5.5bn".
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from .caseless import as_patterns_read
from .memo import per_sentence, per_sentence_small

__all__ = ["Figure", "agree", "comparable", "extract_figures", "figures_in", "quantities_in"]

# --- vocabulary -------------------------------------------------------------------------------

_ONES: Final = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS: Final = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS: Final = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SMALL: Final = (
    {w: i for i, w in enumerate(_ONES, 1)}
    | {w: i for i, w in enumerate(_TEENS, 10)}
    | {w: 10 * i for i, w in enumerate(_TENS, 2)}
    | {"a": 1, "an": 1}
)
_MAGNITUDES: Final = {
    "hundred": Decimal(100), "dozen": Decimal(12), "thousand": Decimal(10) ** 3, "k": Decimal(10) ** 3,
    "million": Decimal(10) ** 6, "m": Decimal(10) ** 6, "mn": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9, "b": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "bln": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12, "tn": Decimal(10) ** 12, "trn": Decimal(10) ** 12,
}
_FRACTION = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10}
_FRACTIONS: Final = _FRACTION | {w + "s": d for w, d in _FRACTION.items() if w != "half"} | {"halves": 2}
_QUALIFIERS: Final = {
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
_PREFIX: Final = {"": "", "approx": "~", "nearly": "<=", "at_least": ">=", "over": ">", "under": "<"}
_CURRENCY_CODES: Final = {"USD": "USD", "GBP": "GBP", "EUR": "EUR", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY"}
_CURRENCY_SIGNS: Final = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"} | _CURRENCY_CODES
_CURRENCY_WORDS: Final = {"dollar": "USD", "pound": "GBP", "sterling": "GBP", "euro": "EUR", "yen": "JPY",
                   "yuan": "CNY", "renminbi": "CNY"}
_TIME_UNITS: Final = {"decade": ("year", 10), "year": ("year", 1), "month": ("month", 1), "week": ("week", 1),
               "day": ("day", 1), "hour": ("hour", 1)}
# Read only by `quantities_in` (comparing figures), never by `figures_in` (weighing sentences), so
# that discrepancy work cannot change how sentences group. Written unit -> (unit, factor to it).
_PHYSICAL: Final = {
    **dict.fromkeys(("km/h", "kph", "kmh", "kilometres per hour", "kilometers per hour"), ("km/h", 1.0)),
    **dict.fromkeys(("mph", "miles per hour"), ("km/h", 1.609344)),
    **dict.fromkeys(("knot", "knots"), ("km/h", 1.852)),
    **dict.fromkeys(("km", "kilometre", "kilometres", "kilometer", "kilometers"), ("m", 1000.0)),
    **dict.fromkeys(("metre", "metres", "meter", "meters"), ("m", 1.0)),
    **dict.fromkeys(("cm", "centimetre", "centimetres", "centimeter", "centimeters"), ("m", 0.01)),
    **dict.fromkeys(("mm", "millimetre", "millimetres", "millimeter", "millimeters"), ("m", 0.001)),
    **dict.fromkeys(("mile", "miles"), ("m", 1609.344)),
    **dict.fromkeys(("nautical mile", "nautical miles"), ("m", 1852.0)),
    **dict.fromkeys(("ft", "foot", "feet"), ("m", 0.3048)),
    **dict.fromkeys(("kg", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"), ("kg", 1.0)),
    **dict.fromkeys(("tonne", "tonnes", "ton", "tons", "metric ton", "metric tons"), ("kg", 1000.0)),
    **dict.fromkeys(("lb", "lbs"), ("kg", 0.45359237)),
    **dict.fromkeys(("acre", "acres"), ("m2", 4046.8564224)),
    **dict.fromkeys(("hectare", "hectares"), ("m2", 10000.0)),
    **dict.fromkeys(("square kilometres", "square kilometers", "sq km", "km2", "km²"), ("m2", 1e6)),
    **dict.fromkeys(("square miles", "sq miles"), ("m2", 2589988.110336)),
    **dict.fromkeys(("litre", "litres", "liter", "liters"), ("l", 1.0)),
    **dict.fromkeys(("gallon", "gallons"), ("l", 3.785411784)),
    **dict.fromkeys(("barrel", "barrels"), ("l", 158.987294928)),
    **dict.fromkeys(("degrees celsius", "degrees c", "°c", "c"), ("°C", 1.0)),
    **dict.fromkeys(("degrees fahrenheit", "degrees f", "°f", "f"), ("°F", 1.0)),
    **dict.fromkeys(("degrees", "°"), ("°", 1.0)),
    **dict.fromkeys(("magnitude",), ("magnitude", 1.0)),
    **dict.fromkeys(("megawatt", "megawatts", "mw"), ("W", 1e6)),
    **dict.fromkeys(("gigawatt", "gigawatts", "gw"), ("W", 1e9)),
    **dict.fromkeys(("minute", "minutes"), ("minute", 1.0)),
    **dict.fromkeys(("second", "seconds"), ("second", 1.0)),
}
_TIMEZONES: Final = "GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|PST|PDT|ET|PT|JST|IST|AEST|AEDT|HKT|SGT"
_MONTH: Final = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")

# Words that end the noun phrase after a figure (function words, time words, common verbs), or that
# cannot be what a figure measures.
_STOP: Final = frozenset(_SMALL).union(_MAGNITUDES, """
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
    below beneath underneath behind beyond near inside outside within along away apart underground deep
    high long wide tall thick north south east west northeast northwest southeast southwest offshore inland
""".split())
_LEAD_PREPOSITIONS: Final = frozenset({"in", "of", "worth"})
_DETERMINERS: Final = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "your", "this", "these",
                          "those"})
_NOT_MEASURES: Final = _STOP | frozenset({"total", "sum", "amount", "figure", "number", "tune", "one", "because",
                                   "instead", "ahead", "top", "part", "rest", "lot", "lots", "couple",
                                   "range", "average", "minimum", "maximum", "excess", "upwards", "shy"})
# A capitalised word before a bare number is a product or name ("Boeing 737") unless it is one of these.
_FUNCTION_WORDS: Final = frozenset({"the", "a", "an", "only", "just", "all", "and", "but", "with", "by", "for",
                             "of", "to", "from", "at", "on", "in", "these", "those", "another", "every",
                             "each", "its", "their", "his", "her", "our", "than", "since", "until",
                             "after", "before", "top", "then", "or", "nor", "so", "if", "when"})

# --- patterns -------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that 'seventeen' is not read as 'seven'."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_BELOW_100: Final = rf"(?:(?:{_alt(_TENS)})(?:[ -](?:{_alt(_ONES)}))?|{_alt(_TEENS)}|{_alt(_ONES)})"
_BELOW_1000: Final = rf"{_BELOW_100}(?:\s+hundred(?:\s+(?:and\s+)?{_BELOW_100})?)?"
_SCALE_WORDS: Final = "hundred|thousand|million|billion|trillion|dozen"

_CORE: Final = re.compile(
    # Cheap gate first: only letters that can begin a number word, or digits, and never mid-word.
    # It triples the scanning speed.
    r"(?<![A-Za-z])(?=[\daAeEfFhHnNoOsStT])(?:"
    # "a fifth of", "two-thirds of", "half the": fractions read as percentages.
    r"(?P<frac>\b(?i:(?:an?|" + _alt(_ONES) + r")[ -](?:halves|half|thirds?|quarters?|fifths?|sixths?"
    r"|sevenths?|eighths?|ninths?|tenths?))\b(?=\s+(?i:of)\b)|\b(?i:half)\b(?=\s+(?i:of|the)\b))"
    # Digits not glued to letters, hyphenated names, decimals, clock times or fractions ("H20",
    # "COVID-19", "5.5.1", "10:30", "24/7"), optionally with a glued magnitude ("5.5bn", "10k").
    r"|(?P<digits>(?<![\w.])(?<!\w-)(?<!\d[,/:])(?:\d{1,3}(?:,\d{3})+|\d{1,30}(?!\d))(?:\.\d+)?)"
    r"(?P<glued>(?i:bln|bn|mln|mn|trn|tn|b|m|k))?(?!\w)(?![.,/:]\d)(?!-\d)"
    # Cardinal words up to 999; "a"/"an" only as in "a million", "a dozen".
    rf"|(?P<words>\b(?i:{_BELOW_1000}|an?(?=\s+(?:{_SCALE_WORDS})\b))\b))"
)
_LEFT: Final = re.compile(
    rf"(?:(?P<qual>~|(?<![\w'’])(?i:{_alt(k for k in _QUALIFIERS if k != '~')}))\s*)?"
    r"(?P<cur>(?<![A-Za-z])(?:US\$|[$£€¥]|(?:USD|GBP|EUR|JPY|CNY|RMB)(?=[\s\d])))?"
    r"\s?$"
)
# Verbs that make a figure a bound when comparing ("the toll passed 2,000", "as many as 5,000").
_QUALIFIERS_EXTENDED: Final = _QUALIFIERS | {
    "passed": "over", "passes": "over", "surpassed": "over", "surpasses": "over", "exceeded": "over",
    "exceeds": "over", "topped": "over", "tops": "over", "crossed": "over", "as many as": "under",
    "as much as": "under", "a high of": "approx",
}
_LEFT_EXTENDED: Final = re.compile(_LEFT.pattern.replace(
    _alt(k for k in _QUALIFIERS if k != '~'), _alt(k for k in _QUALIFIERS_EXTENDED if k != '~')))
_MAGNITUDE: Final = re.compile(
    r"(?:\s+|-)(?i:(hundred|thousand|million|billion|trillion|dozen|bln|bn|mln|mn|trn|tn))\b")
_CURRENCY_AFTER: Final = re.compile(
    r"(?:\s+|-)(?:(?:(?i:US|U\.S\.)\s+)?(?i:(dollar|pound|sterling|euro|yen|yuan|renminbi))s?(?:\s+(?i:sterling))?"
    r"|(USD|GBP|EUR|JPY|CNY|RMB))\b"
)
_PERCENT: Final = re.compile(r"\s?%|\s+(?i:per\s?cent|percent|pct)\b|(?:\s+|-)(?i:(percentage[\s-]+points?))\b")
_TIME: Final = re.compile(r"(?:\s+|-)(?i:(decade|year|month|week|day|hour))s?\b")
_YUAN_HINT: Final = re.compile(r"\b(?i:yuan|rmb|renminbi)\b")
_CLOCK: Final = re.compile(r"\s?(?i:[ap]\.m\.|[ap]m\b)")
_MONTH_BEFORE: Final = re.compile(rf"\b(?:{_MONTH})\.?\s+$")
_MONTH_AFTER: Final = re.compile(rf"(?:\s+of)?\s+(?:{_MONTH})\b")
_NAME_BEFORE: Final = re.compile(r"(?<![\w'’.-])([A-Za-z][A-Za-z0-9]*)\s+$")
_SENTENCE_START: Final = re.compile(r"(?:^|[.!?:;\"“”‘’'(\[—–\n-])\s*$")
_HALF_BLOCKED: Final = re.compile(r"\b(?i:first|second|third|fourth|last|latter|former|other|the|and)\s+$")
_HYPHENATED_WORD: Final = re.compile(r"-[A-Za-z]")
_OF_BEFORE: Final = re.compile(r"(?<![\w'’-])([A-Za-z][a-z-]+)\s+of\s+$")
_TOKEN: Final = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\S")
# Units glued to the digits ("10km", "48.8C", "300mm"); the core pattern for comparing takes them.
_GLUED_UNITS: Final = r"km/h|kmh|kph|km²|km2|km|mm|cm|kg|mph|lbs|lb|ft|°C|°F|°|C|F|MW|GW"
_CORE_EXTENDED: Final = re.compile(_CORE.pattern.replace(
    r"(?P<glued>(?i:bln|bn|mln|mn|trn|tn|b|m|k))?(?!\w)",
    rf"(?P<glued>(?i:bln|bn|mln|mn|trn|tn|b|m|k))?(?P<gunit>{_GLUED_UNITS})?(?![\w°/])").replace(
    r"tenths?))\b(?=\s+(?i:of)\b)", r"tenths?))\b(?=\s+(?i:of)\b|[\s.,;]|$)"))  # "rose by a fifth"
_BY_BEFORE: Final = re.compile(r"\b(?i:by)\s+$")
_OF_AFTER: Final = re.compile(r"\s+(?i:of)\b")
_POINTS_AFTER: Final = re.compile(r"[\s-]+(?i:(?:percentage[\s-]+)?points?)\b")
_PHYSICAL_AFTER: Final = re.compile(
    rf"(?:\s+|-)(?i:({_alt(k for k in _PHYSICAL if k not in ('c', 'f', '°', '°c', '°f'))}))(?![\w/])")
_MAGNITUDE_BEFORE: Final = re.compile(r"\b(?i:magnitude)(?:\s+of)?[\s-]+$")
_AGED_BEFORE: Final = re.compile(r"\b(?i:aged)\s+$")
_MINUS_BEFORE: Final = re.compile(r"\b(?i:minus)\s+$")
_AGE_AFTER: Final = re.compile(r"[\s-]old\b")
_APPOSITION_BEFORE: Final = re.compile(r"[A-Za-z][\w'’.]*,\s$")
_CLOCK_24: Final = re.compile(rf"\s?(?:{_TIMEZONES}|hrs\b|local\s+time\b)")


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
    scale: float = 1.0  # what the number as written was multiplied by ("bn": 1e9, "decades": 10)
    modifiers: tuple[str, ...] = ()  # words between the figure and its measure ("exclusion" zone)

    @property
    def amount(self) -> str:
        """The value and unit alone: 'about $500bn' and '$500 billion' state the same amount."""
        if self.unit == "score":
            return f"{int(self.value) // 1000}-{int(self.value) % 1000}"
        number = format(Decimal(repr(round(self.value, 6))).normalize(), "f")
        if self.unit == "ordinal":
            return f"#{number}"
        if self.unit.startswith("age"):
            return f"{self.unit} {number}"
        return f"{number}{' ' + self.unit if self.unit else ''}"

    @property
    def normalized(self) -> str:
        """Spelling-independent form, so '$5.5bn' and '$5.5 billion' give the same key."""
        return f"{_PREFIX[self.qualifier]}{self.amount}"


_QUALIFIER_PREFIX: Final = re.compile(rf"(?:~|(?i:{_alt(k for k in _QUALIFIERS_EXTENDED if k != '~')}))\s*")


def unqualified(f: Figure) -> str:
    """The figure as written without its hedge: 'at least 820' -> '820'."""
    m = _QUALIFIER_PREFIX.match(f.text) if f.qualifier else None
    return f.text[m.end():] if m else f.text


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


@per_sentence_small
def figures_in(text: str) -> tuple[Figure, ...]:
    """`extract_figures`, remembered: what weighing sentences reads."""
    return tuple(extract_figures(text))


@per_sentence
def quantities_in(text: str) -> tuple[Figure, ...]:
    """Figures as comparing them needs: also physical units ("10-km", "48.8C", "7.1-magnitude"),
    ages ("45-year-old", "Smith, 45,", "aged 45"; unit "age"), signed values; clock times such as
    "0300 GMT" are left out. Kept apart from `figures_in` so that grouping never changes with it."""
    return tuple(_extract(text, extended=True))


_ORDINALS: Final = {w: n for n, w in enumerate(("first second third fourth fifth sixth seventh eighth ninth tenth "
                                          "eleventh twelfth").split(), 1)}
_ORDINAL: Final = re.compile(rf"\b(?=[FfSsTtEeNn0-9])"  # a gate: what an ordinal opens with (twice as fast)
                      rf"(?:(?i:({_alt(_ORDINALS)}))|(\d{{1,3}})(?:st|nd|rd|th))[\s-]+([a-z][a-z]+)\b")
_SCORE: Final = re.compile(r"(?<![\w.,$£€/-])(\d{1,3}) ?(?:[-–]|votes? to) ?(\d{1,3})(?![\w%/-]|[.,:]\d)")
_SCORE_CONTEXT: Final = re.compile(
    r"\b(?i:won|wins?|winning|beat(?:s|ing)?|defeat\w*|victor(?:y|ies)|lost|los(?:e|es|ing)|loss|dr[ae]w|drawn"
    r"|lead|led|leading|trail\w*|scor\w*|half-?time|final|votes?|voted|margin|penalties|sets?|tied?"
    r"|passed|approved|rejected|majority|tally)\b")


@per_sentence
def ordinals_in(text: str) -> tuple[Figure, ...]:
    """Ordinals with the noun they rank ("his third visit", "the 89th minute"): unit "ordinal",
    compared only with the same noun; "first proposed" (no noun after) is left out."""
    text = as_patterns_read(text)
    out = []
    for m in _ORDINAL.finditer(text):
        head = m[3].lower()
        if head in _STOP or head.endswith(("ly", "ed")):
            continue
        n = float(_ORDINALS[m[1].lower()] if m[1] else int(m[2]))
        end = m.end(1) if m[1] else m.end(2) + 2
        out.append(Figure(m.start(), end, text[m.start():end],
                          n, "ordinal", "", n, n, head))
    return tuple(out)


@per_sentence
def scores_in(text: str) -> tuple[Figure, ...]:
    """Results and tallies ("won 3-1", "by 52 votes to 48") near a word of contest or vote: unit
    "score", the same whichever side is written first."""
    text = as_patterns_read(text)
    if not _SCORE.search(text) or not _SCORE_CONTEXT.search(text):
        return ()  # the tally first: few sentences hold one, and it is the quicker to look for
    out = []
    for m in _SCORE.finditer(text):
        if not _SCORE_CONTEXT.search(text, max(0, m.start() - 60), min(len(text), m.end() + 40)):
            continue
        hi, lo = sorted((int(m[1]), int(m[2])), reverse=True)
        value = float(hi * 1000 + lo)
        out.append(Figure(m.start(), m.end(), m.group(), value, "score", "", value, value, ""))
    return tuple(out)


def extract_figures(text: str) -> list[Figure]:
    """Figures in `text` in order, never overlapping; names, years, dates and times are left out."""
    return _extract(text, extended=False)


def _extract(text: str, extended: bool) -> list[Figure]:
    text = as_patterns_read(text)
    figures: list[Figure] = []
    floor = 0
    for core in (_CORE_EXTENDED if extended else _CORE).finditer(text):
        if core.start() < floor:
            continue
        figure = _figure(text, core, floor, extended)
        if figure is not None:
            figures.append(figure)
            floor = figure.end
    return figures


# --- building one figure ------------------------------------------------------------------------


def _figure(text: str, core: re.Match[str], floor: int, extended: bool = False) -> Figure | None:
    """The figure around one number core, or None when the context says it is not a quantity."""
    s, end = core.span()
    left = (_LEFT_EXTENDED if extended else _LEFT).search(text, max(floor, s - 40), s)
    assert left is not None  # the pattern matches the empty string at its end
    qualifiers = _QUALIFIERS_EXTENDED if extended else _QUALIFIERS
    qualifier = qualifiers[" ".join(left["qual"].lower().split())] if left["qual"] else ""
    sign = left["cur"]
    start = left.start("qual") if left["qual"] else left.start("cur") if sign else s
    if sign is None and s and text[s - 1] in "$£€¥":
        return None  # an unsupported currency such as "HK$"; reading it as USD would mislead

    scaled = False
    scale = Decimal(1)
    if frac := core["frac"]:
        if extended and not _OF_AFTER.match(text, end) and not _BY_BEFORE.search(text, max(0, s - 4), s):
            return None  # "half time": only "by a fifth" is a share without "of"
        if extended and _POINTS_AFTER.match(text, end):
            return None  # "by a quarter point" is 0.25 points, not 25%
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
            scale *= _MAGNITUDES[glued.lower()]
        for _ in range(2):  # "a hundred million"
            if not (m := _MAGNITUDE.match(text, end)):
                break
            factor = _MAGNITUDES[m[1].lower()]
            value, step, end, scaled = value * factor, step * factor, m.end(), True
            scale *= factor
        unit = _CURRENCY_SIGNS[sign] if sign else ""
        if extended and not unit and (physical := _physical(text, core, start, end)):
            unit, factor, end = physical
            value, step, scale = value * factor, step * factor, scale * factor
        elif not unit and (m := _CURRENCY_AFTER.match(text, end)):
            unit, end = _CURRENCY_WORDS[m[1].lower()] if m[1] else _CURRENCY_CODES[m[2]], m.end()
        elif not unit and (m := _PERCENT.match(text, end)):
            unit, end = "pp" if m[1] else "%", m.end()
        elif not unit and (m := _TIME.match(text, end)):
            unit, times = _TIME_UNITS[m[1].lower()]
            value, step, end, scale = value * times, step * times, m.end(), scale * times
            if extended and (old := _AGE_AFTER.match(text, end)):  # "a 45-year-old"
                unit, end = "age" if unit == "year" else f"age in {unit}s", old.end()
        if unit == "JPY" and sign == "¥" and _YUAN_HINT.search(text):
            unit = "CNY"
        if extended and not unit and core["digits"] and _is_age(text, core, start, end):
            unit = "age"
        if extended and not unit and _is_clock(text, core, end):
            return None
        if not unit and not scaled and _not_a_quantity(text, core, start, end, floor):
            return None
        if extended and s and text[s - 1] == "-" and (s < 2 or text[s - 2] in " (") and start == s:
            value, start = -value, s - 1  # "-15C"
        elif extended and start == s and (minus := _MINUS_BEFORE.search(text, max(0, s - 8), s)):
            value, start = -value, minus.start()  # "minus 20C"

    low, high = _interval(value, step, qualifier)
    head, modifiers = _phrase(text, start, end)
    return Figure(start, end, text[start:end], float(value), unit, qualifier, low, high, head,
                  float(scale), modifiers)


def _physical(text: str, core: re.Match[str], start: int, end: int) -> tuple[str, Decimal, int] | None:
    """(unit, factor to it, new end) of a physical quantity: glued, spaced or hyphenated unit,
    or "magnitude 7.1" with the unit before."""
    if glued := core["gunit"]:
        unit, factor = _PHYSICAL[glued.lower()]
        return unit, Decimal(repr(factor)), end
    if m := _PHYSICAL_AFTER.match(text, end):
        unit, factor = _PHYSICAL[" ".join(m[1].lower().split())]
        return unit, Decimal(repr(factor)), m.end()
    if _MAGNITUDE_BEFORE.search(text, max(0, start - 16), start):
        return "magnitude", Decimal(1), end
    return None


def _is_age(text: str, core: re.Match[str], start: int, end: int) -> bool:
    """'aged 45', or a small number set off by commas right after a name or noun ('Smith, 45,')."""
    digits = core["digits"]
    if not digits.isdigit() or not 0 < int(digits) < 120:
        return False
    if _AGED_BEFORE.search(text, max(0, start - 8), start):
        return True
    return text[end:end + 1] == "," and bool(_APPOSITION_BEFORE.search(text, max(0, start - 30), start))


def _is_clock(text: str, core: re.Match[str], end: int) -> bool:
    """A 24-hour clock time such as '0300 GMT' (four digits, a valid time, a zone or 'hrs')."""
    digits = core["digits"] or ""
    return (len(digits) == 4 and digits.isdigit() and int(digits[:2]) < 24 and int(digits[2:]) < 60
            and bool(_CLOCK_24.match(text, end)))


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


def _phrase(text: str, start: int, end: int) -> tuple[str, tuple[str, ...]]:
    """What the figure counts and the words qualifying it: the noun in '<noun> of <figure>', else
    the head noun of the phrase right after it ('$5.5 billion earnings hit' -> 'hit', like '$5.5bn
    hit to earnings'; '10-km exclusion zone' -> 'zone', qualified by 'exclusion')."""
    if (m := _OF_BEFORE.search(text, max(0, start - 40), start)) and m[1].lower() not in _NOT_MEASURES:
        return m[1].lower(), ()
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
    if not heads:
        return "", ()
    last = run.index(heads[-1])
    return heads[-1].lower(), tuple(t.lower() for t in run[:last])


def _stem(word: str) -> str:
    """Crude singular so 'tariffs'/'tariff' and 'losses'/'loss' match."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
