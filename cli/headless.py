"""`--json` and `--report`: read, align, place any saved review, print or write the result.
Neither Textual nor (unless progress is drawn on a terminal) Rich is imported."""
from __future__ import annotations

import argparse
import sys

from align.export import to_json
from align.pipeline import DEFAULT_THRESHOLD, prepare, regroup
from review.export import to_json as to_json_with_review
from review.files import write_output
from review.index import FactIndex
from review.report import report
from review.session import ReviewSession

from .arguments import check_output, read_articles, review_path
from .progress import terminal_progress
from .say import EXIT_INPUT, say

_SLICE = 1 << 20  # characters encoded and written at a time


def run_headless(args: argparse.Namespace) -> int:
    raws = read_articles(args)
    with terminal_progress() as progress:
        prepared = prepare(raws, progress)
    for warning in prepared.warnings:
        say(warning, warning=True)
    alignment = regroup(prepared, args.threshold or DEFAULT_THRESHOLD)
    review_file = review_path(args, raws)
    check_output(args, raws, review_file)
    session = ReviewSession(review_file, tuple(r.id for r in raws))
    problem = session.open(writing=False)
    if problem:
        say(problem, warning=True)
    end = "" if args.report else "\n"  # the report ends its own last line; the JSON does not
    if args.report:
        out = report(session.review(FactIndex(alignment)))
    elif session.saved:
        out = to_json_with_review(session.review(FactIndex(alignment)), str(session.where))
    else:
        out = to_json(alignment)
    if args.output:
        try:
            write_output(args.output, out + end)
        except BrokenPipeError:  # -o /dev/stdout into a pipe whose reader left: as without -o
            raise
        except OSError as err:
            say(f"{args.output}: cannot write ({err.strerror or err})")
            return EXIT_INPUT
    else:
        return write_stdout(out, end)
    return 0


def write_stdout(out: str, end: str = "") -> int:
    """`out`, then `end`. JSON and Markdown are UTF-8 whatever the locale says stdout is (a
    latin-1 or ASCII PYTHONIOENCODING would fail on the first curly quote); a closed stdout is
    said, not a crash. Encoded a slice at a time: the output of a large input is tens of MB."""
    if sys.stdout is None:
        say("cannot write to standard output: it is closed")
        return EXIT_INPUT
    try:
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream (tests, embedding): it takes text
            sys.stdout.write(out + end)
            sys.stdout.flush()
        else:
            for at in range(0, len(out), _SLICE):
                stream.write(out[at:at + _SLICE].encode("utf-8", "replace"))
            stream.write(end.encode("utf-8"))
            stream.flush()
    except BrokenPipeError:  # the reader left (| head): nothing to say
        raise
    except OSError as err:  # > /dev/full, a full disk
        say(f"standard output: cannot write ({err.strerror or err})")
        return EXIT_INPUT
    return 0
