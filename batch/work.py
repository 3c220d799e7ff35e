"""Aligning one story, where the work runs: a pool process or a Dask worker.

Whatever goes wrong with a story (bad input, one source, a crash in the engine) becomes that
story's error line; the function itself never raises, so one story never stops a batch.
"""
from __future__ import annotations

import os
import select
import signal
import sys
import threading
import time
import traceback

from align.sources import InputError

from .lines import error_line, result_line
from .stories import Story, read_story

Outcome = tuple[bytes, bool]  # the line to write, and whether the story was aligned


def align_story(story: Story, threshold: float) -> Outcome:
    """The story's line: its alignment, or its error."""
    try:
        return _align(story, threshold)
    finally:
        forget_story_caches()


def _align(story: Story, threshold: float) -> Outcome:
    if story.problem:
        return error_line(story.id, story.problem), False
    try:
        from align.export import to_dict  # noqa: PLC0415
        from align.pipeline import prepare, regroup  # noqa: PLC0415

        raws = read_story(story)
        return result_line(story.id, to_dict(regroup(prepare(raws), threshold))), True
    except InputError as err:
        return error_line(story.id, str(err)), False
    except OSError as err:
        return error_line(story.id, f"{err.filename or story.path}: cannot read ({err.strerror or err})"), False
    except MemoryError:
        return error_line(story.id, "out of memory while aligning this story"), False
    except Exception as err:
        return error_line(story.id, f"the alignment failed: {_where(err)}"), False


# Kept from one story to the next: keyed by word, so bounded by the vocabulary, and reused by
# every story; and the word-rarity table, read once (rebuilding it was two thirds of a small
# story's time in a worker). The engine's other caches are keyed by sentence text and serve one
# story only.
KEPT_CACHES = frozenset({"align.tokens._folded_stem", "align.lexicon.rarity", "align.lexicon._rarity_table"})


def forget_story_caches() -> None:
    """Empty the engine's per-sentence memo caches between stories, so that a worker's memory
    stays what one story needs however many it aligns (kept, they took a process aligning
    stories of fresh text from 55 MiB at 100 stories to 124 MiB at 600, and on up to their
    bounds)."""
    kept = {id(getattr(sys.modules.get(module), name, None))
            for module, _, name in (k.rpartition(".") for k in KEPT_CACHES)}
    for module_name, module in list(sys.modules.items()):
        if module_name.partition(".")[0] != "align" or module is None:
            continue
        for value in list(vars(module).values()):  # a cache imported elsewhere is the same object
            if hasattr(value, "cache_clear") and hasattr(value, "cache_info") and id(value) not in kept:
                value.cache_clear()


def _where(err: BaseException) -> str:
    """`Type: message (file:line)` of the innermost frame, for a bug report in one line."""
    frames = traceback.extract_tb(err.__traceback__)
    place = f" ({os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"{type(err).__name__}: {err}{place}"


def init_worker(parent: int) -> None:
    """In each pool process: Ctrl-C is the parent's to handle (it stops the batch and ends the
    workers), and the worker ends with the batch even if the batch is killed with -9 (workers
    are the fork server's children, so nothing else would tell them)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), name="parallax-parent-watch", daemon=True).start()


def _exit_with(parent: int) -> None:
    """Wait for process `parent` to end, then end this process."""
    try:
        handle = os.pidfd_open(parent)  # Linux: readable once the process has ended
    except (AttributeError, OSError):
        while _alive(parent):
            time.sleep(1.0)
    else:
        select.select([handle], [], [])
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def probe(path: str) -> dict[str, object]:
    """What a Dask worker can do for this batch: its Parallax version, whether it sees INPUT."""
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        mine = version("parallax")
    except PackageNotFoundError:
        mine = "unknown"
    return {"version": mine, "sees_input": os.path.exists(path)}
