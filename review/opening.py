"""Opening a review: the articles read and split into sentences, and the reviewer's saved
judgements loaded (`open_review`: quick, so the articles can be shown at once), then compared
at the threshold the reviewer left off at (`compare`: the costly part). No Textual: the app
runs each in a worker and adopts the results."""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from align.model import Alignment
from align.shipped import shipped_threshold
from align.sources import RawText, read_texts, require_two
from align.splitting import lines_in_several, split_source

from .session import ReviewSession

if TYPE_CHECKING:  # the engine that compares is imported when comparing starts, after the articles are shown
    from align.pipeline import Prepared, Progress


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the app was started with. `texts` (already read from `paths`) save reading them
    again; `alignment` (and `prepared`, to allow re-aligning) skip reading and comparing.
    `threshold` None: where the reviewer left off these articles, else `default_threshold`,
    else the engine's default."""

    paths: Sequence[str | os.PathLike[str]] = ()
    threshold: float | None = None
    review_path: Path | None = None
    texts: Sequence[RawText] | None = None
    alignment: Alignment | None = None
    prepared: Prepared | None = None
    default_threshold: float | None = None  # where neither `threshold` nor the saved review says (the settings)


@dataclass(frozen=True, slots=True)
class Opened:
    """An open review. While `comparing` holds the articles, `alignment` has their sentences
    but no facts yet: `compare` them, at `alignment.threshold`, and adopt the result."""

    session: ReviewSession
    alignment: Alignment
    prepared: Prepared | None  # None: the alignment came ready (its threshold is fixed), or is being compared
    warnings: tuple[str, ...] = field(default=())  # for the reviewer: review file, input
    comparing: tuple[RawText, ...] = ()


def open_review(inputs: Inputs, said: Callable[[str], None] | None = None) -> Opened:
    """Read, load the saved review, split the articles into sentences; InputError for bad
    input. `said` hears of each stage before it starts."""
    if inputs.alignment is not None:
        ids = tuple(s.id for s in inputs.alignment.sources)
    else:
        if said is not None and inputs.texts is None:
            said("Reading articles…")
        raws = list(inputs.texts) if inputs.texts is not None else read_texts(inputs.paths)
        require_two(raws)
        ids = tuple(r.id for r in raws)
    session = ReviewSession(inputs.review_path, ids)
    problem = session.open()
    warnings = (problem,) if problem else ()
    if inputs.alignment is not None:
        return Opened(session, inputs.alignment, inputs.prepared, warnings)
    threshold = inputs.threshold or session.state.threshold or inputs.default_threshold or shipped_threshold()
    shared = lines_in_several(raws)
    sentences = Alignment(tuple(split_source(raw, shared) for raw in raws), (), threshold)
    return Opened(session, sentences, None, warnings, tuple(raws))


def compare(raws: Sequence[RawText], threshold: float, progress: Progress | None = None) -> tuple[Alignment, Prepared]:
    """The articles compared and grouped into facts at `threshold` (the same sentences as
    `open_review` showed), and the comparison, to re-align at other thresholds."""
    from align.pipeline import prepare, regroup  # noqa: PLC0415 - not before the articles are on screen

    prepared = prepare(raws, progress)
    return regroup(prepared, threshold), prepared
