"""A Dask cluster: the same stories, sent to `dask worker`s through a scheduler.

Imported only for `--scheduler` (Dask is the optional `cluster` extra). Stories are the unit
of work and carry only where a story is; each worker reads its story from INPUT itself, so
INPUT must be at the same path on every worker (a shared filesystem). Results go from the
worker to this process as each story finishes and are released once written.
"""
from __future__ import annotations

import contextlib
import logging
import queue
import socket
import time
from collections.abc import Callable, Collection
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .runner import BackendLost, WorkerLost
from .stories import Story
from .work import Outcome, align_story, probe

CONNECT_TIMEOUT = 20  # seconds to reach the scheduler
WORKERS_TIMEOUT = 60  # seconds to wait for a first worker
IN_FLIGHT_PER_THREAD = 2
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
RECOUNT = 10.0  # seconds between counts of the cluster's threads


class ClusterError(Exception):
    """The cluster cannot run this batch; the message says why, in one line."""


def _check_address(address: str) -> None:
    """A clear error at once for an address Dask cannot use or a scheduler not listening
    (Dask itself would retry for CONNECT_TIMEOUT seconds, or fail at exit)."""
    scheme, _, rest = address.partition("://") if "://" in address else ("tcp", "", address)
    if scheme not in SCHEMES:
        raise ClusterError(f"--scheduler {address}: not a Dask scheduler address (e.g. tcp://HOST:8786)")
    if scheme != "tcp":
        return
    host, colon, port = rest.rpartition(":")
    if not colon or not port.isdigit() or not host:
        raise ClusterError(f"--scheduler {address}: needs a host and a port (e.g. tcp://HOST:8786)")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT).close()
    except OSError as err:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({err.strerror or err})") from None


class DaskCluster:
    def __init__(self, address: str, input_path: str, warn: Callable[[str], None]) -> None:
        try:
            from distributed import Client  # noqa: PLC0415
        except ImportError:
            raise ClusterError("--scheduler needs Dask: pip install 'parallax[cluster]'") from None
        # Dask's own log lines (tracebacks when the scheduler goes away) are not for this
        # terminal: the batch says in one line what happened and what to do.
        for name in ["distributed", *logging.root.manager.loggerDict]:
            if name.partition(".")[0] == "distributed":  # some have levels of their own
                logging.getLogger(name).setLevel(logging.CRITICAL)
        _check_address(address)
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as err:
            raise ClusterError(f"cannot reach the Dask scheduler at {address} ({err})") from None
        try:
            self._check(input_path, warn)
        except BaseException:
            self.client.close()
            raise
        self._done: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._pending: set[Any] = set()
        self._counted = -RECOUNT
        self._slots = 2

    def _check(self, input_path: str, warn: Callable[[str], None]) -> None:
        """Workers there, running Parallax, and able to read INPUT where this process does."""
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except Exception:
            raise ClusterError(f"the scheduler has no workers (waited {WORKERS_TIMEOUT} s)") from None
        try:
            answers = self.client.run(probe, input_path)
        except Exception as err:
            raise ClusterError(f"the cluster's workers cannot run Parallax ({type(err).__name__}: {err})") from None
        blind = sorted(worker for worker, answer in answers.items() if not answer["sees_input"])
        if blind:
            raise ClusterError(f"worker {blind[0]} cannot see {input_path}; workers read the stories "
                               "themselves, so INPUT must be on a filesystem they share, at the same path")
        try:
            mine = version("parallax")
        except PackageNotFoundError:
            mine = "unknown"
        others = sorted({str(a["version"]) for a in answers.values()} - {mine})
        if others:
            warn(f"the cluster's workers run Parallax {', '.join(others)}; this is {mine}")

    @property
    def slots(self) -> int:
        """Two stories per worker thread, recounted now and then as workers come and go."""
        now = time.monotonic()
        if now - self._counted > RECOUNT:
            self._counted = now
            self._slots = max(2, IN_FLIGHT_PER_THREAD * sum(self.client.nthreads().values()))
        return self._slots

    def submit(self, story: Story, threshold: float) -> Any:
        future = self.client.submit(align_story, story, threshold, pure=False, retries=0)
        self._pending.add(future)
        future.add_done_callback(self._done.put)
        return future

    def wait(self, pending: Collection[Any], timeout: float) -> set[Any]:
        done: set[Any] = set()
        try:
            done.add(self._done.get(timeout=timeout) if timeout > 0 else self._done.get_nowait())
            while True:
                done.add(self._done.get_nowait())
        except queue.Empty:
            pass
        for future in done - set(pending):  # finished, but not asked about now: keep for later
            self._done.put(future)
        return done & set(pending)

    def result(self, future: Any) -> Outcome:
        from concurrent.futures import CancelledError  # noqa: PLC0415

        from distributed import KilledWorker  # noqa: PLC0415

        self._pending.discard(future)
        try:
            outcome: Outcome = future.result()
            return outcome
        except KilledWorker:
            raise WorkerLost("the cluster's workers died aligning this story (out of memory, or killed)") from None
        except CancelledError as err:
            raise BackendLost(f"the cluster dropped the work ({getattr(err, 'reason', None) or err})") from None
        except Exception as err:
            raise WorkerLost(f"the cluster could not run this story ({type(err).__name__}: {err})") from None
        finally:
            future.release()

    def close(self, *, abandon: bool) -> None:
        if self.client.status in ("closing", "closed"):
            return
        if abandon and self._pending:
            with contextlib.suppress(Exception):  # the scheduler may be gone already
                self.client.cancel(list(self._pending))
        self._pending.clear()
        self.client.close()
