"""The lock writers of one review take: an advisory `flock` on a file beside the review, so that
sessions (the app, scripts using the API) change it one at a time. Never waited on forever."""
from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TIMEOUT = 10.0  # s


class LockTimeout(Exception):
    """Another session held the lock for longer than we would wait."""

    def __init__(self, path: Path, waited: float) -> None:
        super().__init__(f"{path} is busy: another Parallax session held its lock for {waited:g} s")
        self.path = path


def _open(path: Path) -> int:
    """The lock file, made if need be; a symlink or anything but a regular file there is refused."""
    flags = os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o666)
    except PermissionError:  # a lock file made by another user, in a folder we cannot write: read it
        fd = os.open(path, os.O_RDONLY | flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "the lock file is not a regular file", str(path))
    return fd


@contextmanager
def locked(path: Path, timeout: float = TIMEOUT) -> Iterator[None]:
    """Hold the lock on `path` (created if need be) for the block. LockTimeout if it cannot be
    had within `timeout` s; OSError if the lock file cannot be made (a folder we cannot write)."""
    fd = _open(path)
    try:
        deadline = time.monotonic() + timeout
        pause = 0.0005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(path, timeout) from None
                time.sleep(pause)
                pause = min(pause * 2, 0.02)
        yield
    finally:
        os.close(fd)  # releases the lock
