"""What a figure measures, so that two reports' figures are compared only when they measure the
same thing.

Reports of one fact often carry several figures: the dead and the injured, this year's sales
and next year's forecast, a total and a part of it ("9 people, including three children"), a
rate and the rate it moved from ("to 3.9% from 4.1%"), measured winds and forecast gusts. A
figure here carries, beside its unit: the noun it counts and the words qualifying that noun,
the role of the people counted (dead, injured, missing...), the name it belongs to ("Apple's",
"in Syria", "from the European Union"), whether it is a forecast, the period it is tied to, and
whether it is a part or a former value. Times of day, years, ages, ordinals and scores are
kinds of their own (clock times and years never become figures at all).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .caseless import as_patterns_read
from .dates import DateMention, dates_in, relation
from .figures import Figure, agree, ordinals_in, quantities_in, scores_in
from .memo import per_sentence
from .names import Name, names_in, same_entity
from .polarity import CHANGE
from .tokens import stem
from .words import SAYING, Word, around, same_clause, words

_ROLE_WORDS: Final = {
    "dead": "kill killed killing kills dead death deaths die died dies dying fatal fatalities fatality "
            "toll perished bodies",
    "injured": "injure injured injuring injuries injury wounded wounding hurt",
    "missing": "missing",
    "displaced": "evacuate evacuated evacuating evacuation displaced fled flee homeless",
    "arrested": "arrest arrested arrests detained detain detention",
    "rescued": "rescued rescue rescuing saved",
    "infected": "infected infection infections cases",
}
ROLES: Final = {stem(w): role for role, ws in _ROLE_WORDS.items() for w in ws.split()}
# Nouns that say only that people are counted: the role or the other noun says who.
_GENERIC: Final = frozenset(stem(w) for w in "people person persons individuals".split())
# Forecasts and what could be ("faces up to 20 years", "gusts forecast at 120 km/h") are not what
# was reported to be.
_FORECAST: Final = frozenset(stem(w) for w in (
    "forecast forecasts forecasting expect expects expected expecting expectation expectations "
    "projected projection projections predict predicted prediction target targets goal aim "
    "consensus anticipate anticipated outlook guidance could face faces faced facing potential "
    "potentially possible maximum").split())
# Words between a count and what happened to those counted: "9 people were reported killed".
_LINKING: Final = frozenset("were was are is be been being have has had reported confirmed feared believed "
                     "still now also all so far".split())
_PART_BEFORE: Final = frozenset({"including", "includes", "include", "among"})
_PART_OF: Final = frozenset({"whom", "which"})  # "of whom", "of which"
# The verb right before a figure says what it measures when no noun does ("earned $2M" is not
# "$40M in assets"). Verbs of change (`polarity.CHANGE`) are one measure, as are verbs that state
# a level; a figure after "to" is the level reached ("rose to $4.2bn"), not the change ("rose 7%").
_KINDS_OF_VERB: Final = ("change", "level")  # verbs of different wording that state one kind of measure
_NO_VERB_OR_KIND: Final = ("", *_KINDS_OF_VERB)
_LEVEL: Final = frozenset(stem(w) for w in "reach reached hit hits total totalled totaled stood stand stands "
                                    "amount amounted is was are were be at".split())
_NOT_ACTIONS: Final = SAYING | {stem(w) for w in "estimated put".split()}  # "put the toll at" says who counted
_PREVIOUS_BEFORE: Final = frozenset({"from", "than", "versus", "vs"})
_PART_AFTER: Final = re.compile(r"\s+(?:of|out\s+of)\s+(?:them|whom|which|the|its|their|all)\b")
_OF_TOTAL_BEFORE: Final = re.compile(r"\b[Oo]f\s+(?:the|its|their|all)\s+[^,;]{1,40},\s*$")
_HOLDER_AFTER: Final = re.compile(r"\s+(?:in|at|of|from|for)\s+(?:the\s+)?$")
_QUARTER: Final = re.compile(r"\b(?i:(first|second|third|fourth|1st|2nd|3rd|4th)[\s-](quarter|half))\b|\bQ([1-4])\b")
_QUARTER_NO: Final = {"first": "1", "second": "2", "third": "3", "fourth": "4", "1st": "1", "2nd": "2", "3rd": "3",
               "4th": "4"}
_ORDINAL_WORDS: Final = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth last".split())
WINDOW: Final = 12  # words read on each side of a figure
ROLE_WINDOW: Final = 8  # words: how far a role word ("killed") may be from the count it qualifies
PERIOD_WINDOW: Final = 48  # characters between a figure and the date it is tied to


@dataclass(frozen=True, slots=True)
class Measured:
    """A figure and what it measures; empty fields are unknown."""

    figure: Figure
    head: str = ""  # stem of the noun counted; generic nouns ("people") leave it empty
    generic: bool = False  # it counts people, no more said
    action: str = ""  # the verb right before it ("earn"), or the kind of verb ("change", "level")
    modifiers: frozenset[str] = frozenset()
    role: str = ""  # what happened to those counted: "dead", "injured", ...
    holder: Name | None = None
    forecast: bool = False
    period: DateMention | None = None
    quarter: str = ""  # "Q2", "H1": a period dates do not name
    part: bool = False  # a part of a total stated with it ("including three", "six of the 11")
    previous: bool = False  # a former or reference value ("from 4.1%", "up from 58%", "than 3%")
    whole: Figure | None = None  # the total this part is of, when stated ("of the 11 crew")

    @property
    def unit(self) -> str:
        return self.figure.unit


def same_measure(a: Measured, b: Measured) -> bool | None:
    """False when the two figures measure different things, True when they are known to measure
    the same one (same noun, role or whole), None when nothing says either way."""
    if a.unit != b.unit or a.part != b.part or a.previous != b.previous or a.forecast != b.forecast:
        return False
    if a.period and b.period and relation(a.period, b.period) == "conflict":
        return False
    if a.quarter and b.quarter and a.quarter != b.quarter:
        return False
    if a.holder and b.holder and not same_entity(a.holder, b.holder):
        return False
    if a.role and b.role and a.role != b.role:
        return False
    if a.head and b.head and a.head != b.head:
        return False
    if a.action in _KINDS_OF_VERB and b.action in _KINDS_OF_VERB and a.action != b.action:
        return False  # a change ("rose 7%") is not a level ("rose to 7%")
    for x, y in ((a, b), (b, a)):  # a noun against a verb: "$40M in assets" is not "$2M earned"
        if x.head and not y.head and y.action not in _NO_VERB_OR_KIND and y.action not in (x.head, x.action):
            return False
    if a.modifiers and b.modifiers and not a.modifiers & b.modifiers:
        return False
    if a.whole and b.whole:
        return agree(a.whole, b.whole)
    if (a.head and a.head == b.head) or (a.role and a.role == b.role):
        return True
    return None


@per_sentence
def measured_in(text: str) -> tuple[Measured, ...]:
    """Every figure of a sentence (quantities, scores, ordinals) with what it measures."""
    found = sorted((*quantities_in(text), *scores_in(text), *ordinals_in(text)), key=lambda f: (f.start, -f.end))
    figures: list[Figure] = []
    for f in found:
        if not figures or f.start >= figures[-1].end:
            figures.append(f)
    if not figures:
        return ()
    ws = words(text)
    names = names_in(text)
    dates = [d for d in dates_in(text) if d.granularity in ("day", "week", "month", "year")]
    read = as_patterns_read(text)  # its own patterns' words looked up as they read them
    return tuple(_measured(read, f, figures, ws, names, dates) for f in figures)


def _measured(text: str, f: Figure, figures: list[Figure], ws: tuple[Word, ...], names: tuple[Name, ...],
              dates: list[DateMention]) -> Measured:
    # The words around the figure in its clause, up to the next figure on each side.
    k = figures.index(f)
    lo = figures[k - 1].end if k else 0
    hi = figures[k + 1].start if k + 1 < len(figures) else len(text)
    near_before, near_after = around(text, f.start, f.end, WINDOW)
    before = [w for w in near_before if w.start >= lo]
    after = [w for w in near_after if w.end <= hi]
    head = stem(f.measure) if f.measure else ""
    modifiers = frozenset(stem(m) for m in f.modifiers)
    role = ""
    if f.unit == "" and head in ROLES:  # "9 dead", "1,180 deaths"
        role, head = ROLES[head], ""
    generic = head in _GENERIC
    if generic or f.measure in _ORDINAL_WORDS or f.unit == "magnitude":
        head = ""  # "magnitude of 6.8" is the "7.1-magnitude quake"
    if f.unit == "":
        role = role or _role(f, before, after)
    holder = _holder(text, f, names)
    word_before = before[-1] if before else None
    if f.unit == "age" and not head and not holder and word_before is not None \
            and text[word_before.end:f.start].strip() == ",":  # "the suspect, 34,", "Smith, 45,"
        if word_before.text.islower():
            head = word_before.stem
        else:
            holder = next((n for n in names if n.end == word_before.end), None)
    previous = bool(before) and before[-1].lower in _PREVIOUS_BEFORE and before[-1].end >= f.start - 6
    part = any(w.lower in _PART_BEFORE for w in before[-3:]) or (
        len(before) >= 2 and before[-1].lower in _PART_OF and before[-2].lower == "of") or _listed_after_part(
        text, f, figures, ws)
    whole = None
    if m := _PART_AFTER.match(text, f.end):
        part = True
        whole = next((g for g in figures if g.start >= m.end() and g.start - m.end() < 4), None)
    elif _OF_TOTAL_BEFORE.search(text, max(0, f.start - 60), f.start):
        part = True
        whole = next((g for g in reversed(figures) if g.end <= f.start and f.start - g.end < 50), None)
    forecast = any(w.stem in _FORECAST for w in before[-6:]) or bool(
        after and after[0].stem in _FORECAST and text[f.end:after[0].start].strip() == "")  # "120 km/h forecast"
    action = _action(text, f, before) or ("" if head else _action_after(f, after))
    return Measured(f, head, generic, action, modifiers, role, holder, forecast,
                    _period(text, f, dates, figures), _quarter(text, f, figures), part, previous, whole)


def _listed_after_part(text: str, f: Figure, figures: list[Figure], ws: tuple[Word, ...]) -> bool:
    """'including $3bn for defence and $2bn for health': the second is a part as the first is."""
    k = figures.index(f)
    if not k:
        return False
    prev = figures[k - 1]
    between = text[prev.end:f.start]
    if len(between) > 40 or not re.search(r"\band\b|,", between) or not same_clause(text, prev.end, f.start):
        return False
    before_prev = [w for w in ws if w.end <= prev.start and same_clause(text, w.end, prev.start)][-3:]
    return any(w.lower in _PART_BEFORE for w in before_prev)


def _action_after(f: Figure, after: list[Word]) -> str:
    """A past-tense verb after the figure's noun says what it counts ('5,000 people attended')."""
    for w in after[:5]:
        if w.lower in _LINKING or w.stem == stem(f.measure or "~") or stem(w.text) in _GENERIC:
            continue
        if w.lower.endswith("ed") and len(w.lower) > 4 and w.stem not in ROLES and w.stem not in _NOT_ACTIONS:
            return "change" if w.stem in CHANGE else w.stem
        break
    return ""


