"""What the engine remembers of the sentences it has read, and for how many.

Stages and checks ask the same things of one sentence (its words, names, dates, figures), so
each answer is remembered, but only for the sentences read most recently: memory then stays
flat however long the input (a 5 MB article has 28,000 sentences), while the sentences a stage
is working on (a fact's members, a window of neighbours) are read once.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar, cast

SENTENCES_REMEMBERED = 8192
# Answers of a few bytes that a later stage asks again (a sentence's figures: weighing reads
# them, comparing reads them again) are remembered for this many: 8 MB at most, not a re-read.
SMALL_ANSWERS_REMEMBERED = 65536

F = TypeVar("F", bound=Callable[..., Any])


def per_sentence(read: F) -> F:
    """`read` (of a sentence's text, or of a few) remembered for the latest sentences."""
    return cast(F, lru_cache(maxsize=SENTENCES_REMEMBERED)(read))


def per_sentence_small(read: F) -> F:
    """`read`, whose answers are small, remembered for `SMALL_ANSWERS_REMEMBERED` sentences."""
    return cast(F, lru_cache(maxsize=SMALL_ANSWERS_REMEMBERED)(read))
