"""From what the user named (paths, directories, '-', URLs, @list files) to checked article
texts with ids and labels: the input layer's one entry point, `read_inputs`."""
from __future__ import annotations

import os
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from align.model import SourceFormat
from align.untrusted import without_surrogates, written_out

from .files import kind_of, list_directory, read_path, read_small_regular, read_stdin
from .formats import MAX_PAGE_BYTES, SUFFIXES, Converted, convert, format_of, limit_for
from .labels import default_label, id_from_stem, id_from_url, unique_ids, unique_labels
from .meta import host_of
from .rawtext import InputError, InputErrors, RawText

if TYPE_CHECKING:
    from .fetch import Page

STDIN = "-"
LIST_PREFIX = "@"
DEFAULT_TIMEOUT = 15.0
_URL = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*://")
_SAVED_SUFFIX = {SourceFormat.HTML: ".html", SourceFormat.MARKDOWN: ".md", SourceFormat.TEXT: ".txt"}


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read: `timeout` bounds a page's whole transfer and each wait for data on a pipe,
    device or stdin; with `keep_going` an input that cannot be read is a warning and the rest
    are read; `save_pages` keeps each fetched page there as `<source id>.html`; `labels` name
    the sources in order (an empty one keeps the default); `warn` hears warnings (default: the
    `warnings` module); `stdin` is what '-' reads (default: the process's)."""

    timeout: float = DEFAULT_TIMEOUT
    keep_going: bool = False
    save_pages: Path | None = None
    labels: tuple[str, ...] = ()
    warn: Callable[[str], None] | None = None
    stdin: BinaryIO | None = None

    def say(self, message: str) -> None:
        if self.warn is not None:
            self.warn(message)
        else:
            warnings.warn(message, stacklevel=3)


class _Kind(StrEnum):
    FILE = "file"
    STDIN = "stdin"
    URL = "url"


@dataclass(frozen=True, slots=True)
class _Input:
    """One thing to read: a file, stdin or a URL, and the name its messages use."""

    kind: _Kind
    where: str

    @property
    def name(self) -> str:
        return "<stdin>" if self.kind is _Kind.STDIN else self.where


def _is_url(spec: str) -> bool:
    return bool(_URL.match(spec))


def _list_file(spec: str, options: ReadOptions, problems: list[str]) -> list[_Input]:
    """The inputs an @list file names, one a line (blank lines and # comments skipped);
    relative paths are relative to the list file's folder. A line that names nothing
    readable is a problem of its own: the rest of the list is still read (`--keep-going`)."""
    path = Path(spec[len(LIST_PREFIX):])
    entries = _list_entries(path, read_path(path, limit=limit_for(".txt"), timeout=options.timeout))
    if not entries:
        raise InputError(f"{path}: the list names no inputs")
    inputs: list[_Input] = []
    for entry in entries:
        if entry == STDIN or entry.startswith(LIST_PREFIX):
            raise InputError(f"{path}: a list names files and URLs, not {entry[:40]!r}")
        try:
            inputs += _expand_one(entry if _is_url(entry) else str(path.parent / entry), options, problems,
                                  from_list=True)
        except InputError as err:
            problems += err.problems
    return inputs


def _list_entries(path: Path, data: bytes) -> list[str]:
    try:
        lines = data.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise InputError(f"{path}: a list of inputs must be UTF-8 text") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def named_files(specs: Iterable[str]) -> list[Path]:
    """Every file the command line's inputs name, whether it was read or not (one left out,
    or dropped as the same article as another, is still the user's file): files, a folder's
    article files, an @list file and the files it names. Only folders are listed and lists
    read again, a list only if it is a regular file (a FIFO gave its lines once)."""
    files: list[Path] = []
    for spec in specs:
        if spec == STDIN or _is_url(spec):
            continue
        if spec.startswith(LIST_PREFIX) and len(spec) > 1:
            listed = Path(spec[len(LIST_PREFIX):])
            files.append(listed)
            try:
                entries = _list_entries(listed, read_small_regular(listed, limit_for(".txt")))
            except (OSError, InputError):
                continue
            files += named_files([str(listed.parent / e) for e in entries
                                  if not (e == STDIN or e.startswith(LIST_PREFIX) or _is_url(e))])
            continue
        path = Path(spec)
        try:
            files += list_directory(path, frozenset(SUFFIXES)) if kind_of(path) == "dir" else [path]
        except (InputError, OSError):
            files.append(path)
    return files


def _expand_one(spec: str | os.PathLike[str], options: ReadOptions, problems: list[str], *,
                from_list: bool = False) -> list[_Input]:
    if isinstance(spec, str) and not from_list:
        if spec == STDIN:
            return [_Input(_Kind.STDIN, STDIN)]
        if spec.startswith(LIST_PREFIX) and len(spec) > 1:
            return _list_file(spec, options, problems)
    if isinstance(spec, str) and _is_url(spec):
        if not spec.lower().startswith(("http://", "https://")):
            raise InputError(f"{spec}: only http:// and https:// addresses can be fetched")
        if "@" in spec.split("/", 3)[2]:  # user@host: urllib would take the user for the host
            raise InputError(f"{spec}: an address with a user name or password is not fetched; "
                             "give it without them")
        return [_Input(_Kind.URL, spec)]
    path = Path(spec)
    if kind_of(path) == "dir":
        files = list_directory(path, frozenset(SUFFIXES))
        if not files:
            raise InputError(f"{path}: directory has no .txt, .md or .html files")
        return [_Input(_Kind.FILE, str(f)) for f in files]
    return [_Input(_Kind.FILE, str(path))]


def _expand(specs: Iterable[str | os.PathLike[str]], options: ReadOptions) -> tuple[list[_Input], list[str]]:
    """Every input, in order: directories become their article files (sorted), list files
    the inputs they name; and the problems met on the way."""
    inputs: list[_Input] = []
    problems: list[str] = []
    for spec in specs:
        try:
            inputs += _expand_one(spec, options, problems)
        except InputError as err:
            problems += err.problems
    return inputs, problems


def _settle(problems: Sequence[str], options: ReadOptions) -> None:
    """Problems stop the run, all said at once; with keep_going they are warnings."""
    if problems and not options.keep_going:
        raise InputErrors(tuple(problems))
    for problem in problems:
        options.say(f"{problem}; left out")


@dataclass(frozen=True, slots=True)
class _Loaded:
    source: _Input
    converted: Converted
    stem: str  # what its id is made from
    data: bytes = b""  # a fetched page's body, kept to save it
    charset: str | None = None

    @property
    def path(self) -> str | None:
        return self.source.where if self.source.kind is _Kind.FILE else None


def _load_file(item: _Input, options: ReadOptions) -> _Loaded:
    path = Path(item.where)
    if item.kind is _Kind.STDIN:
        data = read_stdin(options.stdin or sys.stdin.buffer, limit=MAX_PAGE_BYTES, timeout=options.timeout)
        return _Loaded(item, convert(data, item.name, format_of(data)), "stdin")
    data = read_path(path, limit=limit_for(path.suffix), timeout=options.timeout)
    return _Loaded(item, convert(data, item.name, format_of(data, path.suffix)), id_from_stem(path.stem))


def _load(inputs: Sequence[_Input], problems: list[str], options: ReadOptions) -> list[_Loaded]:
    """Read every input (pages fetched concurrently first); the problems, with those met
    before, as `_settle` says."""
    urls = [item.where for item in inputs if item.kind is _Kind.URL]
    pages: dict[str, Page | InputError] = {}
    if urls:
        from .fetch import fetch_all  # noqa: PLC0415 - the HTTP client only when there is a URL

        pages = dict(zip(urls, fetch_all(urls, timeout=options.timeout, limit=MAX_PAGE_BYTES), strict=True))
    loaded: list[_Loaded] = []
    for item in inputs:
        try:
            if item.kind is _Kind.URL:
                page = pages[item.where]
                if isinstance(page, InputError):
                    raise page
                fmt = format_of(page.data) if page.format in (None, SourceFormat.TEXT) else page.format
                converted = convert(page.data, item.name, fmt, url=page.url, charset=page.charset)
                loaded.append(_Loaded(item, converted, id_from_url(item.where), page.data, page.charset))
            else:
                loaded.append(_load_file(item, options))
        except InputError as err:
            problems += err.problems
    _settle(problems, options)
    return loaded


def _outlet(raw: RawText) -> str | None:
    return (raw.meta.site or host_of(raw.meta.url)) if raw.meta else None


def _distinct(raws: Sequence[RawText], names: Sequence[str], options: ReadOptions) -> list[int]:
    """Which of `raws` to keep: the first of any that give the same text from the same outlet
    (a file given twice, a copy of it, a URL and the page saved from it); each one left out is
    said, by `names`."""
    first: dict[tuple[str, str | None], int] = {}
    keep: list[int] = []
    for n, raw in enumerate(raws):
        key = (raw.text, _outlet(raw))
        if key in first:
            options.say(f"{names[n]}: the same article as {names[first[key]]}; aligned once")
        else:
            first[key] = n
            keep.append(n)
    return keep


def _with_unique_ids(raws: Sequence[RawText]) -> list[RawText]:
    ids = unique_ids(r.id for r in raws)
    return [r if r.id == i else replace(r, id=i) for r, i in zip(raws, ids, strict=True)]


def label_all(raws: Sequence[RawText], given: Sequence[str] = ()) -> list[RawText]:
    """Each source's label: the one given (in order), the one it has, or the outlet and date
    or readable name; all made one-line and different."""
    if len(given) > len(raws):
        raise InputError(f"--label given {len(given)} times for {len(raws)} sources")
    given = [*given, *[""] * (len(raws) - len(given))]
    chosen = [(label.strip() and label) or raw.label or default_label(raw.id, raw.meta)
              for raw, label in zip(raws, given, strict=True)]
    return [replace(raw, label=label) for raw, label in zip(raws, unique_labels(chosen), strict=True)]


def _save(loaded: _Loaded, raw: RawText, options: ReadOptions) -> RawText:
    """The fetched page kept as `<id>.html` (or .txt/.md) in the save folder; the source's path
    is then that file, so the review is kept beside it and found again when it is read back.
    A page that cannot be saved is said and still aligned."""
    from .fetch import save_page  # noqa: PLC0415
    from .webpage import decode_page, mark_saved  # noqa: PLC0415

    assert options.save_pages is not None
    if raw.format is SourceFormat.HTML:
        content = mark_saved(decode_page(loaded.data, loaded.charset), loaded.source.where).encode("utf-8")
    else:
        content = raw.text.encode("utf-8")
    try:
        return replace(raw, path=str(save_page(options.save_pages, raw.id + _SAVED_SUFFIX[raw.format], content)))
    except InputError as err:
        options.say(str(err))
        return raw


def read_inputs(specs: Iterable[str | os.PathLike[str]], options: ReadOptions | None = None) -> list[RawText]:
    """Read every input and return the articles, in order, with unique ids and labels.

    A `str` is what a user types: a path, a directory (its .txt, .md, .markdown, .html and
    .htm files, sorted), '-' for stdin, an http(s) URL, or '@FILE' naming one input a line.
    An `os.PathLike` is always a path. Raises InputError (one line per problem).
    """
    options = options or ReadOptions()
    loaded = _load(*_expand(specs, options), options)
    raws = [RawText(ld.stem, ld.path, ld.converted.text, ld.converted.format, ld.converted.meta,
                    blanked=ld.converted.blanked) for ld in loaded]
    keep = _distinct(raws, [ld.source.name for ld in loaded], options)
    loaded, raws = [loaded[n] for n in keep], _with_unique_ids([raws[n] for n in keep])
    if options.save_pages is not None:
        raws = [_save(ld, raw, options) if ld.source.kind is _Kind.URL else raw
                for ld, raw in zip(loaded, raws, strict=True)]
    return label_all(raws, options.labels)


def articles(inputs: Iterable[str | os.PathLike[str] | RawText]) -> list[RawText]:
    """The Python API's inputs as articles. An `os.PathLike` (a file, a directory) is read;
    a `str` is the text of an article (ids text1, text2 ... by position), never a path, a URL
    or '-': stdin is not read; a `RawText` is taken as it is. Order is kept and so is every
    article given (twice means twice: a script chose its texts); ids and labels are made
    unique. A lone surrogate, which a script's string may hold and no encoder takes, is
    U+FFFD in a text (offsets hold) and written out in an id or label."""
    raws: list[RawText] = []
    for n, item in enumerate(inputs, start=1):
        if isinstance(item, RawText):
            raws.append(replace(item, id=written_out(item.id), text=without_surrogates(item.text),
                                label=None if item.label is None else written_out(item.label),
                                blanked=None if item.blanked is None else without_surrogates(item.blanked)))
        elif isinstance(item, os.PathLike):
            raws += read_inputs([item])
        elif isinstance(item, str):
            raws.append(RawText(f"text{n}", None, without_surrogates(item)))
        else:
            raise TypeError(f"an article is a str (its text), an os.PathLike or a RawText, not {type(item).__name__}")
    return label_all(_with_unique_ids(raws))


def read_texts(paths: Iterable[str | os.PathLike[str]], stdin: BinaryIO | None = None) -> list[RawText]:
    """`read_inputs` with the default options (kept for callers of the first API)."""
    return read_inputs(paths, ReadOptions(stdin=stdin))


def require_two(raws: Sequence[RawText]) -> None:
    if len(raws) < 2:
        raise InputError(f"need at least two sources to align, got {len(raws)}")
