"""Where reports of one fact disagree, said in plain words; and a word-level diff of each fact's
sentences for the reviewer's eye.

Each check compares two sources' sentences and finds what they state differently about the
same thing: figures of one measure (`measures`), dates of one event, who acted, quoted words,
the direction of a change or the outcome of a decision (`polarity`), and negation. A pairing
that is ambiguous stays silent: a false alarm costs a reviewer more than a missed variant.
Severity says whether both statements can be true (`variant`) or not (`conflict`).

Findings of one disagreement seen by several pairs of sources are merged into one
`Discrepancy`, whose `id` is anchored to its content (kind, and each value's source, sentence
words and normal form), so it survives re-alignment at another threshold. Two sentences that
are each other's best match across their two sources are checked even when grouping put them
in different facts (`link_facts`): the discrepancy goes to one of the two facts and names the
other.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import combinations
from typing import Final, NamedTuple

from .caseless import Caseless, at_word_starts, lowered
from .dates import DateMention, dates_in, relation
from .figures import Figure, agree, figures_in, ordinals_in, quantities_in, scores_in, unqualified
from .lexicon import POSTS
from .measures import Measured, measured_in, same_measure
from .memo import SENTENCES_REMEMBERED, per_sentence
from .model import Discrepancy, DiscrepancyKind, Fact, Mention, Sentence, SentenceRef, Severity, Source, Value, WordDiff
from .names import Name, is_body, names_in, same_entity
from .polarity import Polar, polar_words, possible_axes, same_anchor
from .quotes import SAME_WORDS_SHARED, Relation, different_speakers, differing_words, quotes_in, relate, speaker
from .words import SAYING, Word, around, clause_around, content_stems, word_starts, words

CONFLICT, VARIANT = Severity.CONFLICT, Severity.VARIANT
BOUND_GAP: Final = 0.10  # bounds that can both hold "differ a lot" when one is over 10% above the other
NEGATION_MIN_SHARED: Final = 0.5  # of all content words: nearly the same statement
DIRECTION_MIN_SHARED: Final = 0.2  # of the shorter sentence's content words, besides the anchor
SUBSTITUTION_MIN_SHARED: Final = 0.3  # of the shorter sentence's content words, to read one name as another's stand-in
MIN_LINK_SIMILARITY: Final = 0.15  # mutual best matches weaker than this are not one fact's reports
LARGE_FACT: Final = 8  # members; in a larger fact only close reports are compared (`_pairs`)
NEAR_SHARE: Final = 0.2  # of their content words (Jaccard) two reports in a large fact share to be compared
SUMMARY_VALUE_CHARS: Final = 48
MAX_REASONS: Final = 2
# A "sentence" longer than this is an unsplit table, list or dump, not one report: only its
# first characters are compared, which keeps every check linear in the input.
MAX_EXAMINED_CHARS: Final = 2000


class Said(NamedTuple):
    """One member sentence of a fact, with what its source is (a tuple: every fact builds one per
    member, and a frozen dataclass is three times slower to build)."""

    member: Mention
    source: Source
    text: str  # the sentence as the checks read it: its first `MAX_EXAMINED_CHARS` characters

    @classmethod
    def of(cls, member: Mention, source: Source) -> Said:
        return cls(member, source, source.sentences[member.sentence].text[:MAX_EXAMINED_CHARS])

    @property
    def sentence(self) -> Sentence:
        return self.source.sentences[self.member.sentence]

    def value(self, start: int, end: int, normalized: str) -> Value:
        offset = self.sentence.start
        return Value(self.member.source, self.member.sentence, offset + start, offset + end,
                     self.text[start:end], normalized)


@dataclass(frozen=True, slots=True)
class Finding:
    """What one check says about one pair of sentences; `reason` says what differs, in words."""

    kind: DiscrepancyKind
    severity: Severity
    reason: str
    values: tuple[Value, ...]


# --- figures -------------------------------------------------------------------------------------


def _bound(q: str) -> str:
    return {"at_least": "lower", "over": "lower", "under": "upper"}.get(q, "")


def figure_relation(x: Measured, y: Measured) -> tuple[Severity, str] | None:
    """How two figures of one measure relate: None when they state the same; a variant when both
    can be true (one is rounded, or bounds that differ a lot, see `BOUND_GAP`); a conflict when
    they cannot."""
    fx, fy = x.figure, y.figure
    nx, ny = unqualified(fx), unqualified(fy)
    if fx.unit in ("score", "ordinal") or fx.unit.startswith("age"):
        return None if fx.value == fy.value else (CONFLICT, f"{fx.normalized} vs {fy.normalized}")
    bx, by = _bound(fx.qualifier), _bound(fy.qualifier)
    if not agree(fx, fy):
        if bx or by:
            return CONFLICT, f"“{fx.text}” and “{fy.text}” cannot both hold"
        return CONFLICT, f"{nx} vs {ny}"
    if abs(fx.value - fy.value) <= 1e-9 * max(1.0, abs(fx.value)):
        return None
    if not bx and not by:
        # Written at one scale, the difference is in what was reported, not in converting units.
        return (VARIANT, f"rounded differently: {fx.text} vs {fy.text}") if fx.scale == fy.scale else None
    lo, hi = sorted((abs(fx.value), abs(fy.value)))
    if hi < lo * (1 + BOUND_GAP):
        return None
    if bx == by:
        return VARIANT, f"{bx} bounds differ: {nx} vs {ny} (an update, or another count)"
    if bx and by:
        return VARIANT, f"bounds differ: {fx.text} vs {fy.text}"
    article = "an" if (bx or by) == "upper" else "a"
    return VARIANT, f"{article} {bx or by} bound and a figure differ: {fx.text} vs {fy.text}"


def _sums_to(total: Measured, parts: Sequence[Measured]) -> bool:
    """Whether two or three of `parts` add up to `total` ("9 killed" = "three children and six
    adults"): a total and its parts, not a disagreement."""
    same = [p for p in parts if p.unit == total.unit and p is not total and not p.previous]
    for n in (2, 3):
        for combo in combinations(same, n):
            value = sum(p.figure.value for p in combo)
            bounded = total.figure.high != float("inf") and total.figure.low > 0
            if abs(value - total.figure.value) < 1e-9 or (bounded and total.figure.low <= value <= total.figure.high):
                return True
    return False


def _pair_figures(ma: Sequence[Measured], mb: Sequence[Measured]) -> list[tuple[Measured, Measured]]:
    """Figures of A and B that speak of one measure, paired only where that is unambiguous: one
    figure agreeing with another pairs them; otherwise a pair known to be of one measure (same
    noun, role or whole), or the only figures left of their unit on each side."""
    rel = {(i, j): same_measure(x, y) for i, x in enumerate(ma) for j, y in enumerate(mb)}
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    for i, j in rel:  # the same figure accounts for itself, whatever else differs
        x, y = ma[i], mb[j]
        if x.unit == y.unit and x.figure.value == y.figure.value and agree(x.figure, y.figure) \
                and not (x.head and y.head and x.head != y.head) and not (x.role and y.role and x.role != y.role):
            taken_a.add(i)
            taken_b.add(j)
    pairs: dict[int, int] = {}
    for i, x in enumerate(ma):
        if i in taken_a:
            continue
        open_b = [j for j in range(len(mb)) if j not in taken_b and rel[(i, j)] is not False]
        known = [j for j in open_b if rel[(i, j)]]
        if len(known) == 1:
            pairs[i] = known[0]
        elif not known and len(open_b) == 1:
            j = open_b[0]
            rivals = [k for k in range(len(ma)) if k not in taken_a and k != i and rel[(k, j)] is not False]
            if not rivals and _informative(x) and _informative(mb[j]):
                pairs[i] = j
    counts: dict[int, int] = {}
    for j in pairs.values():
        counts[j] = counts.get(j, 0) + 1
    return [(ma[i], mb[j]) for i, j in pairs.items() if counts[j] == 1]


@per_sentence
def _figure_keys(text: str) -> frozenset[tuple[str, float]]:
    return frozenset((f.unit, f.value) for f in (*quantities_in(text), *scores_in(text), *ordinals_in(text)))


def _informative(m: Measured) -> bool:
    """A bare count with nothing saying what it counts is compared with nothing."""
    return bool(m.unit or m.head or m.generic or m.role or m.action or m.whole or m.holder)


def number_discrepancies(a: Said, b: Said) -> list[Finding]:
    """Figures of one measure that differ: see `figure_relation`."""
    ka, kb = _figure_keys(a.text), _figure_keys(b.text)
    if ka <= kb or kb <= ka:
        return []  # every figure of one is stated by the other
    ma, mb = measured_in(a.text), measured_in(b.text)
    found = []
    for x, y in _pair_figures(ma, mb):
        judged = figure_relation(x, y)
        if judged is None or _sums_to(x, mb) or _sums_to(y, ma):
            continue
        severity, reason = judged
        found.append(Finding(DiscrepancyKind.NUMBER, severity, reason,
                             (a.value(x.figure.start, x.figure.end, x.figure.normalized),
                              b.value(y.figure.start, y.figure.end, y.figure.normalized))))
    return found


# --- dates ---------------------------------------------------------------------------------------


@per_sentence
def _dates(text: str) -> tuple[DateMention, ...]:
    return tuple(d for d in dates_in(text)
                 if d.granularity in ("day", "week", "month", "year", "time") or (d.granularity == "span" and d.year))


@per_sentence
def _anchor(text: str, mention: DateMention, reach: int) -> frozenset[str]:
    """The words a date is attached to ('visit to Beijing | on Thursday'): the `reach` nearest
    content words on each side, between the commas around it, so that the date of a visit is not
    compared with the date of an announcement, nor a date in a relative clause with the main one."""
    ws = [w for w in words(text) if w.content]
    lo = text.rfind(",", 0, mention.start) + 1
    hi = text.find(",", mention.end) % (len(text) + 1)
    before = [w.stem for w in ws if lo <= w.start and w.end <= mention.start][-reach:]
    after = [w.stem for w in ws if w.start >= mention.end and w.end <= hi][:reach]
    if not before and not after:  # "On Tuesday, Nvidia said": the date opens the clause after it
        before = [w.stem for w in ws if w.end <= mention.start][-reach:]
        after = [w.stem for w in ws if w.start >= mention.end][:reach]
    return frozenset(before + after)


def _attached(ta: str, x: DateMention, tb: str, y: DateMention) -> bool:
    """Two dates attached to the same words: one of the two nearest on each side, or two of the
    four nearest ('the first round ... will take place on' / 'the first round ... is set for')."""
    return bool(_anchor(ta, x, 2) & _anchor(tb, y, 2)) or len(_anchor(ta, x, 4) & _anchor(tb, y, 4)) >= 2


def date_discrepancies(a: Said, b: Said) -> list[Finding]:
    """Dates of one event that differ: a conflict when they cannot both be right, a variant when
    one is less specific ('this week' / 'Thursday', 'Tuesday' / 'Tuesday night'). Dates both
    sentences give are set aside; of the rest, two are compared only when they are attached to the
    same words and neither is so attached to another date (`_attached`)."""
    if _date_keys(a.text) <= _date_keys(b.text) or _date_keys(b.text) <= _date_keys(a.text):
        return []  # every date of one is in the other
    da, db = _dates(a.text), _dates(b.text)
    rel = {(i, j): relation(x, y) for i, x in enumerate(da) for j, y in enumerate(db)}
    same_a = {i for (i, _), r in rel.items() if r == "same"}
    same_b = {j for (_, j), r in rel.items() if r == "same"}
    left_a = [i for i in range(len(da)) if i not in same_a]
    left_b = [j for j in range(len(db)) if j not in same_b]
    found = []
    for i in left_a:
        x = da[i]
        linked = [j for j in left_b if _attached(a.text, x, b.text, db[j])]
        if len(linked) != 1 or sum(_attached(a.text, da[k], b.text, db[linked[0]]) for k in left_a) > 1:
            continue
        y = db[linked[0]]
        r = rel[(i, linked[0])]
        if r not in ("conflict", "variant"):
            continue
        reason = _date_reason(x, y, r)
        found.append(Finding(DiscrepancyKind.DATE, Severity(r), reason,
                             (a.value(x.start, x.end, x.normalized), b.value(y.start, y.end, y.normalized))))
    return found


@per_sentence
def _date_keys(text: str) -> frozenset[str]:
    return frozenset(d.normalized for d in _dates(text))


def _date_reason(x: DateMention, y: DateMention, rel: str) -> str:
    if rel == "conflict":
        what = "times" if x.granularity == "time" else "days" if x.granularity == y.granularity == "day" else "dates"
        return f"different {what}: {x.text} vs {y.text}"
    if x.part or y.part:
        return f"a day and a part of it: {x.text} vs {y.text}"
    return f"one is less specific: {x.text} vs {y.text}"


# --- names ---------------------------------------------------------------------------------------

# Words after a name that say it acted, and what as: past tenses, and bodies that act for it.
_IRREGULAR_PAST: Final = frozenset(
    "won led made took gave held met sent sold bought paid wrote ran began brought built chose drew "
    "drove fought found hit kept left lost put set shot spoke stood struck threw told beat bid cut "
    "quit rang rode rose fell sank slid sped spent stole swore swept tore upheld withdrew".split())
# What a name decides through: a body ("the Biden administration"), or a decision ("Trump's move").
_AUTHORITY: Final = frozenset("administration administrations government governments regime cabinet ministry "
                       "move moves decision decisions order orders ban bans curbs restrictions tariffs policy "
                       "policies sanctions crackdown".split())
_BODIES: Final = frozenset({"administration", "government", "regime", "cabinet", "ministry"})
_PARTICLES: Final = frozenset({"out", "up", "off", "down", "over"})  # "carried out by"
_ARTICLES: Final = frozenset({"the", "a", "an"})
# Words that add someone rather than replace someone: "three observers from the AU also watched".
_ADDITIVE: Final = frozenset({"also", "too", "another", "other", "others"})
# Words before a name that can take many ("met X", "talks with X", "X and Y"): a different name
# there is an addition, not a different actor.
_INCLUSIVE: Final = frozenset("met meet meets meeting with and or including visited visit visits called calls "
                       "joined join spoke talked talks thanked praised urged also both".split())


class Actor(NamedTuple):  # a tuple: quicker to build than a frozen dataclass
    name: Name
    role: str  # "authority", "title:mayor", or the stem of what it did ("impos", "led", "header")


@per_sentence
def _actors(text: str) -> tuple[Actor, ...]:
    """Names in a role: doing something ('Huang met', 'the Biden administration imposed'),
    deciding ('Trump's surprise move', 'the Trump administration'), the agent of a passive
    ('claimed by Islamic State'), or holding a title ('Mayor Karen Bass')."""
    out = []
    ws, starts = words(text), word_starts(text)
    for name in _mentions(text):
        opening, closing = clause_around(text, name.start)[0], clause_around(text, name.end)[1]
        k = bisect_left(starts, name.end)
        after = [w for w in ws[k:k + 3] if w.start <= closing]
        relative = (len(after) >= 2 and after[0].lower in ("which", "who")
                    and text[name.end:after[0].start].strip() == ",")
        if relative:
            after = after[1:]  # "the FAA, which led the investigation"
        if after and (relative or text[name.end:after[0].start].strip(" ’'s") == ""):
            first = after[0]
            low = first.lower.removesuffix("'s")
            if low in _BODIES or (low in _AUTHORITY and text[name.end:first.start].strip() in ("’s", "'s")):
                out.append(Actor(name, "authority"))
            elif ((low.endswith("ed") and len(low) > 4) or low in _IRREGULAR_PAST) and first.stem not in SAYING:
                out.append(Actor(name, first.stem))
            elif len(after) >= 2 and text[name.end:first.start].strip() in ("’s", "'s") and first.text.islower() \
                    and after[1].lower in _AUTHORITY:
                out.append(Actor(name, "authority"))  # "Trump's surprise move"
        j = bisect_left(starts, name.start)
        before = [w for w in ws[max(0, j - 5):j]
                  if w.lower not in _ARTICLES and w.end > opening][-4:]
        if len(before) >= 2 and before[-1].lower == "by":
            act = before[-3] if before[-2].lower in _PARTICLES and len(before) >= 3 else before[-2]
            if act.content and act.text.islower():
                out.append(Actor(name, act.stem))  # "led by the NTSB" is "the NTSB led"; "a header by Konaté"
        if name.given and (title := _post_in(name.text)):
            out.append(Actor(name, "title:" + title))
    return tuple(out)


@lru_cache(maxsize=65536)
def _post_in(name: str) -> str | None:
    """The post a name's words before the last give ("Mayor Karen Bass": "mayor"); names recur."""
    return next((t for t in (w.casefold().rstrip(".") for w in name.split()[:-1]) if t in POSTS), None)


@per_sentence
def _mentions(text: str) -> tuple[Name, ...]:
    """Names that can act: not used as modifiers ("Biden-era"), not dates ("Tuesday", "Jan.")."""
    dates = dates_in(text)
    return tuple(n for n in names_in(text) if not n.attributive
                 and not any(d.start <= n.start < d.end or n.start <= d.start < n.end for d in dates))


@per_sentence
def _keys(text: str) -> frozenset[tuple[str, str]]:
    return frozenset((n.key, n.given) for n in _mentions(text))


@per_sentence
def _unmentioned(text: str, other: str) -> tuple[Name, ...]:
    """The names of `text` that `other` does not mention (in any form)."""
    others = _mentions(other)
    return tuple(n for n in _mentions(text) if not any(same_entity(n, o) for o in others))


def _alike(ta: str, tb: str) -> bool:
    """Enough content words in common for one name to stand in another's place."""
    sa, sb = content_stems(ta), content_stems(tb)
    return len(sa & sb) >= SUBSTITUTION_MIN_SHARED * min(len(sa), len(sb))


def _may_stand_in(ta: str, tb: str) -> bool:
    """Whether a name of one sentence can stand where a name of the other does: both act in one
    role, or, in sentences alike enough for one name to replace another, some name of each has
    the same words beside it (a shared slot). Roles are the costliest reading of a sentence and
    slots the next: each is read only where it can decide."""
    return bool(_roles(ta) & _roles(tb)) or (_alike(ta, tb) and bool(_slots(ta) & _slots(tb)))


def entity_discrepancies(a: Said, b: Said) -> list[Finding]:
    """Different people or bodies in the same role: the same action or title ('the Biden
    administration imposed' / 'President Trump's administration'), or one name in place of
    another in otherwise matching words ('University of Texas at Austin' / 'at Dallas'). A name
    the other sentence mentions anyway is no conflict ('Smith met Jones' / 'Jones met Smith')."""
    if not _may_stand_in(a.text, b.text):
        return []  # no name of one stands where a name of the other does
    ka, kb = _keys(a.text), _keys(b.text)
    if not ka - kb or not kb - ka:
        return []  # every name of one is in the other: nobody is put in another's place
    actors_a, actors_b = _actors(a.text), _actors(b.text)
    alike = _alike(a.text, b.text)
    if not (actors_a and actors_b) and not alike:
        return []
    ua, ub = _unmentioned(a.text, b.text), _unmentioned(b.text, a.text)
    if not ua or not ub:
        return []
    found: dict[tuple[int, int], Finding] = {}
    for x in actors_a:
        for y in actors_b:
            if x.role == "authority" and is_body(x.name) != is_body(y.name):
                continue  # "the US government" may be "Trump's administration"
            if x.role == y.role and x.name in ua and y.name in ub and not same_entity(x.name, y.name):
                role = "deciding" if x.role == "authority" else "the same title" if x.role.startswith(
                    "title:") else "the same role"
                found[(x.name.start, y.name.start)] = _entity_finding(a, b, x.name, y.name, f"{role}: "
                                                                      f"{x.name.plain} vs {y.name.plain}")
    for p, q in _substituted(a.text, b.text, ua, ub) if alike else ():
        if (p.start, q.start) not in found:
            found[(p.start, q.start)] = _entity_finding(a, b, p, q,
                                                        f"one name in place of another: {p.plain} vs {q.plain}")
    return list(found.values())


def _entity_finding(a: Said, b: Said, x: Name, y: Name, reason: str) -> Finding:
    return Finding(DiscrepancyKind.ENTITY, CONFLICT, reason, (a.value(x.start, x.end, " ".join(x.words) or x.key),
                                                              b.value(y.start, y.end, " ".join(y.words) or y.key)))


CONTEXT_WORDS: Final = 3


@per_sentence
def _contexts(text: str) -> dict[Name, tuple[tuple[Word, ...], tuple[Word, ...]]]:
    """Per name, the words right before and right after it (up to `CONTEXT_WORDS` each; articles
    do not count: "led by the Metropolitan Police" / "led by Greater Manchester Police")."""
    out = {}
    for n in _mentions(text):
        before, after = around(text, n.start, n.end, 2 * CONTEXT_WORDS)
        out[n] = (tuple(w for w in before if w.lower not in _ARTICLES)[-CONTEXT_WORDS:],
                  tuple(w for w in after if w.lower not in _ARTICLES)[:CONTEXT_WORDS])
    return out


def _same_words(x: Sequence[Word], y: Sequence[Word], from_end: bool) -> list[Word]:
    """The words `x` and `y` share at their inner ends (next to the names)."""
    pairs = zip(reversed(x), reversed(y), strict=False) if from_end else zip(x, y, strict=False)
    shared = []
    for u, v in pairs:
        if u.lower != v.lower:
            break
        shared.append(u)
    return shared


def _substituted(ta: str, tb: str, ua: Sequence[Name], ub: Sequence[Name]) -> list[tuple[Name, Name]]:
    """Names (of those the other sentence does not mention) standing where the other sentence has
    another name, the words on both sides of them the same ('researchers at the University of
    Texas at Austin.' / '... at Dallas.')."""
    if _additive(ta) or _additive(tb):
        return []  # "three observers from the African Union also watched": another one, not another name
    ca, cb = _contexts(ta), _contexts(tb)
    out = []
    for x in ua:
        if _opening_word(ta, x):
            continue
        (lx, rx) = ca[x]
        for y in ub:
            if _opening_word(tb, y) or same_entity(x, y):
                continue
            ly, ry = cb[y]
            left, right = _same_words(lx, ly, True), _same_words(rx, ry, False)
            left_ok = (bool(left) and (len(left) >= 2 or len(left) == min(len(lx), len(ly)))) or (not lx and not ly)
            right_ok = (bool(right) and (len(right) >= 2 or len(right) == min(len(rx), len(ry)))) or (not rx and not ry)
            if left_ok and right_ok and any(w.content for w in (*left, *right)) \
                    and not (left and left[0].lower in _INCLUSIVE):
                out.append((x, y))
    return out


@per_sentence
def _roles(text: str) -> frozenset[str]:
    return frozenset(a.role for a in _actors(text))


@per_sentence
def _slots(text: str) -> frozenset[tuple[str, str]]:
    """Per name, the word right before and right after it ("^"/"$" at the edges): two names can
    only stand in each other's place if some slot is the same."""
    return frozenset((lx[-1].lower if lx else "^", rx[0].lower if rx else "$") for lx, rx in _contexts(text).values())


@per_sentence
def _additive(text: str) -> bool:
    return any(w.lower in _ADDITIVE for w in words(text))


def _opening_word(text: str, name: Name) -> bool:
    """A one-word name that opens the sentence: its capital may say no more than that."""
    return " " not in name.text and not text[:name.start].strip(" “\"‘'(")


# --- quotes --------------------------------------------------------------------------------------


def quote_discrepancies(a: Said, b: Said) -> list[Finding]:
    """The same remark in other words is a misquote (conflict); a shorter excerpt of the same
    words a variant; the same words given to different people an entity conflict. Case,
    punctuation, spelling and abbreviation dots are nothing."""
    qa, qb = quotes_in(a.text), quotes_in(b.text)
    if not qa or not qb:
        return []
    sa, sb = speaker(a.text), speaker(b.text)
    differ = different_speakers(sa, sb)
    found = []
    for x in qa:
        for y in qb:
            rel, share = relate(x, y)
            if rel is Relation.UNRELATED:
                continue
            if differ:
                assert sa is not None and sb is not None
                if sa.name and sb.name and (rel is not Relation.MISQUOTE or share >= SAME_WORDS_SHARED):
                    found.append(_entity_finding(a, b, sa.name, sb.name,
                                                 "the same words said by different people: "
                                                 f"{sa.name.plain} vs {sb.name.plain}"))
                continue
            va = a.value(x.start, x.end, x.folded)
            vb = b.value(y.start, y.end, y.folded)
            if rel is Relation.EXCERPT:
                shorter = (a if len(x.stems) < len(y.stems) else b).member.source
                found.append(Finding(DiscrepancyKind.QUOTE, VARIANT, f"a shorter excerpt in ({shorter})", (va, vb)))
            elif rel is Relation.MISQUOTE:
                sides = sorted(w or "…" for w in differing_words(x, y))  # one reason, whichever pair shows it
                found.append(Finding(DiscrepancyKind.QUOTE, CONFLICT, f"words differ: “{sides[0]}” / “{sides[1]}”",
                                     (va, vb)))
    return found


# --- direction and negation ----------------------------------------------------------------------


def direction_discrepancies(a: Said, b: Said) -> list[Finding]:
    """Opposite directions or outcomes ('fell' / 'rose', 'approved' / 'rejected') of the same
    figure, subject or object; unless the sentence saying one also says the other of the same
    thing ('fell 7% after rising 3%', 'the Senate approved what the House rejected')."""
    axes_a, axes_b = _axes(a.text), _axes(b.text)
    opposed = [axis for axis, signs in axes_a.items() if axis in axes_b and signs | axes_b[axis] == {1, -1}]
    if not opposed:
        return []
    pa = [p for p in polar_words(a.text) if p.axis in opposed]
    pb = [p for p in polar_words(b.text) if p.axis in opposed]
    found = []
    for x in pa:
        for y in pb:
            if x.axis != y.axis or x.sign == y.sign or not _polar_anchor(x, y):
                continue
            if any(_polar_anchor(z, y) for z in pa if z.sign == y.sign) or any(
                    _polar_anchor(x, z) for z in pb if z.sign == x.sign):
                continue  # each sentence says both of the same thing
            if x.when is not None and y.when is not None and relation(x.when, y.when) == "conflict":
                continue  # "raised in March" / "cut in September": two moves, not one told two ways
            if x.axis != "change" and (x.counted or y.counted):
                continue  # "won three of four" / "lost only one of four": outcomes counted, not one outcome
            if _overlap(a.text, b.text, {x.text, y.text}) < DIRECTION_MIN_SHARED:
                continue
            what = {"change": "opposite directions", "decision": "opposite decisions",
                    "contest": "opposite results", "verdict": "opposite verdicts"}[x.axis]
            found.append(Finding(DiscrepancyKind.DIRECTION, CONFLICT, f"{what}: {x.text} vs {y.text}",
                                 (a.value(x.start, x.end, f"{x.axis}:{'+' if x.sign > 0 else '-'}"),
                                  b.value(y.start, y.end, f"{y.axis}:{'+' if y.sign > 0 else '-'}"))))
    return found


def _agree(x: Figure, y: Figure) -> bool:
    return x.unit == y.unit and agree(x, y)


def _polar_anchor(x: Polar, y: Polar) -> bool:
    return same_anchor(x, y, x.figure is not None and y.figure is not None and _agree(x.figure, y.figure))


@per_sentence
def _axes(text: str) -> dict[str, frozenset[int]]:
    """Per axis, the signs the sentence's words of direction or outcome take."""
    out: dict[str, set[int]] = {}
    for p in polar_words(text):
        out.setdefault(p.axis, set()).add(p.sign)
    return {axis: frozenset(signs) for axis, signs in out.items()}


def _overlap(ta: str, tb: str, leave_out: set[str]) -> float:
    out = {w.casefold() for w in leave_out}
    sa = {w.stem for w in words(ta) if w.content and w.lower not in out}
    sb = {w.stem for w in words(tb) if w.content and w.lower not in out}
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


# Words that negate ("not", "denied", "failed to"), read in the lower-cased text.
_NEGATING: Final = Caseless(at_word_starts((
    "not", "never", "no longer", "neither", "nor", "denied", "denies", "deny", "refused", "refuses", "without", "no",
    "declined to", "declines to", "failed to", "fails to")))
# A negated auxiliary ("didn't", "won’t") is found by its ending, then its word start looked for:
# a pattern for the whole word is tried at every word and reads each to its end and back.
_NEGATED_ENDING: Final = re.compile(r"n(?<=\wn)[’']t\b")


@per_sentence
def _negation(text: str) -> tuple[int, int] | None:
    """Where the first negation is: a negating word or a negated auxiliary, whichever comes
    first (the word, if both start at one place)."""
    low = lowered(text)
    found = _NEGATING.span_in_lowered(low)
    if ("'" not in low and "’" not in low) or not (ending := _NEGATED_ENDING.search(low)):
        return found
    start = ending.start()
    while start and (low[start - 1].isalnum() or low[start - 1] == "_"):  # what `\w` is
        start -= 1
    return found if found and found[0] <= start else (start, ending.end())


def negation_discrepancies(a: Said, b: Said) -> list[Finding]:
    """One sentence negates what another, largely in the same words, affirms."""
    na, nb = _negation(a.text), _negation(b.text)
    if bool(na) == bool(nb):
        return []
    neg, other = (a, b) if na else (b, a)
    m = na or nb
    assert m is not None
    if quotes_in(other.text) and any(q.start <= m[0] < q.end for q in quotes_in(neg.text)):
        return []  # quoted words: the quote check says how the quotations differ
    wa, wb = content_stems(a.text), content_stems(b.text)
    if min(len(wa), len(wb)) < NEGATION_MIN_SHARED * max(len(wa), len(wb)):
        return []  # too different in length to be one statement
    if len(wa & wb) / max(1, len(wa | wb)) < NEGATION_MIN_SHARED:
        return []
    negated, affirmed = neg.value(*m, "negated"), other.value(0, len(other.text), "affirmed")
    return [Finding(DiscrepancyKind.NEGATION, CONFLICT, f"“{neg.text[m[0]:m[1]]}”",
                    (negated, affirmed) if na else (affirmed, negated))]


# What `figures_in` leaves out and `quantities_in`, `scores_in` and `ordinals_in` read: physical
# units, ages, scores, ordinals, "by a fifth". A cheap test, so that those run only where needed:
# each pattern opens on the characters it can start with (a digit or "-"; the first letters of
# its words; a space or "-" before a unit), which `re` skips to (see `at_word_starts`).
_MORE_FIGURES_DIGITS: Final = re.compile(r"[-\d](?:(?<=\d)(?:\s?[-–]\s?\d|°|[a-zA-Z]|,\s)|(?<=-)old\b)")
_MORE_FIGURES_WORDS: Final = Caseless(at_word_starts((
    "aged", "votes? to", r"by an? (?:half|third|quarter|\w+ths?)", "first", "second", "third", "fourth", "fifth",
    "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth")))
_MORE_FIGURES_UNITS: Final = Caseless(
    r"[\s-](?:km|kilomet\w*|met(?:er|re)s?|miles?|feet|foot|ft|kg|kilo\w*|tonnes?|tons?|lbs?|acres?|hectares?"
    r"|lit(?:re|er)s?|gallons?|barrels?|degrees?|mph|knots?|minutes?|mm|cm|millimet\w*|centimet\w*|megawatts?"
    r"|gigawatts?|magnitude)\b")


def _more_figures(text: str) -> bool:
    if _MORE_FIGURES_DIGITS.search(text):
        return True
    low = lowered(text)
    return _MORE_FIGURES_WORDS.span_in_lowered(low) is not None or _MORE_FIGURES_UNITS.span_in_lowered(low) is not None


class _Hooks(NamedTuple):
    """What a sentence offers each check: two sentences are compared by a check only if their
    hooks meet (see `compare`). Most sentences hold little and the pairs in a large fact are
    many, so this is what keeps discrepancy checking cheap."""

    figures: frozenset[object]  # units of its figures, and "+" for those only comparing reads
    dated: bool
    names: frozenset[tuple[str, str]]
    quoted: bool
    axes: frozenset[str]  # those its words of direction or outcome can take
    negated: bool


@per_sentence
def _hooks(text: str) -> _Hooks:
    return _Hooks(
        # the figures weighing already read (remembered), and a mark for those only comparing reads
        frozenset(f.unit for f in figures_in(text)) | ({"+"} if _more_figures(text) else set()),
        bool(_dates(text)), _keys(text), bool(quotes_in(text)), possible_axes(text),
        _negation(text) is not None)


# Pairs of sentences already compared, with what was found: overlapping facts share members, and
# a pair is read once (a quarter of the comparisons on a corpus of stories; facts come in reading
# order, so the latest pairs are the ones asked again). Emptied when full; the keys hold the
# sources' own sentence strings, never copies of them.
_COMPARED: dict[tuple[object, ...], tuple[Finding, ...]] = {}


def compare(a: Said, b: Said) -> list[Finding]:
    """Everything two sources' sentences state differently (see `_compare`), remembered by where
    the two sentences are and what they say."""
    sa, sb = a.sentence, b.sentence
    key = (a.member.source, a.member.sentence, sa.start, sa.text, b.member.source, b.member.sentence, sb.start, sb.text)
    known = _COMPARED.get(key)
    if known is None:
        if len(_COMPARED) >= SENTENCES_REMEMBERED:
            _COMPARED.clear()
        known = _COMPARED[key] = tuple(_compare(a, b))
    return list(known)


def _compare(a: Said, b: Said) -> list[Finding]:
    """Everything two sources' sentences state differently, asking each check only where the
    sentences' hooks meet: figures of a shared unit, a date or a quotation in each, names where
    each names someone the other does not, a shared axis of direction, a negation in one only."""
    ha, hb = _hooks(a.text), _hooks(b.text)
    found: list[Finding] = []
    if ha.figures & hb.figures:
        found += number_discrepancies(a, b)
    if ha.dated and hb.dated:
        found += date_discrepancies(a, b)
    if ha.names - hb.names and hb.names - ha.names:
        found += entity_discrepancies(a, b)
    if ha.quoted and hb.quoted:
        found += quote_discrepancies(a, b)
    if ha.axes & hb.axes:
        found += direction_discrepancies(a, b)
    if ha.negated != hb.negated:
        found += negation_discrepancies(a, b)
    return found


def _pairs(said: Sequence[Said]) -> list[tuple[int, int]]:
    """The pairs of sentences of different sources to compare: all of them, or in a large fact
    those sharing at least `NEAR_SHARE` of their content words (Jaccard): a disagreement shows
    between close reports, and a fact of 40 reports holds 780 pairs."""
    source = [s.member.source for s in said]
    n = len(said)
    if n <= LARGE_FACT:
        return [(i, j) for i in range(n) for j in range(i + 1, n) if source[i] != source[j]]
    vocabulary: dict[str, int] = {}
    bits = []
    for s in said:  # each sentence's stems as the bits of one integer: intersections in C
        mask = 0
        for stem in content_stems(s.text):
            mask |= 1 << vocabulary.setdefault(stem, len(vocabulary))
        bits.append(mask)
    sizes = [b.bit_count() for b in bits]
    share = NEAR_SHARE / (1 + NEAR_SHARE)  # common >= s * union  <=>  common >= s / (1 + s) * (size_i + size_j)
    out: list[tuple[int, int]] = []
    for i in range(n):
        bi, si, src = bits[i], sizes[i], source[i]
        out.extend((i, j) for j in range(i + 1, n)
                   if source[j] != src and (bi & bits[j]).bit_count() >= share * (si + sizes[j]))
    return out


# --- one discrepancy per disagreement --------------------------------------------------------------

_LABELS: Final = {  # what differs, and why it matters
    ("number", "conflict"): "figures that cannot both be right",
    ("number", "variant"): "figures that can both be true but differ",
    ("date", "conflict"): "different dates for one event, at most one right",
    ("date", "variant"): "one date is less specific, both can be true",
    ("entity", "conflict"): "different people or bodies in one role, at most one right",
    ("quote", "conflict"): "misquote: the same remark in different words",
    ("quote", "variant"): "a shorter excerpt of the same words: see what was left out",
    ("direction", "conflict"): "opposite directions or outcomes, at most one right",
    ("negation", "conflict"): "one source denies what another states",
}


def summarise(kind: DiscrepancyKind, severity: Severity, values: Sequence[Value], reasons: Sequence[str] = ()) -> str:
    """One line: what differs, each distinct value once with the sources that give it, and why."""
    groups: dict[str, list[Value]] = {}
    for v in values:
        groups.setdefault(v.normalized, []).append(v)
    parts = []
    for same in groups.values():
        text = " ".join(same[0].text.split())
        if len(text) > SUMMARY_VALUE_CHARS:
            text = text[: SUMMARY_VALUE_CHARS - 1] + "…"
        parts.append(f"“{text}” ({', '.join(dict.fromkeys(v.source for v in same))})")
    why = "; ".join(list(dict.fromkeys(" ".join(r.split()) for r in reasons))[:MAX_REASONS])
    return f"{_LABELS[(kind, severity)]}: " + " vs ".join(parts) + (f" — {why}" if why else "")


def summary_details(discrepancy: Discrepancy) -> str:
    """The summary without the words that open it, what kind of disagreement it is (see
    `summarise`): for a display that names the kind in its own words."""
    label = _LABELS.get((discrepancy.kind, discrepancy.severity))
    opening = f"{label}: " if label else None
    if opening and discrepancy.summary.startswith(opening):
        return discrepancy.summary[len(opening):]
    return discrepancy.summary


def discrepancy_id(kind: DiscrepancyKind, values: Iterable[Value], sentences: Mapping[tuple[str, int], str]) -> str:
    """Stable across re-alignment: a hash of the kind and, per value, its source, the words of its
    sentence and its normal form (not fact numbers or offsets, which change)."""
    keys = sorted({f"{v.source}\x1f{' '.join(sentences[(v.source, v.sentence)].split()).casefold()}\x1f{v.normalized}"
                   for v in values})
    digest = hashlib.sha1("\x1e".join([str(kind), *keys]).encode("utf-8")).hexdigest()
    return f"d{digest[:12]}"


def merge(found: Sequence[Finding], sentences: Mapping[tuple[str, int], str]) -> tuple[Discrepancy, ...]:
    """One discrepancy per disagreement, however many source pairs showed it: findings of one kind
    that share a value are joined; a conflict outranks a variant."""
    merged: list[tuple[DiscrepancyKind, list[Finding], dict[tuple[str, int, int], Value]]] = []
    for f in found:
        keys = {(v.source, v.start, v.end): v for v in f.values}
        hits = [m for m in merged if m[0] == f.kind and keys.keys() & m[2].keys()]
        target = hits[0] if hits else (f.kind, [], {})
        if not hits:
            merged.append(target)
        for other in hits[1:]:
            target[1].extend(other[1])
            target[2].update(other[2])
            merged.remove(other)
        target[1].append(f)
        target[2].update(keys)
    out = []
    for kind, findings, values in merged:
        severity = CONFLICT if any(f.severity is CONFLICT for f in findings) else VARIANT
        reasons = [f.reason for f in sorted(findings, key=lambda f: f.severity is not severity)]
        ordered = tuple(sorted(values.values(), key=lambda v: (v.source, v.start)))
        out.append(Discrepancy(kind, severity, summarise(kind, severity, ordered, reasons), ordered,
                               discrepancy_id(kind, ordered, sentences)))
    return tuple(out)


# --- word diff -----------------------------------------------------------------------------------


def word_diff(said: Sequence[Said]) -> tuple[WordDiff, ...]:
    """Per member: words whose stems every source's sentence has, and the rest."""
    by_source: dict[str, set[str]] = {}
    for s in said:
        by_source.setdefault(s.member.source, set()).update(content_stems(s.text))
    common = set.intersection(*by_source.values()) if by_source else set()
    out = []
    for s in said:
        offset = s.sentence.start
        shared: list[tuple[int, int]] = []
        differing: list[tuple[int, int]] = []
        for start, end, stem in _content_words(s.text):
            (shared if stem in common else differing).append((offset + start, offset + end))
        out.append(WordDiff(s.member.source, s.member.sentence, tuple(shared), tuple(differing)))
    return tuple(out)


@per_sentence
def _content_words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((w.start, w.end, w.stem) for w in words(text) if w.content)


# --- facts ---------------------------------------------------------------------------------------


def _texts(said: Iterable[Said]) -> dict[tuple[str, int], str]:
    return {(s.member.source, s.member.sentence): s.text for s in said}


def examine(fact: Fact, sources: Mapping[str, Source],
            likely: Callable[[SentenceRef, SentenceRef], bool] | None = None) -> Fact:
    """The fact with its discrepancies and word diff filled in (unchanged if single-source).
    With `likely`, a disagreement is found only between members it accepts (likely on their
    own to report one fact: a sentence can join a fact through one partner and say nothing of
    the same thing as another); other pairs of members can only add their sources to a
    disagreement already found, on a side already taken."""
    if fact.single_source:
        return fact
    said = sorted((Said.of(m, sources[m.source]) for m in fact.members),
                  key=lambda s: (s.member.source, s.member.sentence))
    # pairs come in source order (see `_ordered`)
    refs = [s.member.ref for s in said]
    weak: list[tuple[int, int]] = []
    if likely is None:
        strong = _pairs(said)
    else:  # every likely pair, however large the fact; every other one can take a side
        strong = []
        for i in range(len(said)):
            for j in range(i + 1, len(said)):
                if refs[i].source != refs[j].source:
                    (strong if likely(refs[i], refs[j]) else weak).append((i, j))
    found = [f for i, j in strong for f in compare(said[i], said[j])]
    if found and weak:  # the rest is read only against sentences already taking a side
        sides = {(f.kind, v.normalized) for f in found for v in f.values}
        taking = {SentenceRef(v.source, v.sentence) for f in found for v in f.values}
        weak = [(i, j) for i, j in weak if refs[i] in taking or refs[j] in taking]
        found += [f for i, j in weak for f in compare(said[i], said[j]) if any((f.kind, v.normalized) in sides
                                                                                for v in f.values)]
    return replace(fact, discrepancies=merge(found, _texts(said)), diff=word_diff(said))


def mutual_best_pairs(refs: Sequence[SentenceRef], sims: Mapping[tuple[int, int], float],
                      min_similarity: float = MIN_LINK_SIMILARITY) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of sentences of two sources that are each other's best match in the
    other's source (ties to the earlier sentence), at `min_similarity` or more."""
    source = [r.source for r in refs]
    best: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), s in sims.items():
        if s < min_similarity:
            continue
        for x, y in ((i, j), (j, i)):
            key = (x, source[y])
            held = best.get(key)
            if held is None or s > held[0] or (s == held[0] and y < held[1]):
                best[key] = (s, y)
    return sorted((x, y) for (x, _), (_, y) in best.items()
                  if x < y and best.get((y, source[x]), (0.0, -1))[1] == x)


