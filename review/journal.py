"""The journal beside a review file: each verdict, note or place saved as one appended line, so
that saving costs what changed, not what the review holds.

A header line names the journal's generation; compacting the review into its file starts a new
one, so a reader that kept its place in the old journal knows to read the review again. Lines
are appended whole under the review's lock; a reader takes only complete lines, and skips (and
counts) any it cannot read.
"""
from __future__ import annotations

import errno
import os
import stat
import uuid
from dataclasses import dataclass
from pathlib import Path

from .files import write_atomically
from .format import Change, change_of, generation_of, journal_header

SUFFIX = ".journal"
MAX_BYTES = 1 << 30  # a journal larger than this is not one of ours


@dataclass(frozen=True, slots=True)
class Mark:
    """Where a reader of a journal left off: which journal, and how many bytes of it it has read."""

    generation: str
    offset: int


@dataclass(frozen=True, slots=True)
class Read:
    mark: Mark
    changes: tuple[Change, ...]
    skipped: int  # lines that were not a change this Parallax can read


def path_for(review: Path) -> Path:
    return review.with_name(review.name + SUFFIX)


def _open(path: Path, flags: int) -> int:
    """The journal, never through a symlink and never anything but a regular file."""
    fd = os.open(path, flags | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return fd


def read(path: Path, since: Mark | None = None) -> Read | None:
    """The changes in the journal at `path` (after `since`, if it is still the same journal);
    None if there is none. ValueError (or format.NewerFormat) if its header is not one we
    wrote; OSError if it cannot be read."""
    try:
        fd = _open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as journal:
        if os.fstat(fd).st_size > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES >> 20} MiB")
        header = journal.readline()
        if not header.endswith(b"\n"):
            raise ValueError("it has no header")
        generation = generation_of(header)
        start = len(header)
        if since is not None and since.generation == generation and since.offset >= start:
            start = since.offset
        journal.seek(start)
        data = journal.read()
    whole = data[:data.rfind(b"\n") + 1]  # a line still being written is read next time
    changes: list[Change] = []
    skipped = 0
    for line in whole.splitlines():
        try:
            changes.append(change_of(line))
        except ValueError:
            skipped += 1
    return Read(Mark(generation, start + len(whole)), tuple(changes), skipped)


def start(path: Path) -> Mark:
    """A new, empty journal in place of any (the caller holds the review's lock)."""
    generation = uuid.uuid4().hex
    header = journal_header(generation)
    write_atomically(path, header, make_folders=False, follow_symlinks=False)  # ours: never through a link
    return Mark(generation, len(header))


def append(path: Path, lines: list[bytes]) -> Mark:
    """Add `lines` to the journal (started if there is none), flushed to disk, and say where it
    ends now; the caller holds the review's lock. A failed write (a full disk) is taken back
    whole. ValueError if the journal there is not one of ours."""
    if not os.path.lexists(path):
        start(path)
    fd = _open(path, os.O_RDWR | os.O_APPEND)
    try:
        size = os.fstat(fd).st_size
        head = os.pread(fd, 4096, 0)
        generation = generation_of(head[:head.find(b"\n") + 1])
        torn = os.pread(fd, 1, size - 1) != b"\n"  # a line cut short (power lost mid-write)
        data = (b"\n" if torn else b"") + b"".join(lines)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)
            raise
        return Mark(generation, size + len(data))
    finally:
        os.close(fd)


def size(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
