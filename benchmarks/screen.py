#!/usr/bin/env python3
"""How fast the review app answers, measured in a real terminal (tmux), as a reviewer meets it.

usage: python3 benchmarks/screen.py [--sources 20] [--size 250x60] [--presses 30] [--runs 3]
                                    [--command "parallax"]

1. First paint: from launching `parallax` on the sources to (a) their text on screen and
   (b) the facts in place (the status line counting them). Polled with `tmux capture-pane`
   every 10 ms; median of `--runs` launches.
2. Key press to next frame: with the app open, keys are sent through a tmux control-mode client
   (`tmux -C`), which also reports every chunk the app writes to the terminal (`%output`) as it
   arrives, so nothing polls. A key's latency is from sending it to the last chunk of the frame
   it causes (the output that follows within 40 ms of silence). Keys: `j` (next fact), `k`,
   `n` (next disagreement), `l` (next pane), `}`/`{` (scroll the inspector); median and p90 of
   each, and of all together. The app also notes, inside itself, the time from a key's arrival
   to its frame written (`--run-app`, which wraps two Textual methods to timestamp them): the
   app's own share of the latency, apart from tmux and the machine's other work.

The sources are distinct copies of the bundled seeds (the same bytes twice are aligned once),
so every fact is reported by many sources: each key scrolls every pane in view and the inspector
lists many sentences, the heaviest case. Figures are printed with their budgets (p90 50 ms, first
paint 1 s). The machine's load (`os.getloadavg`) is printed too: on a busy machine the figures
are high and noisy.
"""
from __future__ import annotations

import argparse
import os
import queue
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SILENCE = 0.04  # seconds without output that end a frame
KEY_BUDGET_MS, PAINT_BUDGET_S = 50, 1.0
KEYS = [("j", "next fact"), ("k", "previous fact"), ("n", "next disagreement"), ("l", "pane right"),
        ("}{", "inspector down and up")]
BEFORE = {"}{": "gn"}  # untimed keys first: the first disagreement, which every source reports


def command() -> str:
    exe = shutil.which("parallax")
    return exe if exe else f"{shlex.quote(sys.executable)} -m cli"


def write_sources(folder: Path, count: int) -> str:
    """`count` distinct copies of the seeds; returns the first words of the first one, to see it on screen."""
    sys.path.insert(0, str(ROOT))
    from seeds import seed_paths

    seeds = seed_paths()
    for k in range(count):
        seed = seeds[k % len(seeds)]
        (folder / f"{k:02d}_{seed.name}").write_text(
            f"{seed.read_text(encoding='utf-8')}\n\nFiled by desk {k}.\n", encoding="utf-8")
    return " ".join(seeds[0].read_text(encoding="utf-8").split()[:3])


def tmux(socket: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True).stdout


def wait_for(socket: str, session: str, seen: Callable[[str], bool], limit: float = 30.0,
             every: float = 0.01) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        if seen(tmux(socket, "capture-pane", "-p", "-t", session)):
            return time.perf_counter() - t0
        time.sleep(every)
    raise TimeoutError(f"{session}: the screen never showed what was awaited")


def first_paint(cmd: str, folder: Path, first_words: str, size: tuple[int, int], runs: int) -> None:
    texts, facts = [], []
    for n in range(runs):
        socket, session = f"bench-paint-{os.getpid()}-{n}", "paint"
        t0 = time.perf_counter()
        subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", str(size[0]), "-y", str(size[1]),
                        "-s", session, f"{cmd} {shlex.quote(str(folder))}"], check=True)
        try:
            wait_for(socket, session, lambda s: first_words in s)
            texts.append(time.perf_counter() - t0)
            wait_for(socket, session, lambda s: " of " in s and "fact 1 " in s)
            facts.append(time.perf_counter() - t0)
        finally:
            tmux(socket, "kill-server")
    print(f"first paint, {size[0]}x{size[1]}: the articles' text on screen after median "
          f"{statistics.median(texts):.2f} s (min {min(texts):.2f}, max {max(texts):.2f}; "
          f"budget {PAINT_BUDGET_S:g} s); "
          f"the facts in place after {statistics.median(facts):.2f} s (n={runs}, polled every 10 ms)")


class Control:
    """A tmux control-mode client: sends commands, timestamps the pane's output as it arrives."""

    def __init__(self, socket: str, session: str) -> None:
        self.process = subprocess.Popen(["tmux", "-L", socket, "-C", "attach-session", "-t", session],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith(b"%output"):
                self.chunks.put((time.perf_counter(), line))

    def send(self, command: str) -> float:
        assert self.process.stdin is not None
        self.drain()
        t0 = time.perf_counter()
        self.process.stdin.write(command.encode() + b"\n")
        return t0

    def drain(self) -> None:
        while not self.chunks.empty():
            self.chunks.get_nowait()

    def frame_after(self, t0: float, limit: float = 5.0) -> float | None:
        """Seconds from `t0` to the last chunk of the output that followed it (None: no output)."""
        last = None
        try:
            when, _ = self.chunks.get(timeout=limit)
            last = when
            while True:
                when, _ = self.chunks.get(timeout=SILENCE)
                last = when
        except queue.Empty:
            pass
        return None if last is None else last - t0

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=5)


