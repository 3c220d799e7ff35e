"""The `parallax` command: the review app by default, `--json` or `--report` headless.

Each path imports only what it needs: the headless one neither Textual nor (unless drawing
progress) Rich, the app's not the engine's comparison before the screen is up.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from align.sources import InputError, require_two

from .arguments import input_paths, parse_args, read_articles, review_path
from .say import EXIT_INPUT, EXIT_INTERRUPTED, say


def run_app(args: argparse.Namespace) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("the review app needs a terminal; for scripts use --json or --report md")
    paths = input_paths(args.paths)
    if "-" in paths:
        raise InputError("stdin ('-') is for --json and --report; the app reads files and folders")
    raws = read_articles(args)
    require_two(raws)  # bad input fails here, in plain text, before the screen switches

    # Textual draws a frame at most every 1/TEXTUAL_FPS s after a change: at its 60, a key waits up
    # to 17 ms for its frame, at 120 up to 8 (nothing here animates, so nothing draws more often)
    os.environ.setdefault("TEXTUAL_FPS", "120")
    from tui.app import ParallaxApp  # noqa: PLC0415 - Textual only for the interactive path

    app = ParallaxApp(paths, threshold=args.threshold, review_path=review_path(args, raws), texts=raws)
    problem = app.run()
    if problem is not None:  # the articles changed under the app as it read them
        raise problem
    return app.return_code or 0


def run() -> NoReturn:
    """The command: `main`, and a headless run leaves without taking the interpreter apart."""
    sys.exit(main(leave_at_once=True))


def main(argv: Sequence[str] | None = None, *, leave_at_once: bool = False) -> int:
    """`parallax`. With `leave_at_once`, a headless run ends the process once its output is out
    (see `_leave`)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["batch"]:  # `parallax batch ...`: many stories at once, with options of its own
        from batch import main as batch_main  # noqa: PLC0415 - the pool only when it runs

        return batch_main(argv[1:])
    args = parse_args(argv)
    try:
        if args.json or args.report:
            from .headless import run_headless  # noqa: PLC0415 - the engine only when it runs

            code = run_headless(args)
            if leave_at_once:
                _leave(code)
            return code
        return run_app(args)
    except InputError as err:
        for problem in err.problems:
            say(problem)
        return EXIT_INPUT
    except BrokenPipeError:  # the reader went away (| head): nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # reading and writing say which they could not do; this is anything else
        where = f"{err.filename}: " if err.filename else ""
        say(f"{where}{err.strerror or err}")
        return EXIT_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def _leave(code: int) -> None:
    """Flush and end the process now: taking a large alignment apart object by object at exit
    (two 5 MB articles: 1.2 GB of them) takes seconds and serves nobody; the system takes the
    memory back at once. Only when nothing else runs: no other thread, nothing left to write."""
    if threading.active_count() != 1:
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # closed, or the reader left: what `main` said stands
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
