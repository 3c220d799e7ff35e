#!/usr/bin/env python3
"""How time and memory grow with the input: `parallax --json` as a whole process.

usage: python3 benchmarks/scaling.py [--sizes 2000,4000,8000,16000,32000] [--huge-mb 5]

1. Inputs of about 2k to 32k sentences: the ECB+ development documents, then perturbed copies of
   them (sentences reordered within the article, some words dropped or swapped, deterministic),
   each copy a source of its own. Prints seconds and peak memory per size, and the exponent k of
   a fit time ~ n^k over the sizes (budget: 32k sentences < 60 s and < 2 GB; k <= 1.2).
2. Two similar articles of `--huge-mb` MB each (the second a perturbed copy of the first):
   seconds and peak memory (budget for 5 MB: < 60 s, < 1.5 GB).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from command import command

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ECB = ROOT.parent / "shared" / "bench" / "ecbplus-dev"


def tree_pss_mib(pid: int) -> float:
    """Memory of a process and its children (a large input's forked helper) in MiB: the sum of
    their proportional set sizes, so that pages the two share are counted once."""
    total = 0
    for p in (pid, *_children(pid)):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def run(paths: list[str]) -> tuple[float, float, int]:
    """Seconds, peak memory in MiB (the largest of: the process's own peak RSS, and the sampled
    sum of it and its forked helper, see `tree_pss_mib`), and the number of sentences in its output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([*command(), "--json", *paths], stdout=out, stderr=err)
        peak_tree = [0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak_tree[0] = max(peak_tree[0], tree_pss_mib(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        done.set()
        sampler.join()
        if status != 0:
            err.seek(0)
            raise SystemExit(f"parallax failed: {err.read().decode(errors='replace')[-300:]}")
        out.seek(0)
        doc = json.load(out)
    return seconds, max(usage.ru_maxrss / 1024, peak_tree[0]), sum(len(s["sentences"]) for s in doc["sources"])


def perturb(text: str, rng: random.Random) -> str:
    """Another outlet's version: sentences of each paragraph reordered, every ~9th word dropped,
    two neighbouring words swapped now and then."""
    out = []
    for paragraph in text.split("\n"):
        sentences = [s for s in paragraph.replace("? ", "?\n").replace(". ", ".\n").split("\n") if s.strip()]
        rng.shuffle(sentences)
        words = " ".join(sentences).split(" ")
        kept = [w for k, w in enumerate(words) if k % 9 != rng.randrange(9)]
        for k in range(0, len(kept) - 1, 11):
            if rng.random() < 0.5:
                kept[k], kept[k + 1] = kept[k + 1], kept[k]
        out.append(" ".join(kept))
    return "\n".join(out)


def documents() -> list[str]:
    return [d["text"] for f in sorted(ECB.glob("*.json")) for d in json.loads(f.read_text())["documents"]]


def corpus(folder: Path, sentences: int, base: list[str]) -> list[str]:
    """Files holding about `sentences` sentences: the base documents, then perturbed copies."""
    from align.sentences import split_sentences

    rng = random.Random(sentences)
    paths: list[str] = []
    total = n = 0
    while total < sentences or len(paths) < 2:
        text = base[n % len(base)] if n < len(base) else perturb(base[n % len(base)], rng)
        path = folder / f"d{sentences}_{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
        total += len(split_sentences(text))
        n += 1
    return paths


def scaling(sizes: list[int]) -> None:
    base = documents()
    points = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            paths = corpus(Path(tmp), size, base)
            seconds, peak, n = run(paths)
        points.append((n, seconds))
        print(f"{n:6d} sentences in {len(paths):4d} sources: {seconds:6.1f} s, peak {peak:6.0f} MiB", flush=True)
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(s) for _, s in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    k = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=False)) / (sum((x - mx) ** 2 for x in xs) or 1)
    print(f"fitted exponent: time ~ n^{k:.2f} (budget <= 1.2); largest: {points[-1][1]:.1f} s (budget 60 s)")


def huge(megabytes: float) -> None:
    base = documents()
    rng = random.Random(1)
    parts, size = [], 0
    while size < megabytes * 1e6:  # one long article: documents of one topic after another
        text = base[len(parts) % len(base)]
        parts.append(text if len(parts) < len(base) else perturb(text, rng))
        size += len(text) + 2
    first = "\n\n".join(parts)
    second = perturb(first, rng)
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "first.txt", Path(tmp) / "second.txt"
        a.write_text(first[: int(megabytes * 1e6)], encoding="utf-8")
        b.write_text(second[: int(megabytes * 1e6)], encoding="utf-8")
        seconds, peak, n = run([str(a), str(b)])
    print(f"two similar {megabytes:g} MB articles ({n} sentences): {seconds:.1f} s, peak {peak:.0f} MiB "
          f"(budget 60 s, 1536 MiB)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000,4000,8000,16000,32000")
    parser.add_argument("--huge-mb", type=float, default=5.0)
    args = parser.parse_args()
    if not ECB.is_dir():
        raise SystemExit(f"{ECB}: not found")
    scaling([int(s) for s in args.sizes.split(",")])
    if args.huge_mb:
        huge(args.huge_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
