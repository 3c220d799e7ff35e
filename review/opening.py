"""Opening a review: the articles read and compared (unless already), and the reviewer's saved
judgements loaded, at the threshold they left off at. No Textual: the app runs this in a
worker and adopts the result."""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from align.model import Alignment
from align.pipeline import DEFAULT_THRESHOLD, Prepared, Progress, prepare, regroup
from align.sources import RawText, read_texts

from .session import ReviewSession


@dataclass(frozen=True, slots=True)
class Inputs:
    """What the app was started with. `texts` (already read from `paths`) save reading them
    again; `alignment` (and `prepared`, to allow re-aligning) skip reading and comparing.
    `threshold` None: where the reviewer left off these articles, else the default."""

    paths: Sequence[str | os.PathLike[str]] = ()
    threshold: float | None = None
    review_path: Path | None = None
    texts: Sequence[RawText] | None = None
    alignment: Alignment | None = None
    prepared: Prepared | None = None


@dataclass(frozen=True, slots=True)
class Opened:
    session: ReviewSession
    alignment: Alignment
    prepared: Prepared | None  # None: the alignment came ready, its threshold is fixed
    warnings: tuple[str, ...] = field(default=())  # for the reviewer: review file, input


def open_review(inputs: Inputs, progress: Progress | None = None,
                said: Callable[[str], None] | None = None) -> Opened:
    """Read, load the saved review, compare; InputError for bad input. `said` hears of each
    stage before it starts, `progress` of the comparison as it goes."""
    if inputs.alignment is not None:
        ids = tuple(s.id for s in inputs.alignment.sources)
    else:
        raws = list(inputs.texts) if inputs.texts is not None else read_texts(inputs.paths)
        ids = tuple(r.id for r in raws)
    session = ReviewSession(inputs.review_path, ids)
    problem = session.open()
    warnings = (problem,) if problem else ()
    if inputs.alignment is not None:
        return Opened(session, inputs.alignment, inputs.prepared, warnings)
    if said is not None:
        said(f"Comparing {len(raws)} sources…")
    prepared = prepare(raws, progress)
    threshold = inputs.threshold or session.state.threshold or DEFAULT_THRESHOLD
    return Opened(session, regroup(prepared, threshold), prepared, (*warnings, *prepared.warnings))
