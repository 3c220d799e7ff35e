"""The JSON document (version 1): plain dicts in a fixed order, so output is byte-stable."""
from __future__ import annotations

import json
from typing import Any

from .model import Alignment, Discrepancy, Fact, Source, WordDiff
from .verdicts import Attached, Judgement, progress

VERSION = 1


def _source(src: Source, shared: dict[str, int]) -> dict[str, Any]:
    return {
        "id": src.id,
        "path": src.path,
        "title": src.title,
        "text": src.text,
        "shared_facts": shared.get(src.id, 0),
        "sentences": [
            {"start": s.start, "end": s.end, "text": s.text, "boilerplate": s.boilerplate, "kind": s.kind.value}
            for s in src.sentences
        ],
    }


def _discrepancy(d: Discrepancy) -> dict[str, Any]:
    return {
        "id": d.id,
        "kind": d.kind,
        "severity": d.severity,
        "summary": d.summary,
        "other_fact": d.other_fact,
        "values": [
            {"source": v.source, "sentence": v.sentence, "start": v.start, "end": v.end, "text": v.text,
             "normalized": v.normalized}
            for v in d.values
        ],
    }


def _diff(w: WordDiff) -> dict[str, Any]:
    return {"source": w.source, "sentence": w.sentence, "shared": [list(s) for s in w.shared],
            "differing": [list(s) for s in w.differing]}


def _fact(f: Fact) -> dict[str, Any]:
    return {
        "id": f.id,
        "score": f.score,
        "sources": list(f.sources),
        "members": [{"source": m.source, "sentence": m.sentence, "primary": m.primary} for m in f.members],
        "discrepancies": [_discrepancy(d) for d in f.discrepancies],
        "diff": [_diff(w) for w in f.diff],
    }


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


def to_dict(alignment: Alignment, review: tuple[Attached, str] | None = None) -> dict[str, Any]:
    shared: dict[str, int] = {}
    for f in alignment.facts:
        if not f.single_source:
            for sid in f.sources:
                shared[sid] = shared.get(sid, 0) + 1
    doc = {
        "version": VERSION,
        "threshold": alignment.threshold,
        "sources": [_source(s, shared) for s in alignment.sources],
        "facts": [_fact(f) for f in alignment.facts],
    }
    if review is not None:
        doc["review"] = _review(alignment, *review)
    return doc


def to_json(alignment: Alignment, review: tuple[Attached, str] | None = None, indent: int | None = 2) -> str:
    """The JSON document; with `review` (the judgements placed on it, and the review file's
    path) it carries the review state too."""
    return json.dumps(to_dict(alignment, review), ensure_ascii=False, indent=indent)
