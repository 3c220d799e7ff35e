"""Where the files a reviewer asks for (a report, a screenshot) go: the current folder, where
people look; else the review file's folder; else the state folder. A new file each time, never
one written over: the reviewer may have edited the last report.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

from .session import fallback_for

MAX_TRIES = 100


def folders(review_file: Path | None) -> list[Path]:
    """The folders to try, in order (a current folder that was deleted is none)."""
    places = []
    with suppress(OSError):
        places.append(Path.cwd())
    if review_file is not None:
        places.append(review_file.parent)
    return places


def write_new(places: Sequence[Path], name: str, content: str) -> Path:
    """Write `content` to a new file `name` in the first folder of `places` that takes it (the
    state folder if none does), numbering the name (`report-2.md`) if it is taken; the full
    path written. OSError, naming the first place tried, if nowhere can be written."""
    first_error: OSError | None = None
    state = fallback_for(Path("/") / name)  # the state folder, if there is one
    for folder in [*places, *([state.parent] if state else [])]:
        try:
            return _write_new(folder, name, content)
        except OSError as err:
            first_error = first_error or err
    raise first_error or OSError(f"no folder to write {name} in")


def _write_new(folder: Path, name: str, content: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise OSError(err.errno, err.strerror, str(folder / name)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
        stem, dot, suffix = name.partition(".")
        for n in range(1, MAX_TRIES + 1):
            target = folder / (name if n == 1 else f"{stem}-{n}{dot}{suffix}")
            if _claim(tmp, target):
                return target
        raise OSError(17, "too many files of that name", str(folder / name))
    finally:
        Path(tmp).unlink(missing_ok=True)


def _claim(tmp: str, target: Path) -> bool:
    """Give the written file the name `target` unless a file has it: a hard link does that in
    one step; where links are not supported, a rename after looking."""
    try:
        os.link(tmp, target)
        return True
    except FileExistsError:
        return False
    except OSError:
        if target.exists():
            return False
        os.replace(tmp, target)
        return True
