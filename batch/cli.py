"""`parallax batch INPUT -o OUT`: align every story of INPUT into OUT, one JSON line each.

Exit status: 0 every story in OUT is aligned; 1 the batch ran to the end but some stories are
error lines in OUT; 2 it could not start (bad arguments, INPUT or OUT unusable, OUT in use by
another batch, no cluster at --scheduler); 3 it stopped early because OUT could not be written
(a full disk), INPUT could no longer be read, or the cluster went away; 130 (Ctrl-C) or 143
(SIGTERM) it was stopped. After 3, 130 or 143 every finished story is in OUT: the same command
resumes.
"""
from __future__ import annotations

import argparse
import os
import stat
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from align.sources import InputError
from cli.say import OneLineParser
from review.session import holds_a_review

from .output import Done, Output, OutputError, WriteFailed, open_output
from .progress import Reporter, reporter
from .runner import Backend, BackendLost, Tally, run, stop_on_signals
from .stories import Corpus, Story, open_corpus

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STOPPED = 0, 1, 2, 3
EXIT_SIGNAL = {"interrupted": 130, "terminated": 143}
MAX_WORKERS_PER_CORE = 4  # the work is CPU-bound: beyond this, processes only cost memory


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from .pool import cores  # noqa: PLC0415

    parser = OneLineParser(
        prog="parallax batch",
        description="Align many stories at once: every core of this machine, or a Dask cluster.",
        epilog="exit status: 0 all aligned; 1 some stories failed (error lines in OUT); 2 could not "
               "start; 3 stopped early (OUT unwritable, INPUT gone, cluster lost); 130/143 interrupted. "
               "Run the same command again to resume.",
    )
    parser.add_argument("input", metavar="INPUT",
                        help="a directory of story folders (each: the articles of one story), or a JSON Lines "
                             'file, one story a line: {"story": ID, "articles": [{"id": ..., "text": ...}]}')
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="JSON Lines, one line per story as it finishes; re-running resumes it")
    parser.add_argument("--retry-failed", action="store_true",
                        help="align again the stories OUT records as errors (their error lines are taken out)")
    parser.add_argument("--summary", metavar="CSV", help="also write one CSV row per discrepancy in OUT")
    parser.add_argument("--workers", type=int, metavar="N",
                        help=f"worker processes on this machine (default: every core, here {cores()})")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a Dask scheduler, e.g. tcp://HOST:8786, to run the stories on its cluster "
                             "(needs parallax[cluster]; INPUT must be at the same path on its workers)")
    parser.add_argument("--threshold", type=float, metavar="T",
                        help="how likely sentences must be to report one fact, a probability "
                             "(default: the engine's, or OUT's)")
    args = parser.parse_args(argv)
    if args.workers is not None and args.scheduler:
        parser.error("--workers is for this machine; a cluster runs as many stories as its workers have threads")
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.workers is not None and args.workers > MAX_WORKERS_PER_CORE * cores():
        parser.error(f"--workers {args.workers}: this machine has {cores()} cores; more than "
                     f"{MAX_WORKERS_PER_CORE} workers a core only adds memory (use --scheduler for more machines)")
    if args.threshold is not None and not 0.0 < args.threshold <= 1.0:
        parser.error("--threshold must be in (0, 1]")
    if os.path.isdir(args.output):
        parser.error(f"-o needs a file name; {args.output!r} is a folder")
    if args.summary is not None:
        if os.path.isdir(args.summary):
            parser.error(f"--summary needs a file name; {args.summary!r} is a folder")
        if not os.path.isdir(os.path.dirname(os.path.abspath(args.summary))):
            parser.error(f"--summary: the folder of {args.summary!r} does not exist")
    return args


def check_paths(args: argparse.Namespace) -> None:
    """OUT and the summary are files of their own, or InputError says which is not, in one line:
    neither may be INPUT or a file in one of its story folders (which the batch reads, and which
    writing would overwrite or add to), and the summary may not be OUT."""
    for option, path in (("-o", args.output), ("--summary", args.summary)):
        if path is not None and is_input(path, args.input):
            raise InputError(f"{option} {path}: that is INPUT or in one of its story folders; writing it would "
                             "change what the batch reads (choose a file outside INPUT)")
        if path is not None and holds_a_review(Path(path)):
            raise InputError(f"{option} {path}: that is a review file, journal or lock; refusing to overwrite it")
    if args.summary is not None and _same(args.summary, args.output):
        raise InputError(f"--summary {args.summary}: that is OUT; the summary needs a file of its own")


