#!/usr/bin/env python3
"""Speed and memory of the headless path, measured as a user meets them: whole processes.

usage: python3 benchmarks/bench.py [--bench ../shared/bench/ecbplus-dev] [--repeat 5]

1. `parallax --json` on the bundled seeds: wall time of the whole process (median).
2. One run over every document of the ECB+ development set at once: wall time, sentences
   per second and peak resident memory of that process.

The review app's first paint and key latency are measured by `benchmarks/screen.py`.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
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


def discrepancy_share(raws_by_name: dict[str, list]) -> None:
    """Time of the discrepancy stage against the rest of an in-process run (budget: +30%)."""
    sys.path.insert(0, str(ROOT))
    from align.pipeline import prepare, regroup

    for name, raws in raws_by_name.items():
        t0 = time.perf_counter()
        prepared = prepare(raws)
        regroup(prepared, discrepancies=False)
        base = time.perf_counter() - t0
        t1 = time.perf_counter()
        regroup(prepared)
        with_d = time.perf_counter() - t1
        t2 = time.perf_counter()
        regroup(prepared, discrepancies=False)
        grouping = time.perf_counter() - t2
        extra = with_d - grouping
        print(f"discrepancies on {name}: +{extra:.2f} s over {base:.2f} s of alignment "
              f"(+{100 * extra / base:.0f}%; budget +30%)")


def load_inputs(bench: Path) -> dict[str, list]:
    sys.path.insert(0, str(ROOT))
    from align.sources import RawText, read_texts
    from seeds import seed_paths

    out = {"seeds": read_texts(seed_paths())}
    if bench.is_dir():
        out["corpus"] = [RawText(d["id"], None, d["text"]) for f in sorted(bench.glob("*.json"))
                         for d in json.loads(f.read_text())["documents"]]
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench" / "ecbplus-dev")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    seeds(args.repeat)
    if args.bench.is_dir():
        corpus(args.bench)
    else:
        print(f"corpus: skipped, {args.bench} not found", file=sys.stderr)
    discrepancy_share(load_inputs(args.bench))
    return 0


if __name__ == "__main__":
    sys.exit(main())