def _action(text: str, f: Figure, before: list[Word]) -> str:
    """The verb right before a figure, as a measure (see `_CHANGE`)."""
    if not before or before[-1].end < f.start - 4:
        return ""
    last = before[-1]
    if last.lower == "to":
        return "level"
    if last.lower == "by" and len(before) >= 2:
        last = before[-2]
    if not last.text.islower() or last.stem in ROLES or last.stem in _NOT_ACTIONS or (
            not last.content and last.lower not in ("up", "down", "is", "was", "are", "were", "at")):
        return ""
    if last.stem in CHANGE:
        return "change"
    return "level" if last.stem in _LEVEL else last.stem


def _role(f: Figure, before: list[Word], after: list[Word]) -> str:
    """What happened to the people a count counts: the role word right before it ("killed at
    least 820", "death toll at 1,180"), right after its noun ("9 people were killed"), or else
    the nearest one in its clause."""
    for w in reversed(before[-4:]):
        if w.stem in ROLES:
            return ROLES[w.stem]
    for w in after[:6]:
        if w.stem in ROLES:
            return ROLES[w.stem]
        if w.content and w.lower not in _LINKING and w.stem != stem(f.measure or "~") and stem(w.text) not in _GENERIC:
            break
    near = [(f.start - w.end, w) for w in before[-ROLE_WINDOW:]] + [(w.start - f.end, w) for w in after[:ROLE_WINDOW]]
    for _, w in sorted(near, key=lambda t: t[0]):
        if w.stem in ROLES:
            return ROLES[w.stem]
    return ""


