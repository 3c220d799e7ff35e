"""Telling site chrome from article text by the shape of a line, not by a list of lines.

Signals: a line with no sentence punctuation and only a few words (navigation, "Published",
"on"); a line printed again (a headline twice); words that web pages use around, never in,
news copy (newsletter, subscribe, advertise ...) near the top or bottom or on a line with no
sentence punctuation; a short unpunctuated line that other sources carry verbatim.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import SentenceKind
from .tokens import token_texts

_QUOTED = re.compile(r"\s*[\"“‘']")  # a pull quote, not a headline
_TERMINAL = re.compile(r"[.!?…:;\"”’)\]。！？]\s*$")
# Words web pages put around news copy. Site chrome: said on a line of its own.
_CHROME = re.compile(
    r"\b(newsletters?|subscribe|subscription|sign[ -]?up|sign[ -]?in|log[ -]?in|advertise|"
    r"advertisement|advertising|sponsored|cookies?|privacy policy|terms of (?:use|service)|"
    r"all rights reserved|copyright|follow us|connect with us|share (?:this|on)|click here|"
    r"read more|related (?:articles|stories|posts)|recommended|download (?:the|our) app|"
    r"editor[’']s (?:digest|picks)|unlock|free trial|podcast|whatsapp channel)\b",
    re.IGNORECASE,
)
# The few that mark even a punctuated sentence as a promo, near the top or the bottom.
_PROMO = re.compile(
    r"\b((?:our|this|weekly|daily|free)\s+newsletters?|subscribe to (?:our|this|the)|sign[ -]?up (?:for|to|here)|"
    r"follow us|connect with us|click here|all rights reserved|download (?:the|our) app|free trial|"
    r"privacy policy|terms of (?:use|service))\b",
    re.IGNORECASE,
)
SHORT_LINE_WORDS = 2  # 'Published', 'Technology', 'Share': labels, not headlines
HEADLINE_MAX_WORDS = 25
EDGE_LINES = 3
PROMO_MAX_WORDS = 30


@dataclass(frozen=True, slots=True)
class LineVerdict:
    kind: SentenceKind
    title: bool = False


def line_key(line: str) -> str:
    """What makes two lines 'the same line': their words, case-folded."""
    return " ".join(token_texts(line.casefold()))


def classify_lines(lines: list[str], shared_elsewhere: frozenset[str] = frozenset()) -> list[LineVerdict]:
    """A verdict per paragraph; at most one line is the title."""
    verdicts: list[LineVerdict] = []
    seen: set[str] = set()
    title_found = False
    last = len(lines) - 1
    for i, line in enumerate(lines):
        key = line_key(line)
        words = len(key.split())
        punctuated = bool(_TERMINAL.search(line))
        at_edge = i < EDGE_LINES or i > last - EDGE_LINES
        promo = (not punctuated and words <= HEADLINE_MAX_WORDS and bool(_CHROME.search(line))) or (
            at_edge and words <= PROMO_MAX_WORDS and bool(_PROMO.search(line)))
        heading = line.lstrip().startswith("#")  # a Markdown heading says what it is
        chrome = (
            key in seen
            or not words
            or (not punctuated and words <= SHORT_LINE_WORDS and not heading)
            or promo
            or (not punctuated and key in shared_elsewhere and words <= HEADLINE_MAX_WORDS)
        )
        seen.add(key)
        if chrome:
            verdicts.append(LineVerdict(SentenceKind.BOILERPLATE))
        elif not punctuated and words <= HEADLINE_MAX_WORDS and not _QUOTED.match(line):
            title = not title_found and i < 2 * EDGE_LINES
            verdicts.append(LineVerdict(SentenceKind.HEADLINE, title=title))
            title_found = title_found or title
        else:
            verdicts.append(LineVerdict(SentenceKind.BODY))
    return verdicts