class Link(NamedTuple):
    """Two sentences each other's best match in the other's source that no fact holds together,
    and the facts each is primary in."""

    first: SentenceRef
    second: SentenceRef
    first_fact: int
    second_fact: int


def unlinked(facts: Sequence[Fact], refs: Sequence[SentenceRef], sims: Mapping[tuple[int, int], float]) -> list[Link]:
    """The mutual best matches (`mutual_best_pairs`) that no fact holds together: what membership
    alone decides, so they can be compared alongside the facts."""
    home: dict[tuple[str, int], int] = {}
    within: dict[tuple[str, int], set[int]] = {}  # every fact a sentence is a member of
    for n, fact in enumerate(facts):
        for m in fact.members:
            key = (m.source, m.sentence)
            within.setdefault(key, set()).add(n)
            if m.primary:
                home[key] = n
    out = []
    for i, j in mutual_best_pairs(refs, sims):
        ri, rj = refs[i], refs[j]
        ki, kj = (ri.source, ri.sentence), (rj.source, rj.sentence)
        if ki in home and kj in home and not within[ki] & within[kj]:
            out.append(Link(ri, rj, home[ki], home[kj]))
    return out


def link_findings(facts: Sequence[Fact], sources: Mapping[str, Source], link: Link) -> list[Finding]:
    """What the two sentences of a link state differently; where they disagree, each is also
    compared with the other's fact, so the disagreement carries every source that takes a side."""
    ri, rj = link.first, link.second
    pair = [_said(r, sources) for r in (ri, rj)]
    found = compare(*_ordered(*pair))
    if not found:
        return found
    for lone, partner in ((pair[0], link.second_fact), (pair[1], link.first_fact)):
        for m in facts[partner].primary:
            if m.source != lone.member.source and m.ref not in (ri, rj):
                found.extend(f for f in compare(*_ordered(lone, _said(m.ref, sources))) if f.kind in
                             {g.kind for g in found})
    return found


