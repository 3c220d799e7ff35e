#!/usr/bin/env python3
"""The input layer's cost, measured as a user meets it (whole processes) and per page.

usage: python3 benchmarks/inputs.py [--repeat 5] [--pages 20]

1. `parallax --json` on the bundled seeds (plain text): whole-process wall time, and proof
   from `-X importtime` that neither trafilatura, lxml nor an HTTP client was imported.
2. 20 saved news pages of about 100 KB each (navigation, scripts, styles, ads, related links,
   comments around the article): trafilatura's import, extraction time per page, and
   `parallax --json` over the folder as a whole process.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from command import command

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("trafilatura", "lxml", "htmldate", "courlan", "justext", "urllib.request", "http.client")


def seeds(repeat: int) -> None:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([*command(), "--json"], capture_output=True, cwd=ROOT, check=True)
        times.append(time.perf_counter() - t0)
    trace = subprocess.run([sys.executable, "-X", "importtime", "-m", "cli", "--json"], capture_output=True,
                           text=True, cwd=ROOT, check=True).stderr
    imported = sorted({name for line in trace.splitlines() for name in HEAVY
                       if line.rsplit("|", 1)[-1].strip() == name})
    print(f"seeds (plain text): parallax --json, whole process: median {statistics.median(times):.3f} s "
          f"(min {min(times):.3f}, n={repeat}; budget 0.5 s); heavy modules imported: "
          f"{', '.join(imported) or 'none'} (budget: none)")


def page(n: int, article: str) -> str:
    """A news page of about 100 KB around `article`, different for each `n`."""
    paragraphs = [p for p in article.split("\n") if p.strip()]
    script = "".join(f"var t{n}_{k}=function(a,b){{return a*{k}+b-{n}}};" for k in range(1100))
    style = "".join(f".c{n}-{k}{{margin:{k % 9}px;padding:{k % 7}px;color:#{k % 4096:03x}}}" for k in range(700))
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(120))
    related = "".join(f'<li><a href="/story/{n}/{k}">Another story about the markets, number {k}</a></li>'
                      for k in range(40))
    comments = "".join(f'<div class="comment"><span class="user">reader{k}</span><p>Comment {k}: I have '
                       f"been following this for years and I still think the coverage misses the point.</p></div>"
                       for k in range(60))
    body = "".join(f"<p>{p}</p>" + ('<div class="ad">Advertisement</div>' if k % 3 == 2 else "")
                   for k, p in enumerate(paragraphs))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{paragraphs[0][:60]} | Outlet {n}'
            f'</title><meta property="og:site_name" content="Outlet {n}"><meta property="article:published_time" '
            f'content="2025-04-{10 + n % 9:02d}T08:00:00Z"><style>{style}</style><script>{script}</script></head>'
            f'<body><header><nav><ul>{nav}</ul></nav></header><main><article><h1>{paragraphs[0][:80]}</h1>{body}'
            f'</article><aside class="newsletter"><p>Sign up for our newsletter.</p></aside><section class="related">'
            f"<ul>{related}</ul></section><section class=\"comments\">{comments}</section></main>"
            f"<footer><p>Copyright Outlet {n}</p></footer></body></html>")


def pages(count: int, repeat: int) -> None:
    sys.path.insert(0, str(ROOT))
    from seeds import seed_paths

    t0 = time.perf_counter()
    from align.sources import webpage

    imported = time.perf_counter() - t0
    texts = [p.read_text(encoding="utf-8") for p in seed_paths()]
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for n in range(count):
            path = Path(tmp) / f"outlet{n:02d}.html"
            path.write_text(page(n, texts[n % len(texts)]), encoding="utf-8")
            files.append(path)
        sizes = [f.stat().st_size for f in files]
        per_page = []
        for f in files:
            data = f.read_bytes()
            t1 = time.perf_counter()
            webpage.read_page(data, f.name)
            per_page.append(time.perf_counter() - t1)
        runs = []
        for _ in range(repeat):
            t2 = time.perf_counter()
            subprocess.run([*command(), "--json", tmp], capture_output=True, cwd=ROOT, check=True)
            runs.append(time.perf_counter() - t2)
    print(f"pages: {count} saved pages of {statistics.mean(sizes) / 1024:.0f} KB on average: import of trafilatura "
          f"{imported:.2f} s (once, only when a page is read); extraction median "
          f"{1000 * statistics.median(per_page):.0f} ms per page, max {1000 * max(per_page):.0f} ms, "
          f"{sum(per_page):.2f} s for all (budget 100 ms per page)")
    print(f"pages: parallax --json over the {count} pages, whole process: median {statistics.median(runs):.2f} s "
          f"(n={repeat}; budget 5 s)")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()
    seeds(args.repeat)
    pages(args.pages, max(1, args.repeat // 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