def _holder(text: str, f: Figure, names: tuple[Name, ...]) -> Name | None:
    """The name a figure belongs to: a possessive right before it ("Syria's toll of 1,180") or a
    name after 'in/at/of/from/for' right after it ("810 in Syria", "40 observers from the EU")."""
    for n in names:
        if n.attributive:
            continue
        if n.end <= f.start and f.start - n.end <= 24 and text[n.end:n.end + 2] in ("'s", "’s") \
                and same_clause(text, n.end, f.start) and not re.search(r"\d", text[n.end:f.start]):
            return n
        gap = text[f.end:n.start]
        if n.start >= f.end and len(gap) <= 40 and _HOLDER_AFTER.search(gap) and not re.search(r"[\d,;]", gap):
            return n
    return None


def _period(text: str, f: Figure, dates: list[DateMention], figures: list[Figure]) -> DateMention | None:
    """The date a figure is tied to: the nearest in its clause, no other figure between them."""
    best: tuple[int, DateMention] | None = None
    for d in dates:
        lo, hi = (f.end, d.start) if d.start >= f.end else (d.end, f.start)
        if hi - lo > PERIOD_WINDOW or hi < lo or not same_clause(text, lo, hi):
            continue
        if any(lo <= g.start and g.end <= hi for g in figures) or _closer(d.start, d.end, f, figures):
            continue
        if best is None or hi - lo < best[0]:
            best = (hi - lo, d)
    return best[1] if best else None


def _gap(start: int, end: int, g: Figure) -> int:
    return start - g.end if start >= g.end else g.start - end


def _closer(start: int, end: int, f: Figure, figures: list[Figure]) -> bool:
    """Whether another figure is nearer the span (a period belongs to the figure next to it; on a
    tie, to the one before it: "2.1% in the second quarter, down from 2.4%")."""
    mine = _gap(start, end, f)
    return any(g is not f and (_gap(start, end, g) < mine or (_gap(start, end, g) == mine and g.end <= start))
               for g in figures)


def _quarter(text: str, f: Figure, figures: list[Figure]) -> str:
    for m in _QUARTER.finditer(text, max(0, f.start - PERIOD_WINDOW), min(len(text), f.end + PERIOD_WINDOW)):
        lo, hi = (f.end, m.start()) if m.start() >= f.end else (m.end(), f.start)
        if hi < lo or not same_clause(text, lo, hi) or any(lo <= g.start and g.end <= hi for g in figures) \
                or _closer(m.start(), m.end(), f, figures):
            continue
        if m[3]:
            return f"Q{m[3]}"
        return ("Q" if m[2].lower() == "quarter" else "H") + _QUARTER_NO[m[1].lower()]
    return ""
