"""Words that give a change its direction or a decision its outcome, with what they are about,
so that two reports saying opposite things of one subject can be told apart: "shares fell 7%" /
"shares rose 7%", "the Senate approved the bill" / "rejected the bill", "the jury convicted" /
"acquitted", "won" / "lost the runoff".

Each word belongs to an axis (change, decision, contest, verdict) with a sign. What it is about
is read from its neighbours: the noun before it (the subject; after "by" for a passive), the
noun phrase right after it (the object), and the figure it is stated with ("fell 7%").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .dates import DateMention, dates_in
from .figures import Figure, quantities_in
from .memo import per_sentence
from .tokens import stem
from .words import Word, same_clause, words

_LEXICON: Final = {
    ("change", +1): "rise rises rose risen rising climb climbs climbed climbing gain gains gained gaining "
                    "jump jumps jumped surge surges surged soar soars soared increase increases increased "
                    "rally rallied grow grows grew grown strengthen strengthens strengthened advance advanced "
                    "rebound rebounded boost boosted raise raises raised hike hiked double doubled triple "
                    "tripled widen widened accelerate accelerated improve improves improved recover "
                    "recovered higher up",
    ("change", -1): "fall falls fell fallen falling drop drops dropped decline declines declined declining "
                    "slump slumped plunge plunges plunged sink sinks sank sunk slide slides slid tumble "
                    "tumbles tumbled decrease decreases decreased shrink shrinks shrank contract contracted "
                    "weaken weakens weakened lower lowers lowered cut cuts dip dipped slip slipped plummet "
                    "plummeted halve halved narrow narrowed slow slowed deteriorate deteriorated worsen "
                    "worsened down",
    ("decision", +1): "approve approves approved passed back backs backed endorse endorsed uphold upholds "
                      "upheld ratify ratified adopt adopted accept accepted grant granted",
    ("decision", -1): "reject rejects rejected block blocks blocked veto vetoed overturn overturned overrule "
                      "overruled dismiss dismissed",
    ("contest", +1): "win wins won beat beats",
    ("contest", -1): "lose loses lost",
    ("verdict", +1): "convict convicts convicted",
    ("verdict", -1): "acquit acquits acquitted cleared",
}
_AXIS: Final = {stem(w): (axis, sign) for (axis, sign), ws in _LEXICON.items() for w in ws.split()}
CHANGE: Final = frozenset(w for w, (axis, _) in _AXIS.items() if axis == "change")  # stems of verbs of change
# Verbs that decide against with a particle: "struck down", "voted down", "threw out".
_PHRASAL: Final = {stem(w): p for ws, p in (("strike strikes struck", "down"), ("vote votes voted", "down"),
                                     ("throw throws threw thrown", "out")) for w in ws.split()}
# "lost 7%", "lost ground": a change, not a defeat.
_LOSS_OF_VALUE: Final = frozenset(stem(w) for w in "ground value points".split())
# Words between a subject and its verb: "Oil prices have climbed", "The index closed higher".
_BETWEEN: Final = frozenset("was were is are be been being has have had will would could may might also then "
                     "later sharply slightly closed ended finished opened traded moved".split())
_PASSIVE: Final = frozenset("was were is are be been being".split())
_DETERMINERS: Final = frozenset("the a an its their his her our this that these those".split())
_COMPARATIVES: Final = frozenset({"higher", "lower"})
_AFTER_COMPARATIVE: Final = frozenset("than on in at after as for by against".split())
_DEFECTIVE: Final = frozenset({"up", "down"})  # directions only with a figure or after "be"/"closed"
OBJECT_WORDS: Final = 3
WHEN_CHARS: Final = 30  # how far after the word a date may be and still say when it happened
_COUNT_AFTER: Final = re.compile(r"\s+(?:only\s+|just\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten"
                          r"|all|both|none|most|half)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Polar:
    start: int
    end: int
    text: str
    axis: str
    sign: int
    subject: str  # stem of the noun before it (or after "by", for a passive)
    object: frozenset[str]  # stems of the noun phrase right after it
    figure: Figure | None  # the figure it is stated with ("fell 7%")
    counted: bool = False  # a count follows: "won three of", "lost only one of" (outcomes counted)
    when: DateMention | None = None  # the date it is tied to: "raised in March", "cut in September"


_PHRASAL_ONLY: Final = frozenset(_PHRASAL.keys() - _AXIS.keys())


@per_sentence
def possible_axes(text: str) -> frozenset[str]:
    """The axes `polar_words` can find in `text`, read from its words alone: whether two
    sentences are worth reading for direction at all, without reading what each word is about."""
    stems = {w.stem for w in words(text)}
    out = {_AXIS[stem][0] for stem in stems & _AXIS.keys()}
    if "contest" in out:
        out.add("change")  # "lost 7%", "lost ground": a change
    if not stems.isdisjoint(_PHRASAL_ONLY):
        out.add("decision")
    return frozenset(out)


@per_sentence
def polar_words(text: str) -> tuple[Polar, ...]:
    """Words of direction or outcome in `text`, with what they are about."""
    ws = words(text)
    if not any(w.stem in _AXIS or w.stem in _PHRASAL for w in ws):
        return ()
    figures = quantities_in(text)
    out = []
    for k, w in enumerate(ws):
        end = w.end
        if w.stem in _PHRASAL and k + 1 < len(ws) and ws[k + 1].lower == _PHRASAL[w.stem]:
            axis, sign, end = "decision", -1, ws[k + 1].end
        elif w.stem not in _AXIS or (k and ws[k - 1].stem in _PHRASAL and w.lower == _PHRASAL[ws[k - 1].stem]):
            continue
        else:
            axis, sign = _AXIS[w.stem]
        if any(f.start <= w.start < f.end for f in figures):
            continue  # "passed 2,000", "topped 50": the verb makes the figure a bound
        figure = next((f for f in figures if 0 <= f.start - w.end <= 4 or
                       (f.start > w.end and text[w.end:f.start].strip() in ("by", "to"))), None)
        prev = ws[k - 1].lower if k else ""
        if w.lower in _DEFECTIVE and figure is None and prev not in _BETWEEN:
            continue  # "set up", "step down"
        if w.lower in _COMPARATIVES and k + 1 < len(ws) and ws[k + 1].lower not in _AFTER_COMPARATIVE \
                and same_clause(text, w.end, ws[k + 1].start) and text[w.end:ws[k + 1].start].strip() == "":
            continue  # "higher education", "the lower house"
        if w.lower == "passed" and figure is not None:
            continue  # "passed 2,000": exceeded
        if axis == "contest" and sign < 0 and ((figure is not None and figure.unit)
                                               or (k + 1 < len(ws) and ws[k + 1].stem in _LOSS_OF_VALUE)):
            axis = "change"
        subject, obj = _subject(text, ws, k), _object(text, ws, k + 1 if end != w.end else k)
        if prev in _PASSIVE and w.lower.endswith(("ed", "en", "wn", "ld")):  # "was rejected by the Senate"
            agent = next((a for j in range(k + 1, min(k + 4, len(ws) - 1)) if ws[j].lower == "by"
                          for a in ws[j + 1:j + 3] if a.lower not in _DETERMINERS), None)
            subject, obj = (agent.stem if agent else ""), frozenset({subject}) - {""}
        when = next((d for d in dates_in(text) if 0 <= d.start - end <= WHEN_CHARS and same_clause(text, end, d.start)
                     and not any(end <= p.start < d.start for p in ws[k + 1:] if p.stem in _AXIS)), None)
        out.append(Polar(w.start, end, text[w.start:end], axis, sign, subject, obj, figure,
                         bool(_COUNT_AFTER.match(text, end)), when))
    return tuple(out)


def _subject(text: str, ws: tuple[Word, ...], k: int) -> str:
    """The noun before the word, past auxiliaries, adverbs and a date ("The court on Monday upheld")."""
    dates = [(d.start, d.end) for d in dates_in(text)]
    j = k - 1
    while j >= 0 and k - j <= 6:
        w = ws[j]
        if not same_clause(text, w.end, ws[k].start):
            return ""
        within = next(((a, b) for a, b in dates if a <= w.start < b), None)
        if within is not None:
            j -= 1
            while j >= 0 and (ws[j].start >= within[0] or ws[j].lower in ("on", "in", "at", "last", "this")):
                j -= 1
            continue
        if w.lower in _BETWEEN or w.lower.endswith("ly"):
            j -= 1
            continue
        return w.stem if w.content else ""
    return ""


def _object(text: str, ws: tuple[Word, ...], k: int) -> frozenset[str]:
    out: list[str] = []
    for w in ws[k + 1:k + 1 + OBJECT_WORDS + 2]:
        if not same_clause(text, ws[k].end, w.start):
            break
        if not out and w.lower in _DETERMINERS:
            continue
        if not w.content or w.text[0].isdigit() or (w.stem in _AXIS and w.lower not in _COMPARATIVES):
            break
        out.append(w.stem)
        if len(out) == OBJECT_WORDS:
            break
    return frozenset(out)


def same_anchor(a: Polar, b: Polar, figures_agree: bool) -> bool:
    """Whether two polar words speak of one thing: the same figure, subject or object."""
    if a.figure is not None and b.figure is not None and figures_agree:
        return True
    return bool(a.subject and a.subject == b.subject) or bool(a.object & b.object)
