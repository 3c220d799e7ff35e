"""The review file's JSON: the whole review (the file itself), and one change (a line of its
journal). Everything read is checked field by field and cleaned of control characters, as
article text is: review files travel with the articles, so what they say is untrusted.
"""
from __future__ import annotations

import json
import re
from typing import Any

from align.untrusted import SURROGATE, clean

from .verdicts import DiscrepancyKey, Judgement, Position, ReviewState, SentenceKey, verdict_of

VERSION = 1
JOURNAL_VERSION = 1


class NewerFormat(ValueError):
    """Written by a newer Parallax, in a format this one does not know."""

    def __init__(self, version: int) -> None:
        super().__init__(f"it was written by a newer Parallax (format {version}; this one reads {VERSION})")


def _version(data: dict[str, Any], field: str, known: int, what: str) -> None:
    version = data.get(field)
    if isinstance(version, int) and not isinstance(version, bool) and version > known:
        raise NewerFormat(version)
    if version != known:
        raise ValueError(f"not a version {known} Parallax {what}")


def cleaned(text: str) -> str:
    """`clean`, and no lone surrogates: review text from a file, or from a caller of the API,
    as it may be shown and saved. Quick for the text that needs nothing (nearly all)."""
    return text if text.isprintable() else SURROGATE.sub("", clean(text))


def _text(raw: dict[str, Any], field: str) -> str:
    value = raw.get(field, "")
    if not isinstance(value, str):
        raise ValueError(f"a judgement's {field} is not text")
    return cleaned(value)


def judgement_dict(j: Judgement) -> dict[str, Any]:
    return {"anchor": [str(key) for key in j.anchor], "detail": "" if j.detail is None else str(j.detail),
            "verdict": j.verdict, "note": j.note, "excerpt": j.excerpt, "updated": j.updated}


def judgement_of(raw: Any) -> Judgement:
    """A judgement from its JSON; ValueError names what is wrong."""
    if not isinstance(raw, dict) or not isinstance(raw.get("anchor"), list) \
            or not all(isinstance(a, str) for a in raw["anchor"]):
        raise ValueError("a judgement has no anchor")
    verdict = raw.get("verdict")
    if verdict is not None and not isinstance(verdict, str):
        raise ValueError(f"unknown verdict {str(verdict)[:40]!r}")
    detail = _text(raw, "detail")
    return Judgement(
        anchor=tuple(SentenceKey.parse(cleaned(key)) for key in raw["anchor"]),
        detail=DiscrepancyKey.parse(detail) if detail else None,
        verdict=None if verdict is None else verdict_of(verdict), note=_text(raw, "note"),
        excerpt=_text(raw, "excerpt"), updated=_text(raw, "updated"),
    )


def position_dict(state: ReviewState) -> dict[str, Any]:
    place: dict[str, Any] = {"threshold": state.threshold, "at": "" if state.at is None else str(state.at)}
    if state.moved:
        place["moved"] = state.moved
    return place


def position_of(raw: Any) -> Position:
    """(threshold, sentence, when) from a position's JSON; ValueError if it is not one."""
    if not isinstance(raw, dict):
        raise ValueError("its position is not a threshold and a sentence")
    threshold, at, moved = raw.get("threshold"), raw.get("at", ""), raw.get("moved", "")
    in_range = threshold is None or (isinstance(threshold, (int, float)) and not isinstance(threshold, bool)
                                     and 0 < threshold <= 1)
    if not in_range or not isinstance(at, str) or not isinstance(moved, str):
        raise ValueError("its position is not a threshold and a sentence")
    return (None if threshold is None else float(threshold), SentenceKey.parse(cleaned(at)) if at else None,
            cleaned(moved))


def to_dict(state: ReviewState) -> dict[str, Any]:
    return {
        "version": VERSION,
        "sources": list(state.sources),
        "position": position_dict(state),
        "judgements": [judgement_dict(j) for j in state.judgements],
    }


def from_dict(data: Any) -> ReviewState:
    """Parse a review document, checking every field; ValueError names what is wrong
    (NewerFormat if a newer Parallax wrote it)."""
    if not isinstance(data, dict):
        raise ValueError(f"not a version {VERSION} Parallax review")
    _version(data, "version", VERSION, "review")
    sources, raws = data.get("sources", []), data.get("judgements", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise ValueError("its sources are not a list of names")
    if not isinstance(raws, list):
        raise ValueError("its judgements are not a list")
    judgements = tuple(judgement_of(raw) for raw in raws)
    threshold, at, moved = position_of(data.get("position") or {})
    return ReviewState(tuple(cleaned(s) for s in sources), judgements, threshold, at, moved)


def dumps(state: ReviewState) -> str:
    """The review file's text (indented, as it always was: people read and diff it)."""
    return json.dumps(to_dict(state), ensure_ascii=False, indent=2) + "\n"


def loads(raw: bytes) -> ReviewState:
    """A review file's bytes parsed; ValueError (or NewerFormat) if they are not a review."""
    try:
        return from_dict(json.loads(raw.decode("utf-8")))
    except (TypeError, RecursionError, UnicodeDecodeError) as err:
        raise ValueError(str(err)) from None


_REVIEW_OPENING = re.compile(rb'\s*\{\s*"version"\s*:\s*\d+\s*,\s*"sources"\s*:\s*\[|\{"parallax journal"')


def looks_like_review(head: bytes) -> bool:
    """Whether a file opening on `head` (its first few hundred bytes) is a review file or a
    journal, whatever its name: `--review` may give one any name."""
    return _REVIEW_OPENING.match(head) is not None


# -- the journal: a header line, then one change a line ---------------------------------

def journal_header(generation: str) -> bytes:
    """The journal's first line: its format, and a name for this journal that the next
    compaction changes, so that a reader knows where it left off is gone."""
    return _line({"parallax journal": JOURNAL_VERSION, "generation": generation})


def generation_of(line: bytes) -> str:
    """The generation a journal's header line names; ValueError (NewerFormat) if it is none."""
    data = _parsed(line)
    if not isinstance(data, dict):
        raise ValueError("not a Parallax review journal")
    _version(data, "parallax journal", JOURNAL_VERSION, "review journal")
    generation = data.get("generation")
    if not isinstance(generation, str) or not generation:
        raise ValueError("not a Parallax review journal")
    return generation


def judgement_line(j: Judgement) -> bytes:
    return _line({"judgement": judgement_dict(j)})


def position_line(state: ReviewState) -> bytes:
    return _line({"position": position_dict(state)})


Change = Judgement | Position


def change_of(line: bytes) -> Change:
    """A journal line: a judgement, or a position (threshold, sentence, when); ValueError if it
    is neither."""
    data = _parsed(line)
    if isinstance(data, dict) and len(data) == 1:
        if "judgement" in data:
            return judgement_of(data["judgement"])
        if "position" in data:
            return position_of(data["position"])
    raise ValueError("not a change to a review")


def _line(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _parsed(line: bytes) -> Any:
    try:
        return json.loads(line.decode("utf-8"))
    except (TypeError, RecursionError, UnicodeDecodeError) as err:
        raise ValueError(str(err)) from None
