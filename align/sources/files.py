"""Bytes from files, pipes, devices and stdin, read so that no input can hang Parallax or fill
its memory.

The size cap is enforced while reading, never from `st_size` (a device such as /dev/zero
reports 0 and never ends; files under /proc report 0 and have content). Pipes, devices and
stdin are read for at most `timeout` seconds in all, like a page: a FIFO nobody writes to
would block forever, and one fed a byte at a time would hold the run for as long. Binary
data is refused as soon as a NUL byte shows.
"""
from __future__ import annotations

import errno
import os
import select
import stat
import time
from pathlib import Path
from typing import BinaryIO

from .rawtext import InputError

MB = 1024 * 1024
CHUNK = 64 * 1024
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 text has NUL bytes and is still text


def binary_error(name: str) -> InputError:
    return InputError(f"{name}: looks like a binary file, not text")


def too_big(name: str, limit: int) -> InputError:
    return InputError(f"{name}: larger than {limit // MB} MB")


def cannot_read(name: str, err: OSError) -> InputError:
    if err.errno in (errno.ENOENT, errno.ENOTDIR):
        return InputError(f"{name}: no such file or directory")
    return InputError(f"{name}: cannot read ({err.strerror or err})")


class _Collector:
    """Chunks gathered under the cap, with the NUL check as they arrive."""

    def __init__(self, name: str, limit: int) -> None:
        self.name, self.limit = name, limit
        self.data = bytearray()

    def add(self, chunk: bytes) -> None:
        self.data += chunk
        if len(self.data) > self.limit:
            raise too_big(self.name, self.limit)
        if b"\x00" in chunk and not self.data.startswith(UTF16_BOMS):
            raise binary_error(self.name)


def _read_regular(fd: int, into: _Collector) -> bytes:
    while chunk := os.read(fd, CHUNK):
        into.add(chunk)
    return bytes(into.data)


def _read_stream(fd: int, into: _Collector, timeout: float) -> bytes:
    """A pipe, socket or device: read what arrives until end of file, for `timeout` seconds at most."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLPRI)
    deadline = time.monotonic() + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(max(1, int(left * 1000))):
            if not into.data:
                raise InputError(f"{into.name}: cannot read: nothing arrived for {timeout:g} s "
                                 "(is anything writing to it?)")
            raise InputError(f"{into.name}: cannot read: still arriving after {timeout:g} s (see --timeout)")
        try:
            chunk = os.read(fd, CHUNK)
        except BlockingIOError:
            continue
        if not chunk:
            return bytes(into.data)
        into.add(chunk)


# opening a FIFO never waits for a writer, and a terminal never becomes ours
_NEVER_WAIT = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC


def read_fd(fd: int, name: str, *, limit: int, timeout: float) -> bytes:
    """Everything `fd` holds, up to `limit` bytes."""
    into = _Collector(name, limit)
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return _read_regular(fd, into)
        return _read_stream(fd, into, timeout)
    except OSError as err:
        raise cannot_read(name, err) from None


def read_path(path: Path, *, limit: int, timeout: float) -> bytes:
    """The bytes of the file at `path` (followed through symlinks), capped and timed as above.
    Opening never blocks: a FIFO is opened non-blocking and then waited on."""
    name = str(path)
    try:
        fd = os.open(path, _NEVER_WAIT)
    except OSError as err:
        raise cannot_read(name, err) from None
    try:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise InputError(f"{name}: is a directory")
        return read_fd(fd, name, limit=limit, timeout=timeout)
    finally:
        os.close(fd)


def read_small_regular(path: Path, limit: int) -> bytes:
    """A small file's bytes (settings, an @list, a saved page compared), at most `limit` + 1.
    Opened without blocking and refused, as OSError "not a regular file", unless it is one: a
    FIFO would wait for a writer for ever, a device never end."""
    fd = os.open(path, _NEVER_WAIT)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        data = bytearray()
        while len(data) <= limit and (chunk := os.read(fd, min(CHUNK, limit + 1 - len(data)))):
            data += chunk
        return bytes(data)
    finally:
        os.close(fd)


def read_stdin(stream: BinaryIO, *, limit: int, timeout: float) -> bytes:
    """Standard input, capped and timed like a pipe. The descriptor is left blocking: it is
    shared with the shell, so only `poll` decides when a read cannot block."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # an in-memory stream: nothing to wait for
        into = _Collector("<stdin>", limit)
        into.add(stream.read(limit + 1))
        return bytes(into.data)
    return read_fd(fd, "<stdin>", limit=limit, timeout=timeout)


def list_directory(path: Path, suffixes: frozenset[str]) -> list[Path]:
    """The regular files in `path` whose suffix is one of `suffixes`, sorted by name."""
    try:
        entries = sorted(path.iterdir())
        return [p for p in entries if p.suffix.lower() in suffixes and p.is_file()]
    except OSError as err:
        raise cannot_read(str(path), err) from None


def kind_of(path: Path) -> str:
    """'dir', 'file' (anything readable that is not a directory) or an InputError."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        raise cannot_read(str(path), err) from None
    return "dir" if stat.S_ISDIR(mode) else "file"
