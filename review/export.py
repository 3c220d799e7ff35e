"""The review part of the JSON document: the judgements placed on an alignment, beside it."""
from __future__ import annotations

from typing import Any

from align.export import dumps
from align.export import to_dict as alignment_dict
from align.model import Alignment

from .verdicts import Attached, Judgement, progress


def _judgement(j: Judgement) -> dict[str, Any]:
    return {"verdict": j.verdict, "note": j.note, "updated": j.updated}


def _review(alignment: Alignment, attached: Attached, path: str) -> dict[str, Any]:
    reviewed, total = progress(attached, alignment.facts)
    return {
        "file": path,
        "reviewed": reviewed,
        "total": total,
        "facts": {fid: _judgement(j) for fid, j in sorted(attached.facts.items())},
        "discrepancies": [{"fact": fid, "index": k, **_judgement(j)}
                          for (fid, k), j in sorted(attached.discrepancies.items())],
        "orphaned": [{"excerpt": j.excerpt, "detail": j.detail, **_judgement(j)} for j in attached.orphans],
        "stacked": [{"excerpt": j.excerpt, "detail": j.detail, **_judgement(j)} for j in attached.stacked],
    }


def to_dict(alignment: Alignment, attached: Attached, path: str) -> dict[str, Any]:
    """The alignment's document with the review (the judgements placed on it, and the review
    file's path) under `"review"`."""
    return {**alignment_dict(alignment), "review": _review(alignment, attached, path)}


def to_json(alignment: Alignment, attached: Attached, path: str, indent: int | None = 2) -> str:
    return dumps(to_dict(alignment, attached, path), indent)
