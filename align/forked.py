"""Large inputs on two cores: a stage's independent items done half here, half in a forked copy.

Reading every sentence's terms and examining every fact for discrepancies take most of a large
input's time (two similar 5 MB articles: 57,000 sentences), and each item stands alone. A
forked copy of the process already holds the input, so it needs nothing sent to it; it sends
back its half's results, pickled, through a pipe. The results are the same, in the same order,
as when one process does it all (the copy runs the same code on the same data, with the same
string hashing).

Forking is only done where it is safe and pays: enough items, two CPUs for this process, and
no other thread (a copy of a threaded process can deadlock on a lock another thread held: the
review app aligns in a worker thread, a batch worker watches its parent from one). If the copy
fails in any way, its half is done here: slower, never wrong.
"""
from __future__ import annotations

import ctypes
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

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


def in_two(count: int, work: Callable[[int, int], Sequence[T]], middle: int | None = None, *,
           min_items: int | None = None) -> list[T]:
    """`work(0, count)`, as `work(0, middle)` here and `work(middle, count)` in a forked copy
    when `can_fork` (`middle`: where to split, by default half way)."""
    if not can_fork(count, min_items):
        return list(work(0, count))
    middle = count // 2 if middle is None else middle
    read_end, write_end = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the copy: its half, pickled down the pipe, and out without cleanup
        status = 1
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the copy with the rest
            _end_with(parent)
            data = pickle.dumps(list(work(middle, count)), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    ended = False
    try:
        with os.fdopen(read_end, "rb") as pipe:
            mine = list(work(0, middle))
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        ended = True
    finally:
        if not ended:  # an error or Ctrl-C here: the copy goes too
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    theirs: list[T] = pickle.loads(data) if status == 0 and data else list(work(middle, count))
    return mine + theirs
