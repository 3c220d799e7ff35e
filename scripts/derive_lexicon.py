#!/usr/bin/env python3
"""Derive `align/data/rarity.tsv`: how rare each English word stem is, from wordfreq.

Run once, offline, when the table should change (`pip install wordfreq==3.1.1` first; it is not
a dependency of Parallax: importing it and loading its English list costs ~0.3 s and 58 MB on
disk, where the derived table costs ~15 ms and 0.6 MB).

A stem's frequency is the sum of the frequencies of the words that stem to it (with the same
tokenising and stemming the engine uses); its rarity is -log10 of that, kept in tenths. Stems
rarer than 1 in 10 million words are left out: the engine treats every word it does not find
as that rare.

wordfreq (Robyn Speer, https://github.com/rspeer/wordfreq) is Apache-2.0; its data, and so this
table, is CC BY-SA 4.0 (sources: Wikipedia, OpenSubtitles, NewsCrawl, GlobalVoices, Google Books,
SUBTLEX, Twitter, Reddit, and others; see wordfreq's README).
"""
from __future__ import annotations

import math
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.tokens import WORD, stem, word_parts  # noqa: E402

MIN_FREQUENCY = 1e-7
OUT = ROOT / "align" / "data" / "rarity.tsv"


def main() -> int:
    import wordfreq  # noqa: PLC0415 - only for deriving the table

    frequency: dict[str, float] = defaultdict(float)
    for word in wordfreq.top_n_list("en", 1_000_000):
        match = WORD.fullmatch(word)
        if match is None or word[0].isdigit():
            continue
        key = stem("".join(word_parts(word)))
        if key and not any(c.isspace() for c in key):
            frequency[key] += wordfreq.word_frequency(word, "en")
    rows = sorted(((k, f) for k, f in frequency.items() if f >= MIN_FREQUENCY), key=lambda kv: (-kv[1], kv[0]))
    OUT.write_text("".join(f"{k}\t{round(-10 * math.log10(f))}\n" for k, f in rows), encoding="utf-8")
    print(f"{len(rows)} stems -> {OUT} ({OUT.stat().st_size / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
