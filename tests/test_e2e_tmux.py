"""The installed `parallax` command in a real terminal (tmux): it paints, walks facts, quits; at
80x24 the key line keeps help and quit and the panes mark disagreements; text that Rich and the
terminal would measure differently (emoji sequences, flags) never pushes a pane's edge."""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sysconfig
import time
import unicodedata
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, require

_BESIDE = Path(sysconfig.get_path("scripts")) / "parallax"  # the command pip installed for this interpreter
PARALLAX = str(_BESIDE) if _BESIDE.exists() else shutil.which("parallax")
TMUX = shutil.which("tmux")
COUNTER = re.compile(r"fact (\d+|–)\s+of (\d+)")



@pytest.fixture(autouse=True)
def _tools() -> None:
    require(tmux=TMUX, parallax=PARALLAX)


class Tmux:
    """One detached session on a private tmux server, so the test never touches the user's."""

    def __init__(self) -> None:
        self.socket = f"parallax-test-{uuid.uuid4().hex[:8]}"
        self.session = "review"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run([TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=check, timeout=10)

    def start(self, command: str, width: int = 160, height: int = 45) -> None:
        self.run("new-session", "-d", "-x", str(width), "-y", str(height), "-s", self.session, command)

    def screen(self) -> str:
        result = self.run("capture-pane", "-p", "-t", self.session, check=False)
        return result.stdout if result.returncode == 0 else ""

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.session, key)
            time.sleep(0.15)

    def alive(self) -> bool:
        return self.run("has-session", "-t", self.session, check=False).returncode == 0

    def wait_for(self, ready: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if ready(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")

    def wait_until_gone(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                raise AssertionError(f"the session did not end; the screen was:\n{self.screen()}")
            time.sleep(0.1)

    def kill(self) -> None:
        self.run("kill-session", "-t", self.session, check=False)
        self.run("kill-server", check=False)


def counter(screen: str) -> str | None:
    """The number of the fact on screen (None before there are facts)."""
    match = COUNTER.search(screen)
    return match.group(1) if match and match.group(1) != "–" else None


def walk_two_facts_and_quit(tmux: Tmux) -> None:
    """The shared scenario: the seeds appear, j j moves the counter, q ends the program."""
    screen = tmux.wait_for(lambda s: "Nvidia" in s and counter(s) is not None, "the seeds to appear")
    assert "1 000 " in screen  # the seed 000_c1ee8d38dd246e7e, labelled without its hash
    before = int(counter(screen))
    tmux.keys("j", "j")
    tmux.wait_for(lambda s: counter(s) == str(before + 2), "the fact counter to move two facts on", timeout=10)
    tmux.keys("q")
    tmux.wait_until_gone()


def test_parallax_runs_walks_and_quits_in_tmux():
    tmux = Tmux()
    try:
        tmux.start(f"cd {shlex.quote(str(ROOT))} && env -u COLORTERM {shlex.quote(PARALLAX)}")
        walk_two_facts_and_quit(tmux)
    finally:
        tmux.kill()


def terminal_cells(text: str) -> int:
    """Cells `text` takes as a terminal counts them, one code point at a time (as tmux and
    wcwidth do): wide characters two, joiners, selectors and combining marks none."""
    return sum(0 if unicodedata.category(c) in ("Mn", "Me", "Cf") or "\ufe00" <= c <= "\ufe0f"
               else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pane_rows(screen: str) -> list[str]:
    """The rows of the panes: those above the inspector's top border."""
    rows = []
    for line in screen.splitlines():
        if line.startswith("▔"):
            break
        rows.append(line)
    return rows


def test_at_80x24_the_key_line_keeps_help_and_quit_and_the_panes_mark_disagreements(tmp_path):
    tmux = Tmux()
    try:
        tmux.start(f"cd {shlex.quote(str(tmp_path))} && env -u COLORTERM {shlex.quote(PARALLAX)}", 80, 24)
        screen = tmux.wait_for(lambda s: counter(s) is not None and "Nvidia" in s, "the seeds to appear")
        keys = screen.rstrip("\n").splitlines()[-1]
        assert keys.rstrip().endswith("? Help  q Quit  ^p Commands"), keys
        tmux.keys("n")
        screen = tmux.wait_for(lambda s: any("✕" in row for row in pane_rows(s)), "a disagreement marked in a pane")
        marked = [row for row in pane_rows(screen) if "✕" in row]
        assert all(row.count("▏") == 2 for row in marked)  # both panes' edges where they belong
        tmux.keys("q")
        tmux.wait_until_gone()
    finally:
        tmux.kill()


def test_emoji_sequences_and_flags_never_push_a_pane_edge(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The family 👨\u200d👩\u200d👧 waved 🇺🇸 and 🇬🇧 flags ❤\ufe0f 👍🏽 as the council approved the harbour "
        "budget on Monday.\n\nDock workers protested outside city hall 🚢.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("On Monday the council approved the harbour budget.\n\n"
                                    "Dock workers protested outside city hall.\n", encoding="utf-8")
    tmux = Tmux()
    try:
        tmux.start(f"env -u COLORTERM {shlex.quote(PARALLAX)} {shlex.quote(str(tmp_path))}", 100, 30)
        screen = tmux.wait_for(lambda s: counter(s) is not None and "flags" in s, "the articles to appear")
        rows = [row for row in pane_rows(screen) if row.strip()]
        edges = {terminal_cells(row[:row.index("▏", 1)]) for row in rows if row.count("▏") == 2}
        assert len(edges) == 1 and len(rows) > 3, screen  # the second pane's edge in one column on every row
        assert "US and GB flags" in screen
        tmux.keys("q")
        tmux.wait_until_gone()
    finally:
        tmux.kill()


def test_killing_the_app_while_it_saves_never_breaks_the_review_file(tmp_path):
    """Verdicts are saved on every key; SIGKILL at any moment leaves a readable review."""
    import json
    import os
    import signal

    from review.store import load

    articles = tmp_path / "articles"
    articles.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, articles)
    review = tmp_path / "r.review.json"
    journal = review.with_name(review.name + ".journal")  # a header line, then a line per verdict

    def lines() -> int:
        return journal.read_bytes().count(b"\n") if journal.exists() else 0

    for attempt in range(3):
        tmux = Tmux()
        try:
            tmux.start(f"{shlex.quote(PARALLAX)} --review {shlex.quote(str(review))} {shlex.quote(str(articles))}")
            tmux.wait_for(lambda s: counter(s) is not None, "the app to load")
            pid = int(tmux.run("display-message", "-p", "-t", tmux.session, "#{pane_pid}").stdout)
            # one burst of verdicts and moves, killed while it is still being worked through
            before = max(lines(), 1)
            tmux.run("send-keys", "-t", tmux.session, "cjdjUjcjdjUj" * 6)
            deadline = time.monotonic() + 10
            while lines() <= before and time.monotonic() < deadline:
                time.sleep(0.005)  # until this run has saved at least once
            time.sleep(0.03 * attempt)
            os.kill(pid, signal.SIGKILL)
            tmux.wait_until_gone()
        finally:
            tmux.kill()
        state = load(review, [], move_aside=False)  # raises if the file or its journal is broken
        assert state.judgements, "some verdicts were saved before the kill"
        assert not review.exists() or json.loads(review.read_text())["version"] == 1
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
