"""Fact ids that name a fact by what it says, not by where it falls in a list.

A fact's id is a short digest of its anchor: the sentence that opens it in reading order (its
source's id and its words, whitespace and case folded), and the clause of that sentence that
reports the fact when it reports several. Re-aligning at another threshold adds sentences to a
fact or takes some away, and puts other facts before it, but keeps its first sentence in most
cases, so the fact keeps its id: a reviewer's "fk3vx7" is the same fact before and after `+`.
Of the facts that open on the same sentence and clause (a sentence can report several facts),
the largest keeps that id and the others are told apart by all their sentences; the rare digest
shared by two different anchors is lengthened.
"""
from __future__ import annotations

import hashlib
import re
from base64 import b32encode
from collections.abc import Sequence

from .model import Mention, Source

PREFIX = "f"
SHORT = 5  # base32 characters after the prefix: 33 million ids
LONG = 12  # for the few ids whose short digests would collide
_SPACE = re.compile(r"\s+")


def _words(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def anchor_key(mention: Mention, sources: dict[str, Source]) -> str:
    """What one member says, independent of where it is: source id, the sentence's words and
    the clause through which it reports the fact."""
    source = sources[mention.source]
    words = _words(source.sentences[mention.sentence].text)
    clause = _words(source.text[mention.clause[0]:mention.clause[1]]) if mention.clause else ""
    return f"{mention.source}\x00{words}\x00{clause}"


def _digest(key: str, length: int) -> str:
    raw = hashlib.sha1(key.encode("utf-8")).digest()
    return PREFIX + b32encode(raw).decode("ascii").lower()[:length]


def fact_ids(facts: Sequence[Sequence[Mention]], sources: dict[str, Source]) -> list[str]:
    """An id for each fact, given as its members (the first opens it), unique in the list and
    the same for the same opening sentence whatever else the list holds."""
    keys = [anchor_key(members[0], sources) for members in facts]
    main: dict[str, int] = {}  # of the facts opening on one sentence, the largest keeps the plain key
    for n, (key, members) in enumerate(zip(keys, facts, strict=True)):
        if key not in main or len(members) > len(facts[main[key]]):
            main[key] = n
    for n, members in enumerate(facts):  # the others are told apart by all their sentences
        if main[keys[n]] != n:
            keys[n] += "\x01" + "\x01".join(sorted(anchor_key(m, sources) + ("" if m.primary else "\x02")
                                                   for m in members[1:]))
    short: dict[str, set[str]] = {}
    for key in keys:
        short.setdefault(_digest(key, SHORT), set()).add(key)
    ids: list[str] = []
    taken: set[str] = set()
    copies: dict[str, int] = {}  # an article that repeats a sentence opens facts on each copy
    for key in keys:
        fid = _digest(key, SHORT if len(short[_digest(key, SHORT)]) == 1 else LONG)
        candidate, n = fid, copies.get(fid, 1)
        while candidate in taken:  # counted on from the last copy, so n copies cost n steps, not n²
            n += 1
            candidate = f"{fid}-{n}"
        copies[fid] = n
        taken.add(candidate)
        ids.append(candidate)
    return ids
