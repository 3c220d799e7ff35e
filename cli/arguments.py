"""The command's arguments, and the inputs and review file they name."""
from __future__ import annotations

import argparse
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from align.shipped import shipped_threshold
from align.sources import InputError, RawText, ReadOptions, named_files, read_inputs
from align.sources.files import read_small_regular
from align.sources.labels import unique_labels
from review.files import real
from review.session import holds_a_review, is_review_companion, review_files
from review.store import default_path
from seeds import seed_paths

from .say import OneLineParser

LABELS_FILE = "labels.toml"  # beside the articles: file name = "label"
MAX_LABELS_BYTES = 256 * 1024


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = OneLineParser(
        prog="parallax",
        description="Line up news articles about one event, fact by fact, and show where they disagree.",
    )
    parser.add_argument("--version", action=ShowVersion, nargs=0, help="print the version and exit")
    parser.add_argument("paths", nargs="*",
                        help="text, Markdown or HTML files, directories, http(s) URLs, @FILE (one input a line), "
                             "or - for stdin (default: the bundled seeds)")
    parser.add_argument("--json", action="store_true", help="print the alignment as JSON instead of opening the app")
    parser.add_argument("--threshold", type=float, default=None, metavar="T",
                        help="how likely sentences must be to report one fact, a probability "
                             f"(default {shipped_threshold()}; the app resumes at the one last used)")
    parser.add_argument("--report", choices=["md"], help="print a Markdown report of the alignment and the review")
    parser.add_argument("-o", "--output", type=output_file, metavar="FILE",
                        help="write --json/--report output to FILE (atomically)")
    parser.add_argument("--review", type=Path, metavar="FILE",
                        help="the review file (default: .parallax/ beside the first source, named from the set of "
                             "sources)")
    add_input_options(parser)
    args = parser.parse_args(argv)
    if args.json and args.report:
        parser.error("--json and --report are alternatives: pick one")
    if args.output is not None and not (args.json or args.report):
        parser.error("--output goes with --json or --report")
    if args.output is not None and os.path.isdir(args.output):  # never raises: a path it cannot stat is no folder
        parser.error(f"--output needs a file name; {str(args.output)!r} is a folder")
    if args.threshold is not None and not 0.0 < args.threshold <= 1.0:
        parser.error("--threshold must be in (0, 1]")
    return args


def output_file(text: str) -> Path:
    """`-o`'s file: a name ending in a slash means a folder (`Path` would drop the slash and
    write a file of the folder's name)."""
    if text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(f"--output needs a file name; {text!r} names a folder")
    return Path(text)


class ShowVersion(argparse.Action):
    """`--version`, looking the version up only when asked (it costs an import)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        print(f"parallax {version()}")
        parser.exit()


def version() -> str:
    """The installed version (the package's metadata), or 'unknown' when run from a bare tree."""
    from importlib.metadata import PackageNotFoundError  # noqa: PLC0415 - only for --version
    from importlib.metadata import version as installed  # noqa: PLC0415

    try:
        return installed("parallax")
    except PackageNotFoundError:
        return "unknown"


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """How inputs are read (see `align.sources.ReadOptions`)."""
    from align.sources import DEFAULT_TIMEOUT  # noqa: PLC0415

    group = parser.add_argument_group("reading inputs")
    group.add_argument("--label", action="append", default=[], metavar="NAME",
                       help="name the sources in order, one --label each (default: outlet and date, "
                            "else a readable file name; '' keeps the default)")
    group.add_argument("--keep-going", action="store_true",
                       help="align what can be read; say what could not (default: stop, exit 2)")
    group.add_argument("--save-pages", type=Path, metavar="DIR",
                       help="keep each fetched page in DIR as <source id>.html, to review it again offline")
    group.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="S",
                       help=f"seconds for a page to arrive, and for a pipe or device to send data "
                            f"(default {DEFAULT_TIMEOUT:g})")


def read_options(args: argparse.Namespace) -> ReadOptions:
    """The reading options the command line gave; warnings go to stderr as they happen."""
    from .say import say  # noqa: PLC0415

    if not 0 < args.timeout <= 3600:
        raise InputError("--timeout must be more than 0 and at most 3600 seconds")
    return ReadOptions(timeout=args.timeout, keep_going=args.keep_going, save_pages=args.save_pages,
                       labels=tuple(args.label), warn=lambda message: say(message, warning=True))


def read_articles(args: argparse.Namespace) -> list[RawText]:
    """The inputs the arguments name, read, and labelled: by --label, else by a labels.toml
    beside them, else as `read_inputs` labels them (outlet and date, or a readable name)."""
    options = read_options(args)
    return sidecar_labels(read_inputs(input_paths(args.paths), options), tuple(args.label), options.say)


