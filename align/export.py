"""The JSON document (version 1): plain dicts in a fixed order, so output is byte-stable."""
from __future__ import annotations

import json
from typing import Any

from .cycles import paused_cycle_collection
from .model import Alignment, Discrepancy, Fact, Source, SourceMeta, WordDiff
from .untrusted import escape_in_json, written_out

VERSION = 1


def _meta(meta: SourceMeta | None) -> dict[str, str | None] | None:
    if meta is None:
        return None
    return {"title": meta.title, "site": meta.site, "author": meta.author, "date": meta.date, "url": meta.url,
            "language": meta.language}


def _source(src: Source, shared: dict[str, int]) -> dict[str, Any]:
    return {
        "id": src.id,
        "path": None if src.path is None else written_out(src.path),  # a file name need not be UTF-8
        "title": src.title,
        "label": src.name,
        "format": src.format.value,
        "meta": _meta(src.meta),
        "text": src.text,
        "shared_facts": shared[src.id],
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
        "members": [{"source": m.source, "sentence": m.sentence, "primary": m.primary,
                     "clause": list(m.clause) if m.clause else None} for m in f.members],
        "discrepancies": [_discrepancy(d) for d in f.discrepancies],
        "diff": [_diff(w) for w in f.diff],
    }


@paused_cycle_collection()
def to_dict(alignment: Alignment) -> dict[str, Any]:
    shared = alignment.shared_facts()
    doc = {
        "version": VERSION,
        "threshold": alignment.threshold,
        "sources": [_source(s, shared) for s in alignment.sources],
        "facts": [_fact(f) for f in alignment.facts],
    }
    return doc


def dumps(doc: dict[str, Any], indent: int | None = None) -> str:
    """A document as the command prints it: compact (the C encoder; `indent` forces Python's,
    3x slower and 3x larger), UTF-8 text with every terminal-active character escaped."""
    return escape_in_json(json.dumps(doc, ensure_ascii=False, indent=indent))


def to_json(alignment: Alignment, indent: int | None = None) -> str:
    """The JSON document of an alignment."""
    return dumps(to_dict(alignment), indent)
