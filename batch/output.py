"""The JSON Lines output: one writer at a time, resumed where it stopped, never half-written.

The file is locked (an advisory `flock`) for the whole batch, so a second batch on the same
OUT is refused instead of interleaving lines. Each finished story is one `write` of one
complete line to the end of the file, unbuffered, so a kill at any moment loses at most the
stories still in flight. On opening, the lines already there say which stories are done; a
cut-off last line (a power cut, a full disk) is dropped and its story done again. A file
that is not a batch output is never written to.
"""
from __future__ import annotations

import fcntl
import json
import os
import stat
from dataclasses import dataclass, field
from typing import BinaryIO, Iterator

from .lines import PREFIX, story_of


class OutputError(Exception):
    """OUT cannot be used: the message says why, in one line."""


class WriteFailed(Exception):
    """OUT could not take a line (a full disk); the lines before it are intact."""


@dataclass
class Done:
    """What OUT held when the batch opened it."""

    stories: set[str] = field(default_factory=set)  # story keys
    failed: int = 0
    threshold: float | None = None  # of the first alignment in it
    dropped: int = 0  # bytes of a cut-off last line, removed


class Output:
    """An open, locked batch output. Use `open_output`."""

    def __init__(self, path: str, fd: int, size: int) -> None:
        self.path = path
        self._fd = fd
        self.size = size

    def write(self, line: bytes) -> None:
        """Append one complete line, or leave the file as it was and raise WriteFailed."""
        try:
            written = 0
            while written < len(line):
                written += os.write(self._fd, line[written:])
        except OSError as err:
            try:
                os.ftruncate(self._fd, self.size)  # never leave part of a line behind
            except OSError:
                pass
            raise WriteFailed(f"{self.path}: cannot write ({err.strerror or err})") from None
        self.size += len(line)

    def lines(self) -> Iterator[bytes]:
        """Every line in the file now, read through its own handle."""
        with open(os.dup(self._fd), "rb") as f:
            f.seek(0)
            yield from f

    def close(self) -> None:
        try:
            os.fsync(self._fd)
        except OSError:
            pass
        os.close(self._fd)  # closing the descriptor releases the lock

    def __enter__(self) -> "Output":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_output(path: str) -> tuple[Output, Done]:
    """OUT opened for appending and locked, with what it already holds (OutputError if it
    cannot be used: not a regular file, another batch writing it, not a batch output)."""
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
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(f"{path}: another parallax batch is writing it; wait for that one to "
                              "finish, or choose another -o") from None
        except OSError:
            pass  # a filesystem without locks: go on unprotected rather than refuse
        with open(os.dup(fd), "rb") as f:
            done, keep = _scan(f, path)
        if keep < os.fstat(fd).st_size:
            done.dropped = os.fstat(fd).st_size - keep
            os.ftruncate(fd, keep)
            os.fsync(fd)
    except BaseException:
        os.close(fd)
        raise
    return Output(path, fd, keep), done


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
        done.failed += failed
        if done.threshold is None and not failed:
            done.threshold = _threshold(line)
        offset += len(line)
    return done, offset


def _cut_off(line: bytes) -> bool:
    """A batch line cut short (or the zeros a power cut can leave at a file's end)."""
    return line.startswith(PREFIX) or PREFIX.startswith(line) or not line.strip(b"\0")


def _threshold(line: bytes) -> float | None:
    try:
        value = json.loads(line).get("threshold")
    except ValueError:
        return None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