def attach_links(facts: Sequence[Fact], sources: Mapping[str, Source], links: Sequence[Link],
                 findings: Sequence[Sequence[Finding]]) -> tuple[Fact, ...]:
    """Each link's disagreements not already known, on the fact of one of its two sentences (the
    one more sources report; else the earlier), naming the other fact."""
    added: dict[int, list[Discrepancy]] = {}
    known = {d.id for f in facts for d in f.discrepancies}
    for (ri, rj, fi, fj), found in zip(links, findings, strict=True):
        if not found:
            continue
        spans = {(v.source, v.start) for f in found for v in f.values if (v.source, v.sentence) in
                 {(ri.source, ri.sentence), (rj.source, rj.sentence)}}
        target, other = (fi, fj) if (len(facts[fi].sources), -fi) >= (len(facts[fj].sources), -fj) else (fj, fi)
        away = {(m.source, m.sentence) for m in facts[other].members}
        texts = {(v.source, v.sentence): sources[v.source].sentences[v.sentence].text for f in found for v in f.values}
        for d in merge(found, texts):
            if d.id in known or not {(v.source, v.start) for v in d.values} & spans:
                continue
            known.add(d.id)
            outside = sorted({v.source for v in d.values if (v.source, v.sentence) in away})
            note = f" ({', '.join(outside)}: in fact {facts[other].id})"
            added.setdefault(target, []).append(replace(d, summary=d.summary + note, other_fact=facts[other].id))
    return tuple(replace(f, discrepancies=f.discrepancies + tuple(added.get(n, ()))) if n in added else f
                 for n, f in enumerate(facts))


