#!/usr/bin/env python3
"""Speed and memory of the headless path, measured as a user meets them: whole processes.

usage: python3 benchmarks/bench.py [--bench ../shared/bench/ecbplus-dev] [--repeat 5]

1. `parallax --json` on the bundled seeds: wall time of the whole process (median).
2. One run over every document of the ECB+ development set at once: wall time, sentences
   per second and peak resident memory of that process.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def command() -> list[str]:
    exe = shutil.which("parallax")
    return [exe] if exe else [sys.executable, "-m", "cli"]


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


def first_paint_in_tmux(repeat: int) -> None:
    """From launching `parallax` in a real terminal (tmux) to the seeds' text on screen."""
    if not shutil.which("tmux"):
        print("first paint: skipped, tmux not installed", file=sys.stderr)
        return
    times = []
    for n in range(repeat):
        session = f"bench-{os.getpid()}-{n}"
        cmd = " ".join(command())
        t0 = time.perf_counter()
        subprocess.run(["tmux", "new-session", "-d", "-x", "160", "-y", "45", "-s", session, cmd], check=True)
        try:
            while time.perf_counter() - t0 < 20:
                screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                        capture_output=True, text=True).stdout
                if "Nvidia" in screen and "fact 1 of" in screen:
                    times.append(time.perf_counter() - t0)
                    break
                time.sleep(0.01)
        finally:
            subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    print(f"first paint of the seeds in tmux (launch to text and status on screen): median "
          f"{statistics.median(times):.2f} s (n={len(times)}; budget 1 s; polled every 10 ms)")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def _wait_for(session: str, seen: Callable[[str], bool], limit: float = 20.0) -> tuple[float, str]:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if seen(screen):
            return time.perf_counter() - t0, screen
        time.sleep(0.002)
    raise TimeoutError(session)


def key_to_frame(sources: int = 20, presses: int = 20) -> None:
    """With `sources` articles open in a real terminal (tmux, 250x60), from `j` sent to the
    screen showing the next fact; includes tmux's own round trip."""
    if not shutil.which("tmux"):
        print("key latency: skipped, tmux not installed", file=sys.stderr)
        return
    sys.path.insert(0, str(ROOT))
    from seeds import seed_paths

    with tempfile.TemporaryDirectory() as tmp:
        seeds_list = seed_paths()
        for k in range(sources):  # distinct copies: the same bytes twice would be aligned once
            seed = seeds_list[k % len(seeds_list)]
            text = f"{seed.read_text(encoding='utf-8')}\n\nFiled by desk {k}.\n"
            (Path(tmp) / f"{k:02d}_{seed.name}").write_text(text,
                                                            encoding="utf-8")
        session = f"keys-{os.getpid()}"
        subprocess.run(["tmux", "new-session", "-d", "-x", "250", "-y", "60", "-s", session,
                        " ".join([*command(), tmp])], check=True)
        timings = []
        try:
            _wait_for(session, lambda screen: "fact 1 of" in screen)
            for n in range(2, presses + 2):
                t0 = time.perf_counter()
                _tmux("send-keys", "-t", session, "j")
                _wait_for(session, lambda screen, n=n: f"fact {n} of" in screen)
                timings.append(time.perf_counter() - t0)
        finally:
            _tmux("kill-session", "-t", session)
    timings.sort()
    print(f"key press to next frame, {sources} sources in tmux at 250x60: median "
          f"{1000 * statistics.median(timings):.0f} ms, p90 {1000 * timings[int(0.9 * len(timings))]:.0f} ms "
          f"(budget 50 ms; includes tmux send-keys and capture, polled every 2 ms)")


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
    first_paint_in_tmux(args.repeat)
    key_to_frame()
    return 0


if __name__ == "__main__":
    sys.exit(main())