def run_app(log: Path, argv: list[str]) -> int:
    """`parallax argv`, noting in `log` the milliseconds from each key's arrival to the frame
    it caused being written to the terminal."""
    from textual import events
    from textual.app import App

    sys.path.insert(0, str(ROOT))
    out = log.open("w", buffering=1)
    arrived: list[float] = []
    on_event, display = App.on_event, App._display

    async def noting_keys(self: App[object], event: events.Event) -> None:
        if isinstance(event, events.Key):
            arrived.append(time.perf_counter())
        await on_event(self, event)

    def noting_frames(self: App[object], screen: object, renderable: object) -> None:
        display(self, screen, renderable)  # type: ignore[arg-type]
        if arrived:
            out.write(f"{1000 * (time.perf_counter() - arrived.pop(0)):.1f}\n")
            arrived.clear()

    App.on_event = noting_keys  # type: ignore[method-assign]
    App._display = noting_frames  # type: ignore[method-assign]
    from cli.main import main

    return main(argv)


def key_latency(cmd: str, folder: Path, size: tuple[int, int], presses: int, log: Path | None) -> None:
    socket, session = f"bench-keys-{os.getpid()}", "keys"
    if log is not None:
        cmd = f"{shlex.quote(sys.executable)} {shlex.quote(__file__)} --run-app {shlex.quote(str(log))}"
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", str(size[0]), "-y", str(size[1]),
                    "-s", session, f"{cmd} {shlex.quote(str(folder))}"], check=True)
    tmux(socket, "set-option", "-t", session, "window-size", "manual")
    tmux(socket, "resize-window", "-t", session, "-x", str(size[0]), "-y", str(size[1]))
    control = None
    everything: list[float] = []
    try:
        wait_for(socket, session, lambda s: " of " in s and "fact 1 " in s)
        time.sleep(1.0)  # let the first frames settle
        control = Control(socket, session)
        time.sleep(0.5)
        control.drain()
        for key, what in KEYS:
            for untimed in BEFORE.get(key, ""):
                control.frame_after(control.send(f"send-keys -t {session} -l {untimed}"))
            times = []
            for n in range(presses):
                if key == "l" and n and n % 4 == 0:  # back to the first pane now and then
                    control.frame_after(control.send(f"send-keys -t {session} 1"))
                press = key[n % len(key)]  # keys that undo each other take turns
                t0 = control.send(f"send-keys -t {session} -l {shlex.quote(press)}")
                took = control.frame_after(t0)
                if took is not None:
                    times.append(took)
                time.sleep(0.05)
            times.sort()
            everything += times
            if not times:
                print(f"  {key!r} ({what}): no frame")
                continue
            print(f"  {key!r} ({what}): median {1000 * statistics.median(times):.0f} ms, "
                  f"p90 {1000 * times[int(0.9 * (len(times) - 1))]:.0f} ms (n={len(times)})")
    finally:
        if control is not None:
            control.close()
        tmux(socket, "kill-server")
    everything.sort()
    print(f"key press to next frame, {size[0]}x{size[1]}: median {1000 * statistics.median(everything):.0f} ms, "
          f"p90 {1000 * everything[int(0.9 * (len(everything) - 1))]:.0f} ms over {len(everything)} presses "
          f"(budget p90 {KEY_BUDGET_MS} ms; through tmux, from sending the key to the frame's last byte)")
    if log is not None and log.exists():
        own = sorted(float(line) for line in log.read_text().split())
        if own:
            print(f"  the app's own share, key arrived to frame written: median {statistics.median(own):.0f} ms, "
                  f"p90 {own[int(0.9 * (len(own) - 1))]:.0f} ms over {len(own)} frames")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--size", default="250x60")
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", default=None, help="how to start the app (default: parallax)")
    parser.add_argument("--skip-paint", action="store_true")
    parser.add_argument("--run-app", type=Path, metavar="LOG", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.run_app is not None:
        return run_app(args.run_app, rest)
    if not shutil.which("tmux"):
        print("skipped: tmux is not installed", file=sys.stderr)
        return 1
    width, height = (int(x) for x in args.size.split("x"))
    cmd = args.command or command()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; {args.sources} sources; {cmd}")
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as config:
        os.environ["XDG_CONFIG_HOME"] = config  # the user's settings stay out of the figures
        os.environ.pop("COLORTERM", None)
        # the same facts on every run: on this input (copies, so many pair scores tie) the engine's
        # grouping follows Python's hash order (reported to the engine; the seeds are stable)
        os.environ["PYTHONHASHSEED"] = "0"
        folder = Path(tmp)
        first_words = write_sources(folder, args.sources)
        if not args.skip_paint:
            first_paint(cmd, folder, first_words, (width, height), args.runs)
        key_latency(cmd, folder, (width, height), args.presses, None if args.command else Path(config) / "keys.log")
    print(f"load average {os.getloadavg()[0]:.2f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
