"""Review state on disk: written atomically, read carefully, never overwritten silently.

A save writes a temporary file beside the review file, flushes it to disk and renames it over
the old one, so a crash at any moment leaves either the old file or the new one. A file that
cannot be read is renamed aside, never written over.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .verdicts import DiscrepancyKey, Judgement, ReviewState, SentenceKey, verdict_of

VERSION = 1
FOLDER = ".parallax"


class ReviewFileError(Exception):
    """The review file could not be used; the message says what was done about it."""


def default_path(source_ids: Sequence[str], source_paths: Sequence[str | None]) -> Path:
    """`.parallax/<name>.review.json` beside the first source read from disk (else here),
    named from the set of sources so that the same set of articles finds its review again."""
    first = next((Path(p) for p in source_paths if p), None)
    folder = (first.parent if first else Path.cwd()) / FOLDER
    ids = sorted(source_ids)
    digest = hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()[:10]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in ids[0])[:40]
    return folder / f"{stem}+{len(ids) - 1}-{digest}.review.json"


def to_dict(state: ReviewState) -> dict[str, Any]:
    return {
        "version": VERSION,
        "sources": list(state.sources),
        "position": {"threshold": state.threshold, "at": "" if state.at is None else str(state.at)},
        "judgements": [
            {"anchor": [str(key) for key in j.anchor], "detail": "" if j.detail is None else str(j.detail),
             "verdict": j.verdict, "note": j.note, "excerpt": j.excerpt, "updated": j.updated}
            for j in state.judgements
        ],
    }


def _text(raw: dict[str, Any], field: str) -> str:
    value = raw.get(field, "")
    if not isinstance(value, str):
        raise ValueError(f"a judgement's {field} is not text")
    return value


def from_dict(data: Any) -> ReviewState:
    """Parse a review document, checking every field; ValueError names what is wrong."""
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError(f"not a version {VERSION} Parallax review")
    sources, raws = data.get("sources", []), data.get("judgements", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise ValueError("its sources are not a list of names")
    if not isinstance(raws, list):
        raise ValueError("its judgements are not a list")
    judgements = []
    for raw in raws:
        if not isinstance(raw, dict) or not isinstance(raw.get("anchor"), list) \
                or not all(isinstance(a, str) for a in raw["anchor"]):
            raise ValueError("a judgement has no anchor")
        verdict = raw.get("verdict")
        if verdict is not None and not isinstance(verdict, str):
            raise ValueError(f"unknown verdict {str(verdict)[:40]!r}")
        detail = _text(raw, "detail")
        judgements.append(Judgement(
            anchor=tuple(SentenceKey.parse(key) for key in raw["anchor"]),
            detail=DiscrepancyKey.parse(detail) if detail else None,
            verdict=None if verdict is None else verdict_of(verdict), note=_text(raw, "note"),
            excerpt=_text(raw, "excerpt"), updated=_text(raw, "updated"),
        ))
    position = data.get("position") or {}
    if not isinstance(position, dict):
        raise ValueError("its position is not a threshold and a sentence")
    threshold, at = position.get("threshold"), position.get("at", "")
    in_range = threshold is None or (isinstance(threshold, (int, float)) and 0 < threshold <= 1)
    if not in_range or not isinstance(at, str):
        raise ValueError("its position is not a threshold and a sentence")
    return ReviewState(tuple(sources), tuple(judgements), None if threshold is None else float(threshold),
                       SentenceKey.parse(at) if at else None)


def load(path: Path, sources: Sequence[str], *, move_aside: bool = True) -> ReviewState:
    """The saved review, or a fresh one if there is none. An unreadable file raises
    ReviewFileError; when the caller will write a new review there, the file is first moved
    aside (`<name>.corrupt-<time>`) so that nothing the reviewer wrote is overwritten."""
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # nothing saved there (yet)
        return ReviewState(tuple(sources))
    except OSError as err:
        raise ReviewFileError(f"{path}: cannot read the review file ({err.strerror or err})") from None
    try:
        return from_dict(json.loads(raw.decode("utf-8")))
    except (ValueError, TypeError, RecursionError, UnicodeDecodeError) as err:
        if not move_aside:
            raise ReviewFileError(f"{path}: review file is unreadable ({err}); ignoring it") from None
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            path.rename(aside)
        except OSError as move_err:
            raise ReviewFileError(f"{path}: review file is unreadable ({err}) and could not be moved aside "
                                  f"({move_err.strerror or move_err}); not touching it") from None
        raise ReviewFileError(f"{path}: review file was unreadable ({err}); kept it as {aside.name} "
                              "and started a fresh review") from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(path: Path, content: str, *, make_folders: bool = True) -> None:
    """Replace `path` with `content` so that a crash leaves the old file or the new, never half.
    Errors name `path`, not the temporary file."""
    try:
        if make_folders:
            path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # as any file the user writes, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OSError(err.errno, err.strerror, str(path)) from None
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def save(path: Path, state: ReviewState) -> None:
    write_atomically(path, json.dumps(to_dict(state), ensure_ascii=False, indent=2) + "\n")
