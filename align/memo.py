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

F = TypeVar("F", bound=Callable[..., Any])


def per_sentence(read: F) -> F:
    """`read` (of a sentence's text, or of a few) remembered for the latest sentences."""
    return cast(F, lru_cache(maxsize=SENTENCES_REMEMBERED)(read))
