#!/usr/bin/env python3
"""How fast the review app answers, measured in a real terminal (tmux), as a reviewer meets it.

usage: python3 benchmarks/screen.py [--sources 20] [--size 250x60] [--presses 30] [--runs 3]
                                    [--against OTHER_CHECKOUT]

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
are high and noisy, which is why `--against` measures another checkout (the code before a
change) in turn with this one, round by round, under the same load.
"""
from __future__ import annotations

import argparse
import itertools
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
SOCKETS = itertools.count()
SILENCE = 0.04  # seconds without output that end a frame
KEY_BUDGET_MS, PAINT_BUDGET_S = 50, 1.0
KEYS = [("j", "next fact"), ("k", "previous fact"), ("n", "next disagreement"), ("l", "pane right"),
        ("}{", "inspector down and up")]
BEFORE = {"}{": "gn"}  # untimed keys first: the first disagreement, which every source reports


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


def first_paint(cmd: str, folder: Path, first_words: str, size: tuple[int, int]) -> tuple[float, float]:
    """Seconds from launch to the articles' text on screen, and to the facts in place."""
    socket, session = f"bench-paint-{os.getpid()}-{next(SOCKETS)}", "paint"  # a server of its own each time
    t0 = time.perf_counter()
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", str(size[0]), "-y", str(size[1]),
                    "-c", str(folder.parent),  # not in a checkout, where `-m cli` would find its cli first
                    "-s", session, f"{cmd} {shlex.quote(str(folder))}"], check=True)
    try:
        wait_for(socket, session, lambda s: first_words in s)
        text = time.perf_counter() - t0
        wait_for(socket, session, lambda s: " of " in s and "fact 1 " in s)
        return text, time.perf_counter() - t0
    finally:
        tmux(socket, "kill-server")


class Control:
    """A tmux control-mode client: sends commands, timestamps the pane's output as it arrives."""

    def __init__(self, socket: str, session: str) -> None:
        self.process = subprocess.Popen(["tmux", "-L", socket, "-C", "attach-session", "-t", session],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0)
        self.chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        """Each `%output` line, stamped when it arrived. Read in blocks: a line at a time from
        the unbuffered pipe is a system call per byte, which made this reader, not the app or
        tmux, the slowest part of a 25 KB frame (13-20 ms of the figures before)."""
        assert self.process.stdout is not None
        fd, pending = self.process.stdout.fileno(), b""
        while data := os.read(fd, 1 << 16):
            now = time.perf_counter()
            *lines, pending = (pending + data).split(b"\n")
            for line in lines:
                if line.startswith(b"%output"):
                    self.chunks.put((now, line))

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


def run_app(log: Path, root: Path, argv: list[str]) -> int:
    """`parallax argv` from the tree `root`, noting in `log` the milliseconds from each key's
    arrival to the frame it caused being written to the terminal."""
    sys.path[:1] = [str(root)]  # that tree's packages, not this script's folder's neighbours
    if "TEXTUAL_FPS" in (root / "cli" / "main.py").read_text(encoding="utf-8"):
        os.environ.setdefault("TEXTUAL_FPS", "120")  # as that tree's command sets it, before Textual reads it
    from textual import events
    from textual.app import App

    out = log.open("a", buffering=1)
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


Times = dict[str, list[float]]  # per key (and "own": the app's own share), milliseconds


def key_latency(root: Path, folder: Path, size: tuple[int, int], presses: int, log: Path) -> Times:
    """Each key of KEYS pressed `presses` times in the app of the tree `root`."""
    socket, session = f"bench-keys-{os.getpid()}-{next(SOCKETS)}", "keys"
    log.write_text("")
    cmd = f"{shlex.quote(sys.executable)} {shlex.quote(__file__)} --run-app {shlex.quote(str(log))} " \
          f"--root {shlex.quote(str(root))}"
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", str(size[0]), "-y", str(size[1]),
                    "-c", str(folder.parent), "-s", session, f"{cmd} {shlex.quote(str(folder))}"], check=True)
    tmux(socket, "set-option", "-t", session, "window-size", "manual")
    tmux(socket, "resize-window", "-t", session, "-x", str(size[0]), "-y", str(size[1]))
    control = None
    times: Times = {key: [] for key, _ in KEYS}
    try:
        wait_for(socket, session, lambda s: " of " in s and "fact 1 " in s)
        time.sleep(1.0)  # let the first frames settle
        control = Control(socket, session)
        time.sleep(0.5)
        control.drain()
        for key, _ in KEYS:
            for untimed in BEFORE.get(key, ""):
                control.frame_after(control.send(f"send-keys -t {session} -l {untimed}"))
            for n in range(presses):
                if key == "l" and n and n % 4 == 0:  # back to the first pane now and then
                    control.frame_after(control.send(f"send-keys -t {session} 1"))
                press = key[n % len(key)]  # keys that undo each other take turns
                took = control.frame_after(control.send(f"send-keys -t {session} -l {shlex.quote(press)}"))
                if took is not None:
                    times[key].append(1000 * took)
                time.sleep(0.05)
    finally:
        if control is not None:
            control.close()
        tmux(socket, "kill-server")
    times["own"] = [float(line) for line in log.read_text().split()]
    return times


