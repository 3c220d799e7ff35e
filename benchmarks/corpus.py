#!/usr/bin/env python3
"""A batch corpus made on the fly from the ECB+ development topics: nothing large is committed.

usage: python3 benchmarks/corpus.py OUT --stories N [--jsonl] [--bench DIR] [--seed S]

Story i takes documents of topic i mod 21, as many as SIZES cycles through (2 to 12), drawn at
random (seeded by i). Story 0 is the largest the corpus can hold (the 12 longest documents of
the longest topic), so every prefix of a corpus holds its largest story and the peak memory of
100 stories and of 2,000 can be compared. OUT becomes a folder of story folders
(`s00000/<doc id>.txt`), or with --jsonl one JSON Lines file.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
SIZES = (2, 3, 4, 6, 8, 3, 5, 12)
DEFAULT_BENCH = Path("/work/shared/bench/ecbplus-dev")


def bench_folder(given: Path | None = None) -> Path:
    """The ECB+ development topics: given, beside the repository, or the shared copy."""
    for candidate in (given, ROOT.parent / "shared" / "bench" / "ecbplus-dev", DEFAULT_BENCH):
        if candidate is not None and candidate.is_dir():
            return candidate
    raise SystemExit("ecbplus-dev not found: give --bench DIR")


def topics(bench: Path) -> list[list[dict[str, str]]]:
    return [[{"id": d["id"], "text": d["text"]} for d in json.loads(f.read_text())["documents"]]
            for f in sorted(bench.glob("*.json"))]


def stories(bench: Path, count: int, seed: int = 0) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """(story id, its articles) for `count` stories."""
    every = topics(bench)
    longest = max(every, key=lambda docs: sum(len(d["text"]) for d in docs))
    for i in range(count):
        if i == 0:
            docs = sorted(longest, key=lambda d: len(d["text"]), reverse=True)[: max(SIZES)]
        else:
            pool = every[i % len(every)]
            docs = random.Random(seed * 1_000_003 + i).sample(pool, min(SIZES[(i // len(every)) % len(SIZES)], len(pool)))
        yield f"s{i:05d}", docs


def write_folders(out: Path, items: Iterator[tuple[str, list[dict[str, str]]]]) -> int:
    n = 0
    for story, docs in items:
        folder = out / story
        folder.mkdir(parents=True, exist_ok=True)
        for d in docs:
            (folder / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
        n += 1
    return n


def write_jsonl(out: Path, items: Iterator[tuple[str, list[dict[str, str]]]]) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for story, docs in items:
            f.write(json.dumps({"story": story, "articles": docs}, ensure_ascii=False) + "\n")
            n += 1
    return n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--jsonl", action="store_true")
    parser.add_argument("--bench", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    items = stories(bench_folder(args.bench), args.stories, args.seed)
    n = write_jsonl(args.out, items) if args.jsonl else write_folders(args.out, items)
    print(f"{n} stories in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
