"""The JSON Lines output: one writer at a time, resumed where it stopped, never half-written.

The file is locked (an advisory `flock`) for the whole batch, so a second batch on the same
OUT is refused instead of interleaving lines. Each finished story is one `write` of one
complete line to the end of the file, unbuffered, so a kill at any moment loses at most the
stories still in flight. On opening, the lines already there say which stories are done; a
cut-off last line (a power cut, a full disk) is dropped and its story done again. A file
that is not a batch output is never written to.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from .lines import PREFIX, parse, story_of


class OutputError(Exception):
    """OUT cannot be used: the message says why, in one line."""


class WriteFailed(Exception):
    """OUT could not take a line (a full disk); the lines before it are intact."""


@dataclass
class Done:
    """What OUT held when the batch opened it."""

    stories: set[str] = field(default_factory=set)  # story keys
    errors: set[str] = field(default_factory=set)  # those recorded as errors

    @property
    def failed(self) -> int:
        return len(self.errors)
    threshold: float | None = None  # of the first alignment in it
    dropped: int = 0  # bytes of a cut-off last line, removed


class Output:
    """An open, locked batch output. Use `open_output`."""

    def __init__(self, path: str, fd: int, size: int, replaced: int | None = None) -> None:
        self.path = path
        self._fd = fd
        self.size = size
        self._replaced = replaced  # the file OUT was before errors were taken out, kept locked

    def write(self, line: bytes) -> None:
        """Append one complete line, or leave the file as it was and raise WriteFailed."""
        try:
            written = 0
            while written < len(line):
                written += os.write(self._fd, line[written:])
        except OSError as err:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, self.size)  # never leave part of a line behind
            raise WriteFailed(f"{self.path}: cannot write ({err.strerror or err})") from None
        self.size += len(line)

    def lines(self) -> Iterator[bytes]:
        """Every line in the file now, read through its own handle."""
        with open(os.dup(self._fd), "rb") as f:
            f.seek(0)
            yield from f

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.fsync(self._fd)
        os.close(self._fd)  # closing the descriptor releases the lock
        if self._replaced is not None:
            os.close(self._replaced)

    def __enter__(self) -> Output:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_output(path: str, *, retry_failed: bool = False) -> tuple[Output, Done]:
    """OUT opened for appending and locked, with what it already holds (OutputError if it
    cannot be used: not a regular file, another batch writing it, not a batch output). With
    `retry_failed`, its error lines are taken out first, so those stories are done again."""
    fd = _open_locked(path)
    try:
        with open(os.dup(fd), "rb") as f:  # a duplicate shares the offset: start from 0
            f.seek(0)
            done, keep = _scan(f, path)
        if keep < os.fstat(fd).st_size:
            done.dropped = os.fstat(fd).st_size - keep
            os.ftruncate(fd, keep)
            os.fsync(fd)
        if retry_failed and done.errors:
            new, keep = _without_errors(path, fd)
            done.stories -= done.errors
            done.errors.clear()
            return Output(path, new, keep, replaced=fd), done
    except BaseException:
        os.close(fd)
        raise
    return Output(path, fd, keep), done


def _open_locked(path: str) -> int:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise OutputError(f"{path}: cannot use it ({err.strerror or err})") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{path}: not a regular file; the output must be a file it can resume from")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOCTTY | os.O_CLOEXEC, 0o666)
    except OSError as err:
        raise OutputError(f"{path}: cannot write ({err.strerror or err})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # it changed since the check above
            raise OutputError(f"{path}: not a regular file")
        _lock(fd, path)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _lock(fd: int, path: str) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise OutputError(f"{path}: another parallax batch is writing it; wait for that one to "
                          "finish, or choose another -o") from None
    except OSError:
        pass  # a filesystem without locks: go on unprotected rather than refuse


def _without_errors(path: str, fd: int) -> tuple[int, int]:
    """OUT without its error lines, put in its place whole (a new file, flushed, locked, then
    renamed over it), open for appending; and its size."""
    folder = os.path.dirname(os.path.abspath(path))
    temporary_fd, temporary = tempfile.mkstemp(prefix=".parallax-batch-", suffix=".tmp", dir=folder)
    try:
        with open(os.dup(fd), "rb") as source, os.fdopen(temporary_fd, "wb") as copy:
            source.seek(0)
            for line in source:
                found = story_of(line)
                if found is not None and not found[1]:
                    copy.write(line)
            copy.flush()
            os.fsync(copy.fileno())
        os.chmod(temporary, stat.S_IMODE(os.fstat(fd).st_mode))
        new = os.open(temporary, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
        _lock(new, path)  # before it is OUT: no other batch can take it in between
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    directory = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return new, os.fstat(new).st_size


def _scan(f: BinaryIO, path: str) -> tuple[Done, int]:
    """The stories in OUT, and how many bytes of it are complete lines."""
    done = Done()
    offset = 0
    for number, line in enumerate(f, start=1):
        found = story_of(line)
        if found is None:
            if not line.endswith(b"\n") and _cut_off(line):
                break  # the last line, cut off mid-write: dropped, its story redone
            raise OutputError(f"{path}: line {number} is not a parallax batch result; refusing to add "
                              "to this file (choose another -o)")
        key, failed = found
        done.stories.add(key)
        if failed:
            done.errors.add(key)
        if done.threshold is None and not failed:
            done.threshold = _threshold(line)
        offset += len(line)
    return done, offset


def _cut_off(line: bytes) -> bool:
    """A batch line cut short (or the zeros a power cut can leave at a file's end)."""
    return line.startswith(PREFIX) or PREFIX.startswith(line) or not line.strip(b"\0")


def _threshold(line: bytes) -> float | None:
    try:
        value = parse(line).get("threshold")
    except ValueError:
        return None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