def sidecar_labels(raws: Sequence[RawText], given: Sequence[str], warn: Callable[[str], None]) -> list[RawText]:
    """Each article read from a folder with a `labels.toml` (`"reuters-3f9a.txt" = "Reuters"`)
    takes the label it gives, unless --label named that source; labels stay one line each and
    different. A labels file that cannot be used is said once and changes nothing."""
    tables: dict[Path, dict[str, str]] = {}
    chosen = []
    for n, raw in enumerate(raws):
        label = raw.label or raw.id
        if raw.path is not None and not (n < len(given) and given[n].strip()):
            folder = Path(raw.path).parent
            if folder not in tables:
                tables[folder] = _labels_in(folder / LABELS_FILE, warn)
            label = tables[folder].get(Path(raw.path).name, label)
        chosen.append(label)
    return [replace(raw, label=label) for raw, label in zip(raws, unique_labels(chosen), strict=True)]


def _labels_in(path: Path, warn: Callable[[str], None]) -> dict[str, str]:
    import tomllib  # noqa: PLC0415 - only where a labels file is looked for

    try:
        data = read_small_regular(path, MAX_LABELS_BYTES)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except OSError as err:
        warn(f"{path}: cannot read it ({err.strerror or err}); its labels are not used")
        return {}
    try:
        if len(data) > MAX_LABELS_BYTES:
            raise ValueError("larger than 256 KB")
        table = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as err:
        warn(f"{path}: not a labels file ({err}); its labels are not used")
        return {}
    labels = {name: label for name, label in table.items() if isinstance(label, str) and label.strip()}
    if len(labels) != len(table):
        warn(f"{path}: each line must be \"file name\" = \"label\"; the others are not used")
    return labels


def input_paths(paths: Sequence[str]) -> list[str | os.PathLike[str]]:
    if paths:
        return list(paths)
    return list(seed_paths())


def review_path(args: argparse.Namespace, raws: Sequence[RawText]) -> Path:
    """The review file: `--review`, else the default for these articles. InputError if
    `--review` names one of the articles (it would be moved aside as an unreadable review)."""
    if args.review is not None:
        _not_an_input(args.review, raws, "--review", "-" in args.paths, "it is not a review file")
        _not_a_named_input(args, args.review, "--review", "it is not a review file")
        if is_review_companion(Path(args.review)):
            raise InputError(f"{args.review}: --review names a review's journal or lock, not a review file; "
                             "give the .review.json beside it")
        return Path(args.review)
    return default_path([r.id for r in raws], [r.path for r in raws])


def check_output(args: argparse.Namespace, raws: Sequence[RawText], review: Path) -> None:
    """InputError if `--output` names one of the inputs (read or left out, an @list too) or a
    review's file, journal or lock (by its name or its link's target): writing the output
    there would destroy it."""
    if args.output is not None:
        _not_an_input(args.output, raws, "--output", "-" in args.paths, "refusing to overwrite it")
        _not_a_named_input(args, args.output, "--output", "refusing to overwrite it")
        output = Path(args.output)
        if holds_a_review(output) or any(_names(args.output, kept) for kept in review_files(review)):
            raise InputError(f"{args.output}: --output names a review file, its journal or its lock; "
                             "refusing to overwrite it")


def _not_a_named_input(args: argparse.Namespace, path: Path, option: str, refusal: str) -> None:
    """InputError if `path` is a file the inputs name, aligned or not (see `named_files`), or
    would be one of a folder given as input (a folder that could not be listed included)."""
    specs = [str(p) for p in input_paths(args.paths)]
    for named in named_files(specs):
        if _is(path, named) or (Path(named).is_dir() and real(Path(path)).parent == real(Path(named))):
            raise InputError(f"{path}: {option} names the input {named}; {refusal}")


def _not_an_input(path: Path, raws: Sequence[RawText], option: str, stdin_read: bool, refusal: str) -> None:
    for raw in raws:
        if raw.path and _is(path, Path(raw.path)):
            raise InputError(f"{path}: {option} names the input article {raw.path}; {refusal}")
    if stdin_read and _is_stdin(path):
        raise InputError(f"{path}: {option} names the article read from stdin; {refusal}")


def _names(path: Path, kept: Path) -> bool:
    """Whether `path` names the regular file `kept`, there or not yet (a journal or lock comes
    and goes). A device is written through, never replaced: naming one is no harm."""
    if _is(path, kept):
        return True
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
    except OSError:
        pass  # not there (yet)
    return real(Path(path)) == real(kept)


def _is(path: Path, other: Path) -> bool:
    """Whether two paths name one regular file (through links); False if either is not there."""
    try:
        info = os.stat(path)
        return stat.S_ISREG(info.st_mode) and os.path.samestat(info, os.stat(other))
    except OSError:
        return False


def _is_stdin(path: Path) -> bool:
    try:
        info = os.stat(path)
        return stat.S_ISREG(info.st_mode) and os.path.samestat(info, os.fstat(0))
    except OSError:
        return False
