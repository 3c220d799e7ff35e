"""Progress for long headless runs, drawn with Rich, only when stderr is a terminal."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from align.pipeline import Progress


@contextmanager
def terminal_progress() -> Iterator[Progress | None]:
    """A progress callback drawing on stderr, or None when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console  # noqa: PLC0415 - Rich only when there is a terminal
    from rich.progress import Progress as RichProgress  # noqa: PLC0415
    from rich.progress import TaskID  # noqa: PLC0415

    # drawn on each update, not by a thread of its own: a large input's stages fork (align/forked.py),
    # which is only done while no other thread runs
    with RichProgress(console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total, refresh=True)

        yield update
