"""Every core of this machine: a pool of worker processes.

Workers start from a fork server (a clean process that has imported the engine once), not by
forking the parent: they inherit none of its open files or locks, and none of its threads.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Collection
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from .runner import WorkerLost
from .stories import Story
from .work import Outcome, align_story, init_worker

IN_FLIGHT_PER_WORKER = 2  # one running, one waiting, so no worker idles while the parent writes


def cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class ProcessPool:
    def __init__(self, workers: int, work: Callable[[Story, float], Outcome] = align_story) -> None:
        """`workers` processes running `work` (a module-level function) on each story."""
        self.workers = workers
        self._work = work
        self.slots = workers * IN_FLIGHT_PER_WORKER
        self._owner: dict[Future[Outcome], ProcessPoolExecutor] = {}
        self._closed = False
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["batch.work", "align.pipeline", "align.export"])
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=init_worker,
                                   initargs=(os.getpid(),))

    def submit(self, story: Story, threshold: float) -> Future[Outcome]:
        try:
            future = self._executor.submit(self._work, story, threshold)
        except BrokenProcessPool:  # a worker died and the pool knew before its stories were read
            self._restart()
            future = self._executor.submit(self._work, story, threshold)
        self._owner[future] = self._executor
        return future

    def _restart(self) -> None:
        """A new pool in place of a broken one; the old one's stories each end as `WorkerLost`."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()

    def wait(self, pending: Collection[Future[Outcome]], timeout: float) -> set[Future[Outcome]]:
        return wait(pending, timeout, FIRST_COMPLETED).done

    def result(self, future: Future[Outcome]) -> Outcome:
        owner = self._owner.pop(future, None)
        try:
            return future.result()
        except BrokenProcessPool:
            if owner is self._executor:  # the first of its futures to tell: start a new pool
                self._restart()
            raise WorkerLost("the worker process aligning this story died (out of memory, or killed)") from None

    def close(self, *, abandon: bool) -> None:
        if self._closed:
            return
        self._closed = True
        executor = self._executor
        if not abandon:
            executor.shutdown(wait=True)
            return
        # ProcessPoolExecutor.terminate_workers() arrives in Python 3.14; until then, its table
        # (taken before shutdown, which empties it).
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(5)