def spread(values: list[float]) -> str:
    ordered = sorted(values)
    if not ordered:
        return "no frame"
    return f"median {statistics.median(ordered):.0f} ms, p90 {ordered[int(0.9 * (len(ordered) - 1))]:.0f} ms " \
           f"(n={len(ordered)})"


def report(name: str, paints: list[tuple[float, float]], times: Times, size: tuple[int, int]) -> None:
    print(f"{name}:")
    if paints:
        texts, facts = [p[0] for p in paints], [p[1] for p in paints]
        print(f"  first paint, {size[0]}x{size[1]}: the articles' text on screen after median "
              f"{statistics.median(texts):.2f} s (min {min(texts):.2f}, max {max(texts):.2f}; budget "
              f"{PAINT_BUDGET_S:g} s); the facts in place after {statistics.median(facts):.2f} s "
              f"(n={len(paints)}, polled every 10 ms)")
    for key, what in KEYS:
        print(f"  {key!r} ({what}): {spread(times[key])}")
    everything = [t for key, _ in KEYS for t in times[key]]
    print(f"  key press to next frame: {spread(everything)} (budget p90 {KEY_BUDGET_MS} ms; through tmux, "
          f"from sending the key to the frame's last byte)")
    print(f"  the app's own share, key arrived to frame written: {spread(times['own'])}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--size", default="250x60")
    parser.add_argument("--presses", type=int, default=30, help="presses of each key, over all rounds")
    parser.add_argument("--runs", type=int, default=3, help="rounds: launches for first paint, key sessions")
    parser.add_argument("--against", type=Path, metavar="TREE",
                        help="another checkout (its align/, review/, tui/, cli/) measured in turn with this one, "
                             "so that both meet the same load")
    parser.add_argument("--skip-paint", action="store_true")
    parser.add_argument("--run-app", type=Path, metavar="LOG", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args()
    if args.run_app is not None:
        return run_app(args.run_app, args.root, rest)
    if not shutil.which("tmux"):
        print("skipped: tmux is not installed", file=sys.stderr)
        return 1
    width, height = (int(x) for x in args.size.split("x"))
    trees = {"this tree": ROOT, **({f"against {args.against}": args.against.resolve()} if args.against else {})}
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores; {args.sources} sources; "
          f"{', '.join(trees)}")
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as config:
        os.environ["XDG_CONFIG_HOME"] = config  # the user's settings stay out of the figures
        os.environ.pop("COLORTERM", None)
        # the same facts on every run: on this input (copies, so many pair scores tie) the engine's
        # grouping follows Python's hash order (reported to the engine; the seeds are stable)
        os.environ["PYTHONHASHSEED"] = "0"
        folder = Path(tmp) / "articles"
        folder.mkdir()
        first_words = write_sources(folder, args.sources)
        paints: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        times: dict[str, Times] = {name: {} for name in trees}
        per_round = max(1, args.presses // args.runs)
        for _ in range(args.runs):  # the trees take turns, so that each meets the same load
            for name, root in trees.items():
                env = f"env PYTHONPATH={shlex.quote(str(root))} {shlex.quote(sys.executable)} -m cli"
                if not args.skip_paint:
                    paints[name].append(first_paint(env, folder, first_words, (width, height)))
                shutil.rmtree(folder / ".parallax", ignore_errors=True)  # no review to resume
                measured = key_latency(root, folder, (width, height), per_round, Path(config) / "keys.log")
                for key, values in measured.items():
                    times[name].setdefault(key, []).extend(values)
                shutil.rmtree(folder / ".parallax", ignore_errors=True)
        for name in trees:
            report(name, paints[name], times[name], (width, height))
    print(f"load average {os.getloadavg()[0]:.2f} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
