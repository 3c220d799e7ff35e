#!/usr/bin/env python3
"""A batch corpus made on the fly from the ECB+ development topics: nothing large is committed.

usage: python3 benchmarks/corpus.py OUT --stories N [--cycle N] [--jsonl] [--bench DIR] [--seed S]

Story i takes documents of topic i mod 21, as many as SIZES cycles through (2 to 12), drawn at
random (seeded by i). Story 0 is the largest the corpus can hold (the 12 longest documents of
the longest topic), so every prefix of a corpus holds its largest story and the peak memory of
100 stories and of 2,000 can be compared (with --cycle 100 the 2,000 are the first 100 twenty
times over: peak memory follows the most demanding story, so this isolates the effect of the
number of stories). ECB+ has only 496 documents, so stories would share
sentences as a real crawl's do not; every sentence is therefore marked with its story's id
(`... on Monday s00042.`), which keeps the alignment and makes no two stories' sentences alike.
OUT becomes a folder of story folders (`s00000/<doc id>.txt`), or with --jsonl one JSON Lines
file.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (2, 3, 4, 6, 8, 3, 5, 12)
_SENTENCE_END = re.compile(r"([.!?])(\s|$)")
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


def stories(bench: Path, count: int, seed: int = 0, cycle: int | None = None
            ) -> Iterator[tuple[str, list[dict[str, str]]]]:
    """(story id, its articles) for `count` stories. With `cycle`, story i has the documents of
    story i mod `cycle` (its sentences still its own): the same stories over and over, so that
    what changes with `count` is only how many there are."""
    every = topics(bench)
    longest = max(every, key=lambda docs: sum(len(d["text"]) for d in docs))
    for n in range(count):
        i = n % cycle if cycle else n
        if i == 0:
            docs = sorted(longest, key=lambda d: len(d["text"]), reverse=True)[: max(SIZES)]
        else:
            pool = every[i % len(every)]
            size = SIZES[(i // len(every)) % len(SIZES)]
            docs = random.Random(seed * 1_000_003 + i).sample(pool, min(size, len(pool)))
        story = f"s{n:05d}"
        yield story, [{"id": d["id"], "text": _SENTENCE_END.sub(rf" {story}\1\2", d["text"])} for d in docs]


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
    parser.add_argument("--cycle", type=int, help="repeat the first N stories' documents")
    args = parser.parse_args()
    items = stories(bench_folder(args.bench), args.stories, args.seed, args.cycle)
    n = write_jsonl(args.out, items) if args.jsonl else write_folders(args.out, items)
    print(f"{n} stories in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
