#!/usr/bin/env python3
"""`parallax batch` measured as a user runs it: whole processes, on stories made from ECB+.

usage: python3 benchmarks/bench_batch.py [--stories 300] [--memory 100,500,2000] [--bench DIR] [--no-dask]

1. The same corpus (`--stories`, made by benchmarks/corpus.py) at 1 and 2 workers, and through
   a local Dask cluster (2 worker processes, 1 thread each): stories per second of the whole
   command, and the peak memory of the parent and of the largest worker. Budget: 2 workers at
   least 1.7x the stories per second of 1.
2. Memory at 100, 500 and 2,000 stories (2 workers): flat, since stories are submitted as slots
   free up and workers keep nothing from one story to the next. A process's peak follows the
   most demanding story it meets, so the larger corpora are the first 100 stories over and over
   (each with sentences of its own): only their number differs. Budget: the 2,000-story peaks
   within 10% of the 100-story ones.

Peaks are the kernel's high-water marks (VmHWM in /proc/PID/status), read while the processes
run, with the CPU seconds each process used: on a machine shared with other work the speed-up
is noisy, so the load average and the machine's own ceiling (two plain CPU-bound processes
against one, measured before and after) are printed beside it, and CPU per story shows whether
the work itself changed. Needs the `cluster` extra (psutil comes with it).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from command import command
from corpus import bench_folder, stories, write_folders

ROOT = Path(__file__).resolve().parent.parent
SPEEDUP_BUDGET = 1.7
FLAT_BUDGET = 1.10


def peak_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Watch:
    """High-water marks of a process and of the workers among its (or another's) descendants."""

    parent: int
    cluster: int | None = None  # the process whose descendants are Dask workers
    peaks: dict[int, int] = field(default_factory=dict)
    cpu: dict[int, float] = field(default_factory=dict)  # seconds, as last seen
    roles: dict[int, str] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            time.sleep(0.05)

    def sample(self) -> None:
        try:
            parent = psutil.Process(self.parent)
            self._note(parent, "parent")
            for child in parent.children(recursive=True):
                self._note(child, self._role(child))
            if self.cluster is not None:  # a LocalCluster's worker processes are its own children
                for child in psutil.Process(self.cluster).children():
                    if child.pid != self.parent and "resource_tracker" not in " ".join(child.cmdline()):
                        self._note(child, "worker")
        except psutil.Error:
            pass

    def _role(self, process: psutil.Process) -> str:
        try:
            line = " ".join(process.cmdline())
            parent = " ".join(psutil.Process(process.ppid()).cmdline())
        except psutil.Error:
            return "other"
        if "forkserver" in line and "forkserver" in parent:
            return "worker"  # forked by the fork server
        return "helper"  # the fork server, the resource tracker

    def _note(self, process: psutil.Process, role: str) -> None:
        pid = process.pid
        self.peaks[pid] = max(self.peaks.get(pid, 0), peak_kib(pid))
        if role != "other" or pid not in self.roles:  # an exiting process can no longer say what it was
            self.roles[pid] = role
        try:
            times = process.cpu_times()
            self.cpu[pid] = times.user + times.system
        except psutil.Error:
            pass

    def cpu_seconds(self, role: str) -> float:
        return sum(seconds for pid, seconds in self.cpu.items() if self.roles[pid] == role)

    def peak(self, role: str) -> float:
        """MiB, the largest of the processes in `role`."""
        return max((kib for pid, kib in self.peaks.items() if self.roles[pid] == role), default=0) / 1024

    def count(self, role: str) -> int:
        return sum(1 for pid in self.peaks if self.roles[pid] == role)


@dataclass
class Run:
    label: str
    stories: int
    seconds: float
    parent_mib: float
    worker_mib: float
    workers: int
    parent_cpu: float
    worker_cpu: float

    @property
    def rate(self) -> float:
        return self.stories / self.seconds

    def line(self) -> str:
        return (f"{self.label:<28} {self.stories:>5} stories in {self.seconds:6.1f} s = {self.rate:6.1f} stories/s; "
                f"peak memory: parent {self.parent_mib:3.0f} MiB, largest of {self.workers} workers "
                f"{self.worker_mib:3.0f} MiB; CPU: workers {1000 * self.worker_cpu / self.stories:3.0f} ms/story, "
                f"parent {self.parent_cpu:4.1f} s")


def run_batch(label: str, corpus: Path, count: int, extra: list[str], cluster: int | None = None) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        t0 = time.perf_counter()
        proc = subprocess.Popen([*command(), "batch", str(corpus), "-o", str(out), *extra], cwd=ROOT,
                                stderr=subprocess.PIPE)
        watch = Watch(proc.pid, cluster)
        thread = threading.Thread(target=watch.run, daemon=True)
        thread.start()
        _, err = proc.communicate()
        seconds = time.perf_counter() - t0
        watch.stop.set()
        thread.join()
        if proc.returncode != 0:
            raise SystemExit(f"{label}: exit {proc.returncode}: {err.decode(errors='replace')}")
        lines = out.read_bytes().count(b"\n")
        if lines != count:
            raise SystemExit(f"{label}: {lines} lines for {count} stories")
    return Run(label, count, seconds, watch.peak("parent"), watch.peak("worker"), watch.count("worker"),
               watch.cpu_seconds("parent"), watch.cpu_seconds("worker"))


SPIN = "import time; t = time.perf_counter(); x = 0\nfor i in range(15_000_000): x += i\nprint(time.perf_counter() - t)"


def capacity() -> float:
    """How much more work two CPU-bound processes got done than one, right now: 2.0 on an idle
    2-core machine, less when other work holds the cores. The ceiling of any speed-up here."""
    def spin(n: int) -> float:
        procs = [subprocess.Popen([sys.executable, "-c", SPIN], stdout=subprocess.PIPE) for _ in range(n)]
        return max(float(p.communicate()[0]) for p in procs)

    one = spin(1)
    return 2 * one / spin(2)


def make_corpus(root: Path, bench: Path, count: int, cycle: int | None = None) -> Path:
    folder = root / f"c{count}"
    write_folders(folder, stories(bench, count, cycle=cycle))
    return folder


def dask_run(corpus: Path, count: int) -> Run | None:
    try:
        from distributed import LocalCluster
    except ImportError:
        print("dask: skipped, install the cluster extra (pip install -e '.[cluster]')", file=sys.stderr)
        return None
    import logging

    logging.getLogger("distributed").setLevel(logging.ERROR)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        return run_batch("dask, 2 workers x 1 thread", corpus, count, ["--scheduler", cluster.scheduler_address],
                         cluster=os.getpid())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--memory", default="100,500,2000", help="corpus sizes to compare memory at")
    parser.add_argument("--bench", type=Path)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    bench = bench_folder(args.bench)
    sizes = [int(n) for n in args.memory.split(",")]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp), bench, args.stories)
        before = capacity()
        one = run_batch("pool, 1 worker", corpus, args.stories, ["--workers", "1"])
        print(one.line())
        two = run_batch("pool, 2 workers", corpus, args.stories, ["--workers", "2"])
        print(two.line())
        after = capacity()
        if not args.no_dask and (dask := dask_run(corpus, args.stories)):
            print(dask.line())
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        speedup = two.rate / one.rate
        print(f"speed-up from 1 to 2 workers: {speedup:.2f}x (budget >= {SPEEDUP_BUDGET}x; "
              f"{'ok' if speedup >= SPEEDUP_BUDGET else 'BELOW BUDGET'}; load average now {load}); "
              f"the machine's own ceiling, two CPU-bound processes against one: {before:.2f}x before, "
              f"{after:.2f}x after (2.00x when idle)")
        shutil.rmtree(corpus)

        runs = []
        for count in sizes:
            folder = make_corpus(Path(tmp), bench, count, cycle=sizes[0])
            runs.append(run_batch(f"pool, 2 workers, {count}", folder, count, ["--workers", "2"]))
            print(runs[-1].line())
            shutil.rmtree(folder)
        first, last = runs[0], runs[-1]
        for what in ("parent", "worker"):
            a, b = getattr(first, f"{what}_mib"), getattr(last, f"{what}_mib")
            ratio = b / a if a else float("inf")
            steps = " -> ".join(f"{getattr(r, f'{what}_mib'):.0f}" for r in runs)
            print(f"{what} peak memory over {' -> '.join(str(r.stories) for r in runs)} stories: {steps} MiB; "
                  f"{last.stories} vs {first.stories}: {ratio:.2f}x (budget <= {FLAT_BUDGET:.2f}x; "
                  f"{'ok' if ratio <= FLAT_BUDGET else 'OVER BUDGET'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
