"""The `parallax` command: the review app by default, `--json` for a headless dump.

The headless path imports neither Textual nor (unless drawing progress) Rich.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from align.sources import InputError

if TYPE_CHECKING:
    from align.sources import RawText

EXIT_INPUT = 2


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from align.pipeline import DEFAULT_THRESHOLD  # noqa: PLC0415 - keeps --help instant

    parser = argparse.ArgumentParser(
        prog="parallax",
        description="Line up news articles about one event, fact by fact, and show where they disagree.",
    )
    parser.add_argument("paths", nargs="*", help="text/Markdown files, directories, or - for stdin (default: the bundled seeds)")
    parser.add_argument("--json", action="store_true", help="print the alignment as JSON instead of opening the app")
    parser.add_argument("--threshold", type=float, default=None, metavar="T",
                        help=f"how alike sentences must be to report one fact, 0-1 (default {DEFAULT_THRESHOLD}; "
                             "the app resumes at the one last used)")
    parser.add_argument("--report", choices=["md"], help="print a Markdown report of the alignment and the review")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write --json/--report output to FILE (atomically)")
    parser.add_argument("--review", type=Path, metavar="FILE",
                        help="the review file (default: .parallax/ beside the first source, named from the set of sources)")
    args = parser.parse_args(argv)
    if args.json and args.report:
        parser.error("--json and --report are alternatives: pick one")
    if args.output is not None and not (args.json or args.report):
        parser.error("--output goes with --json or --report")
    if args.output is not None and args.output.is_dir():
        parser.error(f"--output needs a file name; {str(args.output)!r} is a folder")
    if args.threshold is not None and not 0.0 < args.threshold <= 1.0:
        parser.error("--threshold must be in (0, 1]")
    return args


def input_paths(paths: Sequence[str]) -> list[str | os.PathLike[str]]:
    if paths:
        return list(paths)
    from seeds import seed_paths  # noqa: PLC0415

    return list(seed_paths())


def review_path(args: argparse.Namespace, raws: Sequence["RawText"]) -> Path:
    from align.reviewfile import default_path  # noqa: PLC0415

    return args.review or default_path([r.id for r in raws], [r.path for r in raws])


def run_headless(args: argparse.Namespace) -> int:
    """--json or --report: read, align, attach any saved review, print or write the result."""
    from align.export import to_json  # noqa: PLC0415
    from align.pipeline import DEFAULT_THRESHOLD, prepare, regroup
    from align.report import report
    from align.reviewfile import write_atomically
    from align.sources import read_texts

    from .progress import terminal_progress
    from .session import ReviewSession

    raws = read_texts(input_paths(args.paths))
    with terminal_progress() as progress:
        prepared = prepare(raws, progress)
    for warning in prepared.warnings:
        say(warning, warning=True)
    alignment = regroup(prepared, args.threshold or DEFAULT_THRESHOLD)
    session = ReviewSession(review_path(args, raws), tuple(r.id for r in raws))
    problem = session.open(writing=False)
    if problem:
        say(problem, warning=True)
    session.place(alignment)
    found = session.path is not None and session.path.exists()
    if args.report:
        out = report(alignment, session.attached)
    else:
        out = to_json(alignment, (session.attached, str(session.path)) if found else None) + "\n"
    if args.output:
        write_atomically(args.output, out, make_folders=False)
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    return 0


def run_app(args: argparse.Namespace) -> int:
    from align.sources import read_texts, require_two  # noqa: PLC0415

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise InputError("the review app needs a terminal; for scripts use --json or --report md")
    paths = input_paths(args.paths)
    if "-" in paths:
        raise InputError("stdin ('-') is for --json and --report; the app reads files and folders")
    raws = read_texts(paths)
    require_two(raws)  # bad input fails here, in plain text, before the screen switches

    from .app import ParallaxApp  # noqa: PLC0415 - Textual only for the interactive path

    app = ParallaxApp(paths, threshold=args.threshold, review_path=review_path(args, raws), texts=raws)
    app.run()
    return app.return_code or 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["batch"]:  # `parallax batch ...`: many stories at once (batch/, its own options)
        from batch import main as batch_main  # noqa: PLC0415

        return batch_main(argv[1:])
    args = parse_args(argv)

    try:
        return run_headless(args) if args.json or args.report else run_app(args)
    except InputError as err:
        say(str(err))
        return EXIT_INPUT
    except BrokenPipeError:  # the reader went away (| head): nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # e.g. --output into a folder that cannot be written
        where = f"{err.filename}: " if err.filename else ""
        say(f"{where}cannot write ({err.strerror or err})")
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130


def say(message: str, *, warning: bool = False) -> None:
    """One line on stderr; file names and article text in it are untrusted, so cleaned."""
    from align.untrusted import clean  # noqa: PLC0415

    line = " ".join(clean(message).split())
    print(f"parallax: {'warning: ' if warning else ''}{line}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
