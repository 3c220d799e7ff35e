"""Large inputs on two cores: a stage's independent items shared with a forked copy.

Reading every sentence's terms and examining every fact for discrepancies take most of a large
input's time (two similar 5 MB articles: 57,000 sentences), and each item stands alone. A
forked copy of the process already holds the input, so nothing is sent to it: this process
takes chunks of items from the front, the copy from the back, until they meet (a lock over two
shared counters), so neither waits long for the other however unevenly the items cost; the
copy sends its results back, pickled, through a pipe. The results are the same, in the same
order, as when one process does it all (the copy runs the same code on the same data, with the
same string hashing).

Forking is only done where it is safe and pays: enough items, two CPUs for this process, and
no other thread (a copy of a threaded process can deadlock on a lock another thread held: the
review app aligns in a worker thread, a batch worker watches its parent from one). If the copy
fails in any way, its items are done here: slower, never wrong.
"""
from __future__ import annotations

import ctypes
import dataclasses
import io
import mmap
import multiprocessing
import os
import pickle
import signal
import struct
import threading
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any, TypeVar

from .memo import SENTENCES_REMEMBERED

T = TypeVar("T")

# From this many sentences on, the memos no longer hold them all (align/memo.py): a copy's
# reading then loses nothing that later stages would have found remembered.
MIN_ITEMS = SENTENCES_REMEMBERED
_PR_SET_PDEATHSIG = 1


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _end_with(parent: int) -> None:
    """In the copy: be killed when the process that forked it ends, even by SIGKILL (Linux's
    parent-death signal), rather than work on for nobody."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the copy ends when it finds the pipe closed
        return
    if os.getppid() != parent:  # it ended before the signal was asked for
        os._exit(1)


def can_fork(items: int, min_items: int | None = None) -> bool:
    """Whether `items` items are worth splitting with a forked copy here and now."""
    return (items >= (MIN_ITEMS if min_items is None else min_items) and hasattr(os, "fork") and _cpus() >= 2
            and threading.active_count() == 1)


def in_two(count: int, work: Callable[[int, int], Sequence[T]], *, min_items: int | None = None) -> list[T]:
    """`work(0, count)`, shared with a forked copy when `can_fork` (see the module's docstring)."""
    if not can_fork(count, min_items):
        return list(work(0, count))
    chunk = max(1, min(_CHUNK_MAX, count // _CHUNKS))
    bounds = mmap.mmap(-1, _BOUNDS.size)  # anonymous and shared with the copy: (front, back)
    _BOUNDS.pack_into(bounds, 0, 0, count)
    lock = multiprocessing.get_context("fork").Lock()
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the copy: chunks from the back, pickled down the pipe, out without cleanup
        status = 1
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the copy with the rest
            _end_with(parent)
            done: list[tuple[int, Sequence[T]]] = []
            while (span := _claim(bounds, lock, chunk, from_back=True)) is not None:
                done.append((span[0], list(work(*span))))
            data = dumps(done)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    ended = False
    try:
        with os.fdopen(read_end, "rb") as pipe:
            mine: list[T] = []
            try:
                while (span := _claim(bounds, lock, chunk, from_back=False, partner=pid)) is not None:
                    mine += work(*span)
                data = pipe.read()
            except _CopyGone:
                ended, status, data = True, 1, b""
        if not ended:
            _, status = os.waitpid(pid, 0)
            ended = True
    finally:
        if not ended:  # an error or Ctrl-C here: the copy goes too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    if status == 0 and data:
        theirs: list[T] = [item for _, items in sorted(pickle.loads(data), key=lambda d: d[0]) for item in items]
    else:  # the copy failed: what it took is done here
        theirs = list(work(len(mine), count))
    return mine + theirs


def dumps(results: object) -> bytes:
    """The copy's results pickled, records as their class called with their fields (`_Pickler`)."""
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(results)
    return out.getvalue()


class _Pickler(pickle.Pickler):
    """Frozen dataclasses (the engine's records: facts, members, terms) pickled as a call of their
    class with their fields, which unpickling makes again: dataclasses' own state functions look
    the fields up for every object (the copy's half of the ECB+ corpus's facts: 227 ms to send
    and read back, 140 ms this way; half of a 5 MB article's terms: 619 → 400 ms)."""

    def reducer_override(self, obj: object) -> Any:
        cls = type(obj)
        if cls not in _FIELDS:
            _FIELDS[cls] = _fields_of(cls)
        fields = _FIELDS[cls]
        return NotImplemented if fields is None else (cls, fields(obj))


_FIELDS: dict[type, Callable[[object], tuple[object, ...]] | None] = {}  # per class met


def _fields_of(cls: type) -> Callable[[object], tuple[object, ...]] | None:
    """The fields of a frozen dataclass whose every field its constructor takes, in order; None
    for any other class, and for one with a `__post_init__` (made again, it would run twice)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or hasattr(cls, "__post_init__"):
        return None
    fields = dataclasses.fields(cls)
    if not fields or any(not f.init for f in fields):
        return None
    get = attrgetter(*(f.name for f in fields))
    return (lambda obj: (get(obj),)) if len(fields) == 1 else get


class _CopyGone(Exception):
    """The forked copy ended (and was waited for) while it held the lock."""


_BOUNDS = struct.Struct("qq")
_CHUNKS = 64  # chunks an input is cut in (a few items each at the least) ...
_CHUNK_MAX = 256  # ... and items in a chunk at the most: the faster one gets the last ones


def _claim(bounds: mmap.mmap, lock: Any, chunk: int, *, from_back: bool, partner: int = 0) -> tuple[int, int] | None:
    """The next chunk of items, from the front or the back; None once the two have met. The front
    (this process) does not wait on a lock the copy can no longer release: it died holding it."""
    while not lock.acquire(timeout=1.0):
        if partner and os.waitpid(partner, os.WNOHANG) != (0, 0):
            raise _CopyGone
    try:
        front, back = _BOUNDS.unpack_from(bounds, 0)
        if front >= back:
            return None
        if from_back:
            span = (max(front, back - chunk), back)
            _BOUNDS.pack_into(bounds, 0, front, span[0])
        else:
            span = (front, min(back, front + chunk))
            _BOUNDS.pack_into(bounds, 0, span[1], back)
        return span
    finally:
        lock.release()
