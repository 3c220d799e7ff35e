"""Rule-based English sentence splitter that returns character spans.

Spans (not strings) are returned so callers can map alignments back onto the
original text. Only ``re`` is used: nltk costs ~1 s to import, which blows the
start-up budget, and its models need a download.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tokens import WORD

__all__ = ["SentenceSpan", "split_paragraphs", "split_sentences"]


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """One sentence: ``text[start:end]``, stripped, from paragraph ``paragraph``."""

    start: int
    end: int
    paragraph: int


# A stripped line: starts and ends on non-whitespace and never crosses \r or \n.
_PARAGRAPH = re.compile(r"\S(?:[^\r\n]*\S)?")

# Candidate boundary: terminal punctuation, optional closers, then whitespace.
# The split point is after group 2; the next sentence starts at match.end().
# (?<!...): a run of stops is tried from its start only; tried from inside it too, "....." was quadratic
_BOUNDARY = re.compile(r"(?<![.!?…])([.!?…]+)([\"”’')\]»]*)\s+")

_OPEN_QUOTES = frozenset("“\"‘'«")
_CLOSE_QUOTES = frozenset("”\"’'»")
_SENTENCE_START_PUNCT = _OPEN_QUOTES | frozenset("([")
_TERMINALS = frozenset(".!?…")
_DASHES = "—–―-"

_INITIAL_AHEAD = re.compile(r"[A-Z]\.")
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")

# Longest abbreviation token worth looking at; longer words are never abbreviations.
_MAX_TOKEN = 12
_MAX_ATTRIBUTION_WORDS = 12

# Titles precede a name, so a capitalised word after them is never a new sentence.
_TITLES = frozenset(
    "Mr Mrs Ms Mx Messrs Dr Prof Gen Sen Rep Gov Lt Col Maj Capt Cmdr Adm Brig "
    "Sgt Cpl Pvt St Mt Ft Rev Fr Hon Pres Supt Insp Det Atty Amb".split()
)
# Mid-sentence by nature: the following word is never a new sentence.
_NEVER_FINAL = frozenset("e.g E.g i.e I.e cf Cf vs Vs v viz approx Approx".split())
# Reference and month abbreviations only bind to a following number ("No. 5", "Jan. 5").
_BEFORE_NUMBER = frozenset(
    "No Nos Vol Vols p pp Fig Figs Art Ch Sec Pt "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)
# Can end a sentence too (lower-cased); dotted acronyms ("U.S", "a.m") behave the same.
_MAYBE_FINAL = frozenset("corp inc ltd co bros jr sr plc llc ave rd blvd dept etc est al".split())

# After an abbreviation that may end a sentence, only these words prove a new one started.
_OPENERS = frozenset(
    """
    The A An He She It They We I You This That These Those There Here
    In On At But And Or So Yet If When While After Before As Since Until Unless
    His Her Its Their Our My Your Some Many Most Other Others Such Both Each Every
    Meanwhile However Still Also Moreover Furthermore Nevertheless Nonetheless
    Thus Therefore Instead Indeed Otherwise Overall Separately Further Again
    For With By From To Of Under Over Among During Despite Without Through
    According Although Though Because Even Now Then Today Yesterday Tomorrow
    Last Next Earlier Later Once What Who Why How Where Which Neither Nor Not No Yes
    """.split()
)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines (split on \\n, \\r\\n, \\r), whitespace-stripped.

    A leading BOM is skipped so it never ends up inside a span.
    """
    start = 1 if text.startswith("\ufeff") else 0
    return [m.span() for m in _PARAGRAPH.finditer(text, start)]


def split_sentences(text: str) -> list[SentenceSpan]:
    """All sentences of the text, in order."""
    paragraphs = split_paragraphs(text)
    sentences: list[SentenceSpan] = []
    index = 0
    while index < len(paragraphs):
        para_start, para_end = paragraphs[index]
        start = para_start
        for match in _BOUNDARY.finditer(text, para_start, para_end):
            if _is_boundary(text, match, para_start):
                sentences.append(SentenceSpan(start, match.end(2), index))
                start = match.end()
        following = index + 1
        if following < len(paragraphs) and _is_attribution(
            text, paragraphs[index], paragraphs[following]
        ):
            # The attribution is the quote's byline, not a sentence of its own.
            para_end = paragraphs[following][1]
            following += 1
        sentences.append(SentenceSpan(start, para_end, index))
        index = following
    return sentences


def _is_boundary(text: str, match: re.Match[str], para_start: int) -> bool:
    """Whether the candidate ``match`` really ends a sentence."""
    position = match.end()  # first character of the would-be next sentence
    following = text[position]
    if not (following.isupper() or following.isdigit() or following in _SENTENCE_START_PUNCT):
        return False
    if match.group(1) != "." or match.group(2):
        # "?", "!", "..." and closing quotes are unambiguous sentence ends.
        return True
    token = _token_before(text, match.start(), para_start)
    if token in _TITLES or token in _NEVER_FINAL:
        return False
    if token in _BEFORE_NUMBER:
        return not following.isdigit()
    if len(token) == 1 and token.isupper():
        # An initial ("George W. Bush") unless a plain opener follows ("Plan B. The").
        return _starts_with_opener(text, position) and not _INITIAL_AHEAD.match(text, position)
    if token.lower() in _MAYBE_FINAL or _DOTTED_ACRONYM.fullmatch(token):
        return following in _OPEN_QUOTES or _starts_with_opener(text, position)
    return True


def _token_before(text: str, dot: int, para_start: int) -> str:
    """The word that ends at ``dot``, without leading brackets/quotes; "" if too long."""
    low = max(para_start, dot - _MAX_TOKEN)
    chunk = text[low:dot]
    if not chunk or chunk[-1].isspace():
        return ""
    parts = chunk.rsplit(None, 1)
    if len(parts) == 1 and low > para_start and not text[low - 1].isspace():
        return ""
    return parts[-1].lstrip("\"“‘'([{«" + _DASHES)


def _starts_with_opener(text: str, position: int) -> bool:
    """Whether a typical sentence-opening word starts at ``position``."""
    word = WORD.match(text, position)
    return word is not None and word.group().replace("’", "'").split("'")[0] in _OPENERS


def _is_attribution(text: str, quote: tuple[int, int], line: tuple[int, int]) -> bool:
    """Whether ``line`` is a short dash attribution ("— Name, place") of paragraph ``quote``."""
    quote_start, quote_end = quote
    last = quote_end - 1
    if text[last] in _TERMINALS:
        last -= 1  # British style: “…”.
    if last <= quote_start or text[quote_start] not in _OPEN_QUOTES or text[last] not in _CLOSE_QUOTES:
        return False
    line_start, line_end = line
    if text[line_start] not in _DASHES:
        return False
    words = text[line_start:line_end].lstrip(_DASHES).split(None, _MAX_ATTRIBUTION_WORDS)
    return len(words) <= _MAX_ATTRIBUTION_WORDS
