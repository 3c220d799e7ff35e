"""The two development sets, in process: topics, gold pairs, and the benchmarks' own scoring.

SPARK (fact-level; built locally by `../shared/bench/build_spark.py`, never committed) and ECB+
(event-level; `../shared/bench/ecbplus-dev`). Scoring follows `score_spark.py`/`score_ecb.py`:
each annotated gold sentence is mapped, through its anchor (SPARK) or its span (ECB+), to the
output sentence it overlaps most, and a cross-document pair of annotated sentences counts as
predicted-same when the two share a fact.
"""
from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.model import Alignment, Source  # noqa: E402
from align.sources import RawText  # noqa: E402

SPARK = Path(os.environ.get("PARALLAX_SPARK", Path.home() / ".cache" / "parallax-bench" / "spark-dev"))
ECB = Path(os.environ.get("PARALLAX_ECB", ROOT.parent / "shared" / "bench" / "ecbplus-dev"))

GoldKey = tuple[str, int]  # (document id, builder's sentence index)


@dataclass(frozen=True)
class Topic:
    name: str
    bench: str
    raws: tuple[RawText, ...]
    anchors: dict[GoldKey, tuple[int, int]]  # annotated sentence -> the span that locates it
    gold: frozenset[tuple[GoldKey, GoldKey]]

    def candidate_pairs(self) -> Iterator[tuple[GoldKey, GoldKey, bool]]:
        """Cross-document pairs of annotated sentences, with their gold label."""
        for x, y in itertools.combinations(sorted(self.anchors), 2):
            if x[0] != y[0]:
                yield x, y, (x, y) in self.gold


def _topic(path: Path, bench: str) -> Topic:
    unit = json.loads(path.read_text(encoding="utf-8"))
    raws = tuple(RawText(d["id"], None, d["text"]) for d in unit["documents"])
    anchors = {}
    for d in unit["documents"]:
        for i, s in enumerate(d["sentences"]):
            if s["annotated"]:
                a = s.get("anchor") or (s["start"], s["end"])
                anchors[(d["id"], i)] = (int(a[0]), int(a[1]))
    gold = frozenset(tuple(sorted((tuple(p[0]), tuple(p[1])))) for p in unit["gold_pairs"])  # not always ordered
    return Topic(path.stem, bench, raws, anchors, gold)  # type: ignore[arg-type]


def load(bench: str) -> list[Topic]:
    folder = {"spark": SPARK, "ecb": ECB}[bench]
    if not folder.is_dir():
        raise SystemExit(f"{folder}: not found (see ../shared/bench/README.md to build it)")
    return [_topic(p, bench) for p in sorted(folder.glob("*.json"), key=lambda p: (len(p.stem), p.stem))]


def locate(source: Source, span: tuple[int, int]) -> int | None:
    """The index of the output sentence of `source` that overlaps `span` most."""
    a, b = span
    best = max(((min(b, s.end) - max(a, s.start), s.index) for s in source.sentences), default=(0, None))
    return best[1] if best[0] > 0 else None


def system_same(topic: Topic, alignment: Alignment, primary_only: bool = False) -> Callable[[GoldKey, GoldKey], bool]:
    """Whether the alignment puts two annotated sentences in one fact."""
    facts: dict[tuple[str, int], set[int]] = {}
    for k, fact in enumerate(alignment.facts):
        for m in fact.members:
            if m.primary or not primary_only:
                facts.setdefault((m.source, m.sentence), set()).add(k)
    where = {}
    for key, span in topic.anchors.items():
        index = locate(alignment.source(key[0]), span)
        where[key] = facts.get((key[0], index), set()) if index is not None else set()
    return lambda x, y: bool(where[x] & where[y])


def count(topic: Topic, same: Callable[[GoldKey, GoldKey], bool]) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for x, y, gold in topic.candidate_pairs():
        predicted = same(x, y)
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
    return tp, fp, fn


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
