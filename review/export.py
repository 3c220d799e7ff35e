"""The review part of the JSON document: the judgements placed on an alignment, beside it."""
from __future__ import annotations

from typing import Any

from align.export import dumps
from align.export import to_dict as alignment_dict

from .index import Review
from .verdicts import Judgement


def _judgement(j: Judgement) -> dict[str, Any]:
    return {"verdict": j.verdict, "note": j.note, "updated": j.updated}


def _elsewhere(j: Judgement) -> dict[str, Any]:
    """A judgement not on a fact of this alignment: what it was about, and what it says."""
    return {"excerpt": j.excerpt, "detail": "" if j.detail is None else str(j.detail), **_judgement(j)}


def _review(review: Review, path: str) -> dict[str, Any]:
    reviewed, total = review.progress
    attached = review.attached
    return {
        "file": path,
        "reviewed": reviewed,
        "total": total,
        "facts": {fid: _judgement(j) for fid, j in sorted(attached.facts.items())},
        "discrepancies": [{"fact": fid, "index": k, **_judgement(j)}
                          for (fid, k), j in sorted(attached.discrepancies.items())],
        "orphaned": [_elsewhere(j) for j in attached.orphans],
        "stacked": [_elsewhere(j) for j in attached.stacked],
    }


def to_dict(review: Review, path: str) -> dict[str, Any]:
    """The alignment's document with the review (the judgements placed on it, and the review
    file's path) under `"review"`."""
    return {**alignment_dict(review.alignment), "review": _review(review, path)}


def to_json(review: Review, path: str, indent: int | None = None) -> str:
    """Compact, as the alignment alone is printed (`indent` for a person to read)."""
    return dumps(to_dict(review, path), indent)
