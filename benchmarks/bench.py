#!/usr/bin/env python3
"""Speed and memory of the headless path, measured as a user meets them: whole processes.

usage: python3 benchmarks/bench.py [--bench ../shared/bench/ecbplus-dev] [--repeat 5]

1. `parallax --json` on the bundled seeds: wall time of the whole process (median).
2. One run over every document of the ECB+ development set at once: wall time, sentences
   per second and peak resident memory of that process.
3. The discrepancy stage's time over alignment's, in fresh processes (medians), on both.

The review app's first paint and key latency are measured by `benchmarks/screen.py`.
"""
from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from command import command

ROOT = Path(__file__).resolve().parent.parent


def timed(args: list[str]) -> tuple[float, bytes, int]:
    """Seconds, stdout, and the peak RSS (KiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    run = subprocess.run(args, capture_output=True, cwd=ROOT, check=True)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, run.stdout, max(peak, before)


def seeds(repeat: int) -> None:
    times = [timed([*command(), "--json"])[0] for _ in range(repeat)]
    print(f"seeds: parallax --json, whole process: median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, max {max(times):.3f}, n={repeat}; budget 0.5 s)")


def corpus(bench: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for unit_file in sorted(bench.glob("*.json")):
            for doc in json.loads(unit_file.read_text())["documents"]:
                p = Path(tmp) / f"{doc['id']}.txt"
                p.write_text(doc["text"], encoding="utf-8")
                paths.append(str(p))
        seconds, out, peak_kib = timed([*command(), "--json", *paths])
    doc = json.loads(out)
    sentences = sum(len(s["sentences"]) for s in doc["sources"])
    sizes = sorted((len(f["members"]) for f in doc["facts"]), reverse=True)
    print(f"corpus: {len(paths)} documents, {sentences} sentences in one run: {seconds:.1f} s, "
          f"{sentences / seconds:.0f} sentences/s, peak memory {peak_kib / 1024:.0f} MiB "
          f"(budget 60 s, 2048 MiB); {len(doc['facts'])} facts, largest {sizes[:5]}")


def _cpu() -> float:
    """Processor seconds of this process and of the children it waited for (a forked copy)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def share_once(raws: list) -> dict[str, float]:
    """Seconds of alignment (`prepare` and grouping) and of discrepancy checking (the extra time
    grouping takes when it also examines the facts) in one in-process run, wall and processor.
    The cycle collector is run between the timed stages and not timed: the engine pauses it
    within a stage, so the collection a stage's objects call for would otherwise fall at the
    start of the next stage and be billed to it."""
    sys.path.insert(0, str(ROOT))
    from align.pipeline import prepare, regroup

    def mark() -> tuple[float, float]:
        return time.perf_counter(), _cpu()

    def stage(run: Callable[[], object]) -> tuple[float, float]:
        gc.collect()
        (w0, c0) = mark()
        run()
        (w1, c1) = mark()
        return w1 - w0, c1 - c0

    held = {}

    def align() -> None:
        held["prepared"] = prepare(raws)
        regroup(held["prepared"], discrepancies=False)

    base = stage(align)
    checked = stage(lambda: regroup(held["prepared"]))
    again = stage(lambda: regroup(held["prepared"], discrepancies=False))
    return {"base": base[0], "extra": checked[0] - again[0], "base_cpu": base[1], "extra_cpu": checked[1] - again[1]}


def discrepancy_share(bench: Path, repeat: int) -> None:
    """Time of the discrepancy stage against alignment (budget: +30%), each run in a fresh
    process (a second run in one process finds every sentence's reading remembered): medians
    of `repeat` runs on the seeds, of fewer on the corpus; wall time, and processor time (this
    machine's wall time drifts by a quarter; processor time much less)."""
    names = ["seeds"] + (["corpus"] if bench.is_dir() else [])
    for name in names:
        runs = repeat if name == "seeds" else max(1, (repeat + 1) // 2)
        got = [json.loads(subprocess.run([sys.executable, __file__, "--share-of", name, "--bench", str(bench)],
                                         capture_output=True, check=True, text=True).stdout) for _ in range(runs)]
        wall = statistics.median(g["extra"] / g["base"] for g in got)
        cpu = statistics.median(g["extra_cpu"] / g["base_cpu"] for g in got)
        print(f"discrepancies on {name}: +{statistics.median(g['extra'] for g in got):.3f} s over "
              f"{statistics.median(g['base'] for g in got):.3f} s of alignment, +{100 * wall:.0f}% wall, "
              f"+{100 * cpu:.0f}% processor (medians of {runs} fresh processes; budget +30%)")


def load_inputs(bench: Path, name: str) -> list:
    sys.path.insert(0, str(ROOT))
    from align.sources import RawText, read_texts
    from seeds import seed_paths

    if name == "seeds":
        return read_texts(seed_paths())
    return [RawText(d["id"], None, d["text"]) for f in sorted(bench.glob("*.json"))
            for d in json.loads(f.read_text())["documents"]]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench" / "ecbplus-dev")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--share-of", choices=("seeds", "corpus"), help=argparse.SUPPRESS)  # one run, as JSON
    args = parser.parse_args()
    if args.share_of:
        print(json.dumps(share_once(load_inputs(args.bench, args.share_of))))
        return 0
    seeds(args.repeat)
    if args.bench.is_dir():
        corpus(args.bench)
    else:
        print(f"corpus: skipped, {args.bench} not found", file=sys.stderr)
    discrepancy_share(args.bench, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
