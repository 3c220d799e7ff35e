"""What the batch says while it runs: a progress line on a terminal, nothing when piped.

Failed stories and warnings are one line each on stderr either way (the first few failures;
every one is in OUT). Rich is imported only when stderr is a terminal.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from .lines import one_line, parse
from .stories import Story

SHOWN_FAILURES = 20


class Reporter:
    """Says failures and warnings as plain lines; the terminal version also draws progress."""

    draws = False

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.failures = 0

    def say(self, message: str, *, warning: bool = False) -> None:
        self.stream.write(f"parallax batch: {'warning: ' if warning else ''}{one_line(message)}\n")
        self.stream.flush()

    def start(self, total: int | None) -> None:
        pass

    def finished(self, story: Story, aligned: bool, line: bytes) -> None:
        if aligned:
            return
        self.failures += 1
        if self.failures <= SHOWN_FAILURES:
            self.say(f"story {story.id}: {_error(line)}")
        if self.failures == SHOWN_FAILURES:
            self.say("more failures are recorded in the output only")


class TerminalReporter(Reporter):
    """Stories done of all, per second, time left, failures: redrawn in place on stderr."""

    draws = True

    def __init__(self, stream: TextIO, bar: Any, console: Any) -> None:
        super().__init__(stream)
        self.bar = bar
        self.console = console
        self.task = bar.add_task("stories", total=None, failed=0)

    def say(self, message: str, *, warning: bool = False) -> None:
        from rich.text import Text  # noqa: PLC0415

        self.console.print(Text(f"parallax batch: {'warning: ' if warning else ''}{one_line(message)}"))

    def start(self, total: int | None) -> None:
        self.bar.update(self.task, total=total)

    def finished(self, story: Story, aligned: bool, line: bytes) -> None:
        super().finished(story, aligned, line)
        self.bar.update(self.task, advance=1, failed=self.failures)


def _error(line: bytes) -> str:
    try:
        return str(parse(line).get("error", "failed"))
    except ValueError:
        return "failed"


@contextmanager
def reporter(stream: TextIO | None = None) -> Iterator[Reporter]:
    """A TerminalReporter when `stream` (stderr) is a terminal, else a plain Reporter."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield Reporter(stream)
        return
    from rich.console import Console  # noqa: PLC0415 - Rich only for a terminal
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn  # noqa: PLC0415

    console = Console(file=stream)
    columns = (TextColumn("stories"), BarColumn(), MofNCompleteColumn(), _rate_column(),
               TextColumn("eta"), TimeRemainingColumn(), TextColumn("{task.fields[failed]} failed"))
    with Progress(*columns, console=console, transient=True) as bar:
        yield TerminalReporter(stream, bar, console)


def _rate_column() -> Any:
    from rich.progress import ProgressColumn  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text("…/s" if speed is None else f"{speed:.1f}/s")

    return Rate()