def link_facts(facts: Sequence[Fact], sources: Mapping[str, Source], refs: Sequence[SentenceRef],
               sims: Mapping[tuple[int, int], float]) -> tuple[Fact, ...]:
    """Check the mutual best matches that no fact holds together, so that a contradiction is not
    lost to the threshold (`unlinked`, `link_findings`, `attach_links`; the pipeline shares the
    comparing with the facts' own)."""
    links = unlinked(facts, refs, sims)
    return attach_links(facts, sources, links, [link_findings(facts, sources, link) for link in links])


def _said(ref: SentenceRef, sources: Mapping[str, Source]) -> Said:
    return Said.of(Mention(ref.source, ref.sentence), sources[ref.source])


def _ordered(a: Said, b: Said) -> tuple[Said, Said]:
    """Two sentences in source order, so that findings read the same way whoever asks."""
    return (a, b) if (a.member.source, a.member.sentence) <= (b.member.source, b.member.sentence) else (b, a)


def examine_texts(*texts: str) -> tuple[Discrepancy, ...]:
    """Discrepancies among texts taken as reports of one fact, every sentence of each a member:
    how the checks see sentences on their own, whatever grouping would make of them."""
    from .sentences import split_sentences  # noqa: PLC0415 - only this helper splits text itself

    sources = {}
    for n, text in enumerate(texts, start=1):
        sentences = tuple(Sentence(k, sp.start, sp.end, text[sp.start:sp.end])
                          for k, sp in enumerate(split_sentences(text)))
        sources[f"text{n}"] = Source(f"text{n}", None, None, text, sentences)
    members = tuple(Mention(s.id, k) for s in sources.values() for k in range(len(s.sentences)))
    return examine(Fact("f", 1.0, members), sources).discrepancies
