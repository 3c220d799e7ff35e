"""Pausing Python's cycle collector while the engine builds its many small objects.

The engine parses every sentence into hundreds of thousands of small objects (tokens, words,
names, dates, vectors, the JSON document) that its caches keep, and makes no garbage cycles.
The cycle collector would walk them again and again as they pile up: a fifth to a third of the
run on large inputs (measured). Reference counting still frees what a stage drops; collection
resumes after the stage, unless the caller had turned it off.
"""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_cycle_collection() -> Iterator[None]:
    """A block (or, as a decorator, a function) run with the cycle collector off."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
