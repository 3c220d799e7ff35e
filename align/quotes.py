"""Quotations in a sentence, who is said to speak them, and how two quotations of one remark
relate: the same words (however punctuated, cased or spelt: "U.S.A." is "USA"), a shorter
excerpt, or the same remark in other words (a misquote).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import Enum
from typing import Final

from .memo import per_sentence
from .names import Name, names_in, same_entity
from .tokens import stem
from .words import SAYING, words

_QUOTE: Final = re.compile(r"“([^”]{3,})”|\"([^\"]{3,})\"|‘([^’]{12,})’")
_ELLIPSIS: Final = re.compile(r"…|\.\.\.|\[\s*\.\.\.\s*\]")
# "called it “...”"
_SPEECH: Final = SAYING | {stem(w) for w in "call calls called describe describes described".split()}
_PRONOUNS: Final = frozenset("he she they it we i you who which this that".split())
MIN_WORDS: Final = 3
MISQUOTE_MIN_SHARED: Final = 0.5  # of the shorter quotation's words, in order: the same remark
SAME_WORDS_SHARED: Final = 0.8  # nearly verbatim: the same words, whoever is said to speak them


class Relation(Enum):
    SAME = "same"
    EXCERPT = "excerpt"
    MISQUOTE = "misquote"
    UNRELATED = "unrelated"


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # of the quoted words, inside the marks
    end: int
    text: str
    stems: tuple[str, ...]  # folded: case, punctuation, spelling and abbreviation dots do not count
    elided: bool  # an ellipsis marks words left out

    @property
    def folded(self) -> str:
        """The quoted words, case and punctuation left out: how a reviewer compares them."""
        return " ".join(w.lower.replace(".", "") for w in words(self.text))


@per_sentence
def quotes_in(text: str) -> tuple[Quote, ...]:
    out = []
    for m in _QUOTE.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        inner = m.group(g)
        stems = tuple(w.stem for w in words(inner))
        if len(stems) >= MIN_WORDS:
            out.append(Quote(m.start(g), m.end(g), inner, stems, bool(_ELLIPSIS.search(inner))))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Speaker:
    name: Name | None
    noun: str  # "minister", "spokesman" when no name says who


@per_sentence
def speaker(text: str) -> Speaker | None:
    """Who the sentence says speaks: the one name or noun right before or after a verb of saying
    ("Smith said", "said Mayor Lopez", "a spokesman said"), outside the quotation marks; None if
    unknown or if several are."""
    inside = [(q.start, q.end) for q in quotes_in(text)]
    ws = [w for w in words(text) if not any(s <= w.start < e for s, e in inside)]
    names = [n for n in names_in(text) if not any(s <= n.start < e for s, e in inside)]
    found: list[Speaker] = []
    for k, w in enumerate(ws):
        if w.stem not in _SPEECH or w.text[0].isupper():
            continue
        for near in (ws[k - 1] if k else None, ws[k + 1] if k + 1 < len(ws) else None):
            if near is None or near.lower in _PRONOUNS:
                continue
            name = next((n for n in names if n.start <= near.start < n.end), None)
            if name is not None:
                found.append(Speaker(name, ""))
                break
            if near.content and near.text.islower() and near.stem not in _SPEECH:
                found.append(Speaker(None, near.stem))
                break
    distinct = {(s.name.key if s.name else "", s.noun) for s in found}
    return found[0] if len(distinct) == 1 else None


def different_speakers(a: Speaker | None, b: Speaker | None) -> bool:
    """Whether two sentences are known to quote different people."""
    if a is None or b is None:
        return False
    if a.name and b.name:
        return not same_entity(a.name, b.name)
    return bool(a.noun and b.noun and a.noun != b.noun)


def relate(a: Quote, b: Quote) -> tuple[Relation, float]:
    """How two quotations relate, and the share of the shorter one's words the other has, in order."""
    if a.stems == b.stems:
        return Relation.SAME, 1.0
    short, long = sorted((a, b), key=lambda q: len(q.stems))
    n = len(short.stems)
    if any(long.stems[i:i + n] == short.stems for i in range(len(long.stems) - n + 1)):
        return Relation.EXCERPT, 1.0
    matcher = SequenceMatcher(None, short.stems, long.stems, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    share = shared / n
    if shared == n and short.elided:
        return Relation.EXCERPT, 1.0  # "we will ... rebuild"
    if shared >= MIN_WORDS and share >= MISQUOTE_MIN_SHARED and not _overlapping_ends(matcher, short, long):
        return Relation.MISQUOTE, share
    return Relation.UNRELATED, share


def _overlapping_ends(matcher: SequenceMatcher[str], short: Quote, long: Quote) -> bool:
    """Two excerpts of a longer remark that overlap: one ends with the words the other starts with."""
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if len(blocks) != 1:
        return False
    b = blocks[0]
    return (b.a == 0 and b.b + b.size == len(long.stems)) or (b.b == 0 and b.a + b.size == len(short.stems))


def differing_words(a: Quote, b: Quote) -> tuple[str, str]:
    """The words of each quotation that the other does not have where it has them, as written;
    words only one of them quotes before or after the other's are an excerpt, not a difference."""
    wa, wb = words(a.text), words(b.text)
    matcher = SequenceMatcher(None, [w.stem for w in wa], [w.stem for w in wb], autojunk=False)
    ops = matcher.get_opcodes()
    equal = [k for k, op in enumerate(ops) if op[0] == "equal"]
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in ops[equal[0]:equal[-1] + 1] if equal else ops:  # where they run side by side
        if op != "equal":
            left.extend(w.text for w in wa[i1:i2])
            right.extend(w.text for w in wb[j1:j2])
    return " ".join(left), " ".join(right)
