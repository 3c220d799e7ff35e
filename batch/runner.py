"""The batch loop: a bounded number of stories in flight, each recorded as it finishes.

Stories are submitted only as slots free up, so memory holds a few stories at a time however
many the input has. Ctrl-C or SIGTERM asks the loop to stop: finished stories are written, the
ones in flight are abandoned (a re-run does them), and the loop returns. A worker process that
dies takes its stories with it; they are retried one at a time, and a story that kills its
worker again is recorded as an error rather than bringing the batch down.
"""
from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType
from typing import Any, Protocol

from .lines import error_line
from .output import Output
from .stories import Story
from .work import Outcome

POLL = 0.2  # seconds between looks at the stop flag while waiting


class WorkerLost(Exception):
    """The process running a story died (out of memory, killed); the story may be at fault."""


class BackendLost(Exception):
    """The pool or the cluster cannot go on (the scheduler went away)."""


class Backend(Protocol):
    """Where stories are aligned: a local process pool or a Dask cluster."""

    @property
    def slots(self) -> int:
        """How many stories to keep in flight."""

    def submit(self, story: Story, threshold: float) -> Hashable: ...

    def wait(self, pending: Collection[Any], timeout: float) -> set[Any]:
        """Those of `pending` that are done, waiting up to `timeout` for one."""

    def result(self, handle: Any) -> Outcome:
        """The story's outcome; WorkerLost or BackendLost if there is none."""

    def close(self, *, abandon: bool) -> None: ...


@dataclass
class Tally:
    aligned: int = 0
    failed: int = 0
    stopped: str | None = None  # "interrupted" or "terminated" when a signal stopped the batch


class StopFlag:
    """Set by SIGINT/SIGTERM; the loop checks it between waits. A second Ctrl-C raises
    KeyboardInterrupt for when stopping itself hangs."""

    def __init__(self) -> None:
        self.reason: str | None = None

    def __call__(self, signum: int, frame: FrameType | None) -> None:
        if self.reason is not None and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.reason = "interrupted" if signum == signal.SIGINT else "terminated"


@contextmanager
def stop_on_signals() -> Iterator[StopFlag]:
    flag = StopFlag()
    previous = {sig: signal.signal(sig, flag) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield flag
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def run(
    stories: Iterable[Story],
    backend: Backend,
    out: Output,
    *,
    threshold: float,
    stop: StopFlag,
    finished: Callable[[Story, bool, bytes], None] = lambda *_: None,
) -> Tally:
    """Align every story through `backend`, appending each line to `out` as it finishes."""
    tally = Tally()
    todo = iter(stories)
    suspects: deque[Story] = deque()  # in flight when a worker died: retried one at a time
    retried: set[str] = set()
    in_flight: dict[Any, Story] = {}

    def record(story: Story, line: bytes, aligned: bool) -> None:
        out.write(line)
        if aligned:
            tally.aligned += 1
        else:
            tally.failed += 1
        finished(story, aligned, line)

    def collect(handles: Iterable[Any]) -> None:
        for handle in handles:
            story = in_flight.pop(handle)
            try:
                line, aligned = backend.result(handle)
            except WorkerLost as lost:
                if story.key in retried:
                    record(story, error_line(story.id, str(lost)), False)
                else:
                    retried.add(story.key)
                    suspects.append(story)
                continue
            record(story, line, aligned)

    def next_story() -> Story | None:
        return suspects.popleft() if suspects else next(todo, None)

    abandon = True
    try:
        while stop.reason is None:
            isolating = bool(suspects) or any(s.key in retried for s in in_flight.values())
            while len(in_flight) < (1 if isolating else backend.slots):
                story = next_story()
                if story is None:
                    break
                if story.problem:  # known bad already: no need for a worker
                    record(story, error_line(story.id, story.problem), False)
                    continue
                in_flight[backend.submit(story, threshold)] = story
                if isolating:
                    break
            if not in_flight:
                abandon = False
                break
            collect(backend.wait(in_flight, POLL))
        if stop.reason is not None:
            collect(backend.wait(in_flight, 0))  # keep what has finished; abandon the rest
            tally.stopped = stop.reason
    finally:
        backend.close(abandon=abandon)
    return tally
