"""Where the stories are, and reading one.

The parent only finds stories (folder names, or the offsets of lines in a JSON Lines file);
each worker reads its own story from disk, so article text never travels through the parent,
the pool's pipes or a Dask scheduler.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from align.sources import InputError, RawText, unique_ids
from align.sources.formats import MAX_TEXT_BYTES

from .lines import StoryId, parse, story_key

MAX_LINE_BYTES = 64 * 1024 * 1024  # one story of a JSON Lines input
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Story:
    """One unit of work: where a story is, not what it says.

    `path` is absolute (workers may run elsewhere, with another working directory); for a
    JSON Lines input `offset` and `size` locate the story's line and `line` numbers it. A story
    whose `problem` is set was found unreadable already and is recorded as that error."""

    id: StoryId
    path: str
    offset: int | None = None
    size: int = 0
    line: int = 0
    problem: str | None = None

    @property
    def key(self) -> str:
        return story_key(self.id)


@dataclass(frozen=True, slots=True)
class Corpus:
    """An INPUT: its stories (found lazily) and, when cheap to know, how many there are."""

    path: str
    folders: tuple[str, ...] | None  # story folder names, for a directory INPUT
    ignored_files: int = 0

    def stories(self) -> Iterator[Story]:
        if self.folders is not None:
            return (Story(name, os.path.join(self.path, name)) for name in self.folders)
        return _lines(self.path)

    def count(self) -> int:
        """How many stories INPUT holds (a JSON Lines file is scanned for line ends)."""
        if self.folders is not None:
            return len(self.folders)
        return _count_lines(self.path)


def open_corpus(raw: str | os.PathLike[str]) -> Corpus:
    """INPUT checked: a directory of story folders, or a JSON Lines file (InputError if not)."""
    path = os.path.abspath(raw)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{raw}: no such file or directory") from None
    except OSError as err:
        raise InputError(f"{raw}: cannot read ({err.strerror or err})") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            entries = [(e.name, e.is_dir()) for e in os.scandir(path) if not e.name.startswith(".")]
        except OSError as err:
            raise InputError(f"{raw}: cannot read ({err.strerror or err})") from None
        folders = tuple(sorted(name for name, is_dir in entries if is_dir))
        if not folders:
            raise InputError(f"{raw}: no story folders in it (each story is a folder of its articles)")
        return Corpus(path, folders, sum(1 for _, is_dir in entries if not is_dir))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{raw}: not a directory or a regular file (a JSON Lines file is read by offset)")
    try:
        with open(path, "rb") as f:
            if not f.read(_CHUNK).strip():
                raise InputError(f"{raw}: the file is empty")
    except OSError as err:
        raise InputError(f"{raw}: cannot read ({err.strerror or err})") from None
    return Corpus(path, None)


def _count_lines(path: str) -> int:
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def _lines(path: str) -> Iterator[Story]:
    """Each non-blank line's story id and place. The line is parsed here only for its id; the
    worker reads it again by offset."""
    offset = 0
    with open(path, "rb") as f:
        for number, (raw, size) in enumerate(_raw_lines(f), start=1):
            if raw is None:
                yield Story(f"line {number}", path, offset, size, number,
                            f"line {number}: longer than {MAX_LINE_BYTES // 2**20} MB")
            elif raw.strip():
                yield _story_at(path, raw, offset, number)
            offset += size


def _raw_lines(f: Any) -> Iterator[tuple[bytes | None, int]]:
    """(line, its size) for each line; (None, its size) for one longer than MAX_LINE_BYTES,
    which is skipped a chunk at a time rather than held in memory."""
    while raw := f.readline(MAX_LINE_BYTES + 1):
        if len(raw) <= MAX_LINE_BYTES or raw.endswith(b"\n"):
            yield raw, len(raw)
            continue
        size = len(raw)
        del raw
        while chunk := f.readline(_CHUNK):
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        yield None, size


def _story_at(path: str, raw: bytes, offset: int, number: int) -> Story:
    here = f"line {number}"
    try:
        record = parse(raw)
    except ValueError as err:
        return Story(here, path, offset, len(raw), number, f"{here}: not valid JSON ({err})")
    story = record.get("story") if isinstance(record, dict) else None
    if isinstance(story, bool) or not isinstance(story, (str, int)) or story == "":
        return Story(here, path, offset, len(raw), number,
                     f'{here}: needs a "story" id (a string or an integer)')
    return Story(story, path, offset, len(raw), number)


def read_story(story: Story) -> list[RawText]:
    """The articles of one story, read and validated (InputError says what is wrong)."""
    if story.offset is None:
        from pathlib import Path  # noqa: PLC0415

        from align.sources import ReadOptions, read_inputs  # noqa: PLC0415 - the one place batch reads files

        # a story folder holds any format Parallax reads; its warnings are not the batch's to print
        return read_inputs([Path(story.path)], ReadOptions(warn=lambda _: None))
    with open(story.path, "rb") as f:
        f.seek(story.offset)
        data = f.read(story.size)
    return _articles(data, f"line {story.line}")


def _articles(data: bytes, here: str) -> list[RawText]:
    try:
        record = parse(data)
    except ValueError as err:
        raise InputError(f"{here}: not valid JSON ({err}); was the file changed during the batch?") from None
    articles = record.get("articles") if isinstance(record, dict) else None
    if not isinstance(articles, list):
        raise InputError(f'{here}: needs "articles", a list of {{"id", "text"}}')
    ids: list[str] = []
    texts: list[str] = []
    for n, article in enumerate(articles, start=1):
        if not isinstance(article, dict):
            raise InputError(f"{here}: article {n} is not an object")
        ident = article.get("id", str(n))
        if isinstance(ident, bool) or not isinstance(ident, (str, int)) or ident == "":
            raise InputError(f'{here}: article {n}: "id" must be a string or an integer')
        text = article.get("text")
        if not isinstance(text, str):
            raise InputError(f'{here}: article {ident}: needs "text", a string')
        if not text.strip():
            raise InputError(f"{here}: article {ident}: the text is empty")
        if len(text.encode("utf-8")) > MAX_TEXT_BYTES:
            raise InputError(f"{here}: article {ident}: text is longer than 5 MB")
        ids.append(str(ident))
        texts.append(text)
    return [RawText(i, None, t) for i, t in zip(unique_ids(ids), texts, strict=True)]