def is_input(path: str, input_path: str) -> bool:
    """Whether `path` is INPUT itself or lies in one of its story folders, at any depth and
    through symbolic links (a file beside the story folders, or in a hidden folder, is not read)."""
    if _same(path, input_path):
        return True
    try:
        top = os.stat(input_path)
        if not stat.S_ISDIR(top.st_mode):
            return False
        with os.scandir(input_path) as entries:
            folders = {_identity(e.stat()) for e in entries if not e.name.startswith(".") and e.is_dir()}
    except OSError:
        return False  # INPUT unreadable: open_corpus says so
    here = os.path.dirname(os.path.realpath(path))
    while True:
        try:
            identity = _identity(os.stat(here))
        except OSError:
            identity = None
        if identity is not None and identity in folders:
            return True
        parent = os.path.dirname(here)
        if identity == _identity(top) or parent == here:
            return False
        here = parent


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): the same name, once links are followed
        return os.path.realpath(a) == os.path.realpath(b)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    with reporter() as report:
        try:
            return batch(args, report)
        except (InputError, OutputError) as err:
            report.say(str(err))
            return EXIT_USAGE
        except (WriteFailed, BackendLost) as err:
            report.say(f"{err}; the finished stories are kept: run the same command again to resume")
            return EXIT_STOPPED
        except OSError as err:  # e.g. INPUT removed or unreadable during the batch
            where = f"{err.filename}: " if err.filename else ""
            report.say(f"{where}cannot read ({err.strerror or err}); the finished stories are kept: run the "
                       "same command again to resume")
            return EXIT_STOPPED
        except KeyboardInterrupt:
            report.say("interrupted; the finished stories are kept: run the same command again to resume")
            return EXIT_SIGNAL["interrupted"]


def batch(args: argparse.Namespace, report: Reporter) -> int:
    check_paths(args)
    corpus = open_corpus(args.input)
    if corpus.ignored_files:
        report.say(f"{args.input}: {corpus.ignored_files} files beside the story folders are not stories; "
                   "ignored", warning=True)
    backend = _backend(args, corpus, report)  # before OUT, so that a cluster out of reach leaves no file
    try:
        out, done = open_output(args.output, retry_failed=args.retry_failed)
        with out:
            if done.dropped:
                report.say(f"{args.output}: its last line was cut off (by a kill or a full disk); dropped it, "
                           "and that story is aligned again", warning=True)
            threshold = _threshold(args, done.threshold)
            if report.draws:
                report.start(max(0, corpus.count() - len(done.stories)) if corpus.folders is None
                             else sum(1 for s in corpus.stories() if s.key not in done.stories))
            started = time.perf_counter()
            with stop_on_signals() as stop:
                tally = run(_todo(corpus, done.stories, report), backend, out, threshold=threshold, stop=stop,
                            finished=report.finished)
            seconds = time.perf_counter() - started
            if args.summary:
                _summarise(args.summary, out)
    finally:
        backend.close(abandon=True)  # a no-op when the run closed it already
    return _conclude(args, report, tally, done, seconds)


def _summarise(path: str, out: Output) -> None:
    from . import summary  # noqa: PLC0415

    try:
        summary.write(path, out.lines())
    except OSError as err:
        raise WriteFailed(f"{path}: cannot write ({err.strerror or err})") from None


def _conclude(args: argparse.Namespace, report: Reporter, tally: Tally, done: Done, seconds: float) -> int:
    """The closing line (on a terminal, or when stories failed) and the exit status."""
    failed = done.failed + tally.failed
    ran = tally.aligned + tally.failed
    if tally.stopped:
        report.say(f"{tally.stopped} after {ran} stories; the finished stories are kept: run the same "
                   "command again to resume")
        return EXIT_SIGNAL[tally.stopped]
    if report.draws or failed:
        rate = f" in {seconds:.1f} s ({ran / seconds:.1f}/s)" if ran and seconds > 0 else ""
        resumed = f"; {len(done.stories)} were already in {args.output}" if done.stories else ""
        report.say(f"{tally.aligned} stories aligned, {tally.failed} failed{rate}{resumed}"
                   + (f"; {failed} error line{'s' * (failed != 1)} in {args.output}" if failed else ""))
    return EXIT_FAILED if failed else EXIT_OK


def _threshold(args: argparse.Namespace, resumed: float | None) -> float:
    from align.pipeline import DEFAULT_THRESHOLD  # noqa: PLC0415

    if args.threshold is None:
        return resumed if resumed is not None else DEFAULT_THRESHOLD
    if resumed is not None and abs(resumed - args.threshold) > 1e-12:
        raise InputError(f"{args.output} holds alignments at --threshold {resumed}; resume it at that "
                         "threshold, or choose another -o")
    return float(args.threshold)


def _backend(args: argparse.Namespace, corpus: Corpus, report: Reporter) -> Backend:
    if args.scheduler:
        from .cluster import ClusterError, DaskCluster  # noqa: PLC0415 - Dask only for --scheduler

        try:
            return DaskCluster(args.scheduler, corpus.path, lambda m: report.say(m, warning=True))
        except ClusterError as err:
            raise InputError(str(err)) from None
    from .pool import ProcessPool, cores  # noqa: PLC0415

    return ProcessPool(args.workers or cores())


def _todo(corpus: Corpus, done: set[str], report: Reporter) -> Iterator[Story]:
    """INPUT's stories not yet in OUT; a story id given twice is aligned once, and said."""
    seen: set[str] = set()
    check = corpus.folders is None  # folder names are unique already
    for story in corpus.stories():
        if story.key in done:
            continue
        if check:
            if story.key in seen:
                report.say(f"story {story.id} appears again at line {story.line}; only its first line is "
                           "aligned", warning=True)
                continue
            seen.add(story.key)
        yield story


if __name__ == "__main__":
    sys.exit(main())
