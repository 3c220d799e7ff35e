#!/usr/bin/env python3
"""The review file under load: nothing lost with many writers, and a verdict's cost with a
large review.

usage: python3 benchmarks/review_store.py [--part all|concurrent|large]
                                          [--sessions 20] [--seconds 30] [--megabytes 71]

1. concurrent: `--sessions` processes review the same articles for `--seconds`: each opens a
   session, records verdicts and notes on random facts (often the same facts as the others),
   moves around, and quits (which may compact the review), again and again. Afterwards, for
   every fact judged, the review must hold the latest verdict any session recorded on it.
   Prints verdicts written, facts, latest verdicts found and lost (budget: 0 lost).
2. large: a review file of `--megabytes` (136,000 judgements for 71 MB: years of reviewing,
   long notes, on articles since edited), opened as the app opens it; then the time of one
   verdict as the app records it (`ReviewSession.record`: placed, saved, the review as shown
   after), median of `--verdicts` (20), and the peak memory. Budget: 50 ms a verdict (a key press). Uses only
   the API that Parallax had before the journal, so it runs on an older checkout too
   (`PYTHONPATH=<checkout> python3 benchmarks/review_store.py --part large`).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if "PYTHONPATH" not in os.environ:  # run from a checkout: its packages first
    sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "tests"))  # itemised: the articles the review is tested on

from itemised import articles  # noqa: E402 - after the path is set

from review.index import FactIndex  # noqa: E402 - after the path is set
from review.session import ReviewSession  # noqa: E402 - after the path is set
from review.store import load, save  # noqa: E402 - after the path is set
from review.verdicts import FactVerdict, Judgement, ReviewState, SentenceKey  # noqa: E402 - after the path is set

VERDICTS = (FactVerdict.CONFIRMED, FactVerdict.DISPUTED, FactVerdict.UNCLEAR)


# -- 1. many sessions at once ----------------------------------------------------------------

FACTS = 400


def worker(path: Path, name: str, seconds: float, log: Path) -> None:
    """One reviewer's sessions, one after another until time is up; each verdict logged."""
    alignment = articles(FACTS)
    index = FactIndex(alignment)
    ids = tuple(s.id for s in alignment.sources)
    rng = random.Random(name)
    deadline = time.monotonic() + seconds
    written = 0
    with log.open("w") as out:
        while time.monotonic() < deadline:
            session = ReviewSession(path, ids)
            session.open()
            review = session.review(index)
            for _ in range(rng.randint(1, 30)):
                fact = alignment.facts[rng.randrange(FACTS)]
                note = f"{name} #{written}"
                review, problem = session.record(review, fact, verdict=rng.choice(VERDICTS), note=note)
                if problem:
                    print(f"{name}: {problem}", file=sys.stderr)
                judged = review.judged(fact).fact
                assert judged is not None and judged.note == note
                out.write(json.dumps({"fact": fact.id, "note": note, "updated": judged.updated,
                                      "verdict": judged.verdict}) + "\n")
                written += 1
                if rng.random() < 0.2:
                    session.remember(alignment, 0.2, fact)
            session.leave()


def concurrent(sessions: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.review.json"
        logs = [Path(tmp) / f"w{n}.log" for n in range(sessions)]
        procs = [subprocess.Popen([sys.executable, __file__, "--worker", str(path), f"w{n}", str(seconds), str(log)])
                 for n, log in enumerate(logs)]
        for proc in procs:
            proc.wait()
        failed = sum(proc.returncode != 0 for proc in procs)
        latest: dict[str, tuple[str, str, str]] = {}
        written = 0
        for log in logs:
            for line in log.read_text().splitlines():
                event = json.loads(line)
                written += 1
                mine = (event["updated"], event["verdict"], event["note"])
                if event["fact"] not in latest or mine > latest[event["fact"]]:
                    latest[event["fact"]] = mine
        alignment = articles(FACTS)
        state = load(path, [])
        from review.verdicts import attach

        attached = attach(state, alignment)
        found = sum(1 for fid, (_, verdict, note) in latest.items()
                    if (j := attached.facts.get(fid)) is not None and (j.verdict, j.note) == (verdict, note))
        lost = len(latest) - found
        size = path.stat().st_size if path.exists() else 0
        journal = path.with_name(path.name + ".journal")
        print(f"concurrent: {sessions} processes for {seconds:g} s ({failed} failed): {written:,} verdicts written "
              f"on {len(latest)} facts; the latest verdict on each found: {found} of {len(latest)}; "
              f"lost {lost} (budget 0). Review file {size / 1e6:.1f} MB, journal "
              f"{journal.stat().st_size / 1e6 if journal.exists() else 0:.2f} MB")


# -- 2. one verdict with a large review --------------------------------------------------------

def large(megabytes: float, verdicts: int) -> None:
    alignment = articles(60)
    ids = tuple(s.id for s in alignment.sources)
    count = int(megabytes * 1e6 / 520)  # bytes a judgement below takes in the file
    note = "checked against the council minutes and the recording of the session, page {n}; "
    old = tuple(Judgement(anchor=tuple(SentenceKey(ids[k % 2], f"{n:012x}{k:04x}") for k in range(3)),
                          verdict=VERDICTS[n % 3], note=note.format(n=n) * 2,
                          excerpt=f"An earlier sentence of an article that has since been edited, number {n}.",
                          updated=f"2025-01-01T00:00:00.{n % 1000000:06d}+00:00") for n in range(count))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "large.review.json"
        save(path, ReviewState(ids, old))
        del old
        size = path.stat().st_size
        session = ReviewSession(path, ids)
        t0 = time.perf_counter()
        session.open()
        review = session.review(FactIndex(alignment))
        opened = time.perf_counter() - t0
        times = []
        for n in range(verdicts):
            t0 = time.perf_counter()
            review, problem = session.record(review, alignment.facts[n], verdict=VERDICTS[n % 3], note=f"now {n}")
            times.append(time.perf_counter() - t0)
            assert problem is None, problem
        t0 = time.perf_counter()
        session.leave()
        left = time.perf_counter() - t0
        found = load(path, [])
        assert sum(j.note.startswith("now ") for j in found.judgements) == verdicts
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"large: a {size / 1e6:.0f} MB review file ({count:,} judgements): opening it {opened:.2f} s; one verdict "
          f"recorded and saved: median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
          f"(budget 50 ms); quitting {left:.2f} s; peak memory {peak:.0f} MiB")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(Path(sys.argv[2]), sys.argv[3], float(sys.argv[4]), Path(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=["all", "concurrent", "large"], default="all")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--megabytes", type=float, default=71)
    parser.add_argument("--verdicts", type=int, default=20, help="verdicts timed with the large review")
    args = parser.parse_args()
    if args.part in ("all", "large"):
        large(args.megabytes, args.verdicts)
    if args.part in ("all", "concurrent"):
        concurrent(args.sessions, args.seconds)


if __name__ == "__main__":
    main()
