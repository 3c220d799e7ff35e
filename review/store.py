"""A review on disk, in one place: the review file (every judgement, as of when it was last
compacted), the journal of changes since (`<file>.journal`), and the lock writers take
(`<file>.lock`).

Saving a verdict appends one line to the journal under the lock: its cost is the change, not
the review. Reading takes the journal, then the file, without the lock (never waiting on
another session): the file is only ever replaced whole, by a rename, with everything the journal
held, before the journal is started again, so whatever moment a reader reads at, it misses
nothing that was saved before it began. Compacting (the journal folded into the file) is for
opening and leaving, and only once the journal is a good part of the file's size.

A file that cannot be parsed is moved aside, under the lock, never written over; a file from a
newer Parallax is left alone.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import journal
from .files import clean_stale_temporaries, move_aside, write_atomically
from .format import NewerFormat, dumps, loads
from .journal import Mark
from .lock import TIMEOUT, LockTimeout, locked
from .verdicts import ReviewState

FOLDER = ".parallax"
MAX_BYTES = 1 << 30  # a review file larger than this is not one of ours: left alone


class ReviewFileError(Exception):
    """The review file could not be used; the message says what was done about it."""


class CannotRead(ReviewFileError):
    """The review file is there but could not be read (permissions, a device, too large): it
    is left alone, and nothing is written over it."""


class NewerReviewFile(ReviewFileError):
    """A newer Parallax wrote the review file: it is left alone, and nothing is written there."""


def default_path(source_ids: Sequence[str], source_paths: Sequence[str | None]) -> Path:
    """`.parallax/<name>.review.json` beside the first source read from disk (else here),
    named from the set of sources so that the same set of articles finds its review again."""
    first = next((Path(p) for p in source_paths if p), None)
    folder = (first.parent if first else Path.cwd()) / FOLDER
    ids = sorted(source_ids)
    digest = hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()[:10]
    stem = "".join(c if c.isalnum() or c in "-_" else "_" for c in ids[0])[:40]
    return folder / f"{stem}+{len(ids) - 1}-{digest}.review.json"


FileId = tuple[int, int, int]  # a file's inode, size and modification time: replaced, it changes


@dataclass(frozen=True, slots=True)
class Seen:
    """How much of a review a reader has read: the review file as it was (None: there was
    none), and the journal up to a mark (None: there was none)."""

    file: FileId | None = None
    journal: Mark | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    """A review as read: its state, how much of it that is, and what the reviewer should hear
    (parts that could not be read, and what became of them)."""

    state: ReviewState
    seen: Seen = Seen()
    problems: tuple[str, ...] = ()
    whole: bool = True  # the whole review, not only the changes after what was seen


class ReviewStore:
    """One review's files. `path` is the review file itself (symlinks already followed);
    `movable` False if a symlink led to it: then the file may be anyone's, and if it cannot be
    read as a review it is left where it is (CannotRead), never moved aside."""

    def __init__(self, path: Path, *, movable: bool = True) -> None:
        self.path = path
        self.movable = movable
        self.journal = journal.path_for(path)
        self.lock = path.with_name(path.name + ".lock")
        self._holding = False

    def holds_anything(self) -> bool:
        try:
            return os.path.lexists(self.path) or os.path.lexists(self.journal)
        except (OSError, ValueError):
            return False

    @contextmanager
    def locked(self, timeout: float = TIMEOUT) -> Iterator[None]:
        """Hold the review's lock (its folder made if need be): LockTimeout, or OSError if the
        folder cannot be written."""
        if self._holding:  # already ours (compacting reads, and may move a file aside)
            yield
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with locked(self.lock, timeout):
            self._holding = True
            try:
                yield
            finally:
                self._holding = False

    # -- reading ------------------------------------------------------------------------

    def read(self, sources: Sequence[str], *, move_aside: bool = False) -> Loaded:
        """The whole review: the journal read first, then the file. A part that cannot be
        parsed is left out and said (and, with `move_aside`, moved aside under the lock so
        that a new review can be saved). NewerReviewFile or CannotRead if the file must be left
        alone."""
        try:
            changes, problems = self._journal(move_aside)
            (state, file), more = self._file(sources, move_aside)
        except NewerFormat as err:
            raise NewerReviewFile(f"{self.path}: {err}; left as it is") from None
        problems += more
        if changes is None:
            return Loaded(state, Seen(file, None), problems)
        if changes.skipped:
            problems += (f"{self.journal}: {changes.skipped} line(s) could not be read; skipped",)
        return Loaded(state.merged(changes.changes), Seen(file, changes.mark), problems)

    def read_since(self, sources: Sequence[str], seen: Seen) -> Loaded:
        """What was saved since `seen`: the journal's new lines; all of a journal started since,
        if the review file is as it was (the first change after a compaction, or ever); the
        whole review again (`whole`) if the file was replaced (a compaction)."""
        try:
            changes = journal.read(self.journal, since=seen.journal)
        except (OSError, ValueError):
            return self.read(sources)
        if changes is None:
            if seen.journal is None and self._file_id() == seen.file:
                return Loaded(ReviewState(tuple(sources)), seen, whole=False)
            return self.read(sources)
        if (seen.journal is not None and changes.mark.generation == seen.journal.generation) \
                or self._file_id() == seen.file:  # the journal read first: a compaction since shows here
            return Loaded(ReviewState(tuple(sources)).merged(changes.changes), Seen(seen.file, changes.mark),
                          whole=False)
        return self.read(sources)

    def _file_id(self) -> FileId | None:
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_ino, info.st_size, info.st_mtime_ns

    def _journal(self, move_aside: bool) -> tuple[journal.Read | None, tuple[str, ...]]:
        try:
            return journal.read(self.journal), ()
        except NewerFormat:
            raise
        except ValueError as err:
            if not move_aside:
                return None, (f"{self.journal}: the review's journal is unreadable ({err}); ignoring it",)
            try:
                with self.locked():
                    try:
                        return journal.read(self.journal), ()  # started anew meanwhile?
                    except ValueError:
                        aside = move_aside_file(self.journal)
            except (OSError, LockTimeout) as move_err:
                return None, (f"{self.journal}: the review's journal is unreadable ({err}) and could not be moved "
                              f"aside ({_why(move_err)}); not touching it",)
            return None, (f"{self.journal}: the review's journal was unreadable ({err}); kept it as {aside.name}",)
        except OSError as err:
            raise CannotRead(f"{self.journal}: cannot read the review's journal ({err.strerror or err})") from None

    def _file(self, sources: Sequence[str], move_aside: bool
              ) -> tuple[tuple[ReviewState, FileId | None], tuple[str, ...]]:
        fresh = ReviewState(tuple(sources))
        raw, file = self._bytes()
        if raw is None:
            return (fresh, None), ()
        try:
            return (loads(raw), file), ()
        except NewerFormat:
            raise
        except ValueError as err:
            if not move_aside:
                return (fresh, file), (f"{self.path}: review file is unreadable ({err}); ignoring it",)
            if not self.movable:
                raise CannotRead(f"{self.path}: not a Parallax review ({err}); a symlink leads to it, so it is "
                                 "left as it is") from None
            try:
                with self.locked():
                    raw, file = self._bytes()
                    try:
                        return ((fresh, None) if raw is None else (loads(raw), file)), ()  # replaced meanwhile?
                    except ValueError:
                        aside = move_aside_file(self.path)
            except (OSError, LockTimeout) as move_err:
                return (fresh, file), (f"{self.path}: review file is unreadable ({err}) and could not be moved "
                                       f"aside ({_why(move_err)}); not touching it",)
            return (fresh, None), (f"{self.path}: review file was unreadable ({err}); kept it as {aside.name} "
                                   "and started a fresh review",)

    def _bytes(self) -> tuple[bytes | None, FileId | None]:
        """The review file's bytes and identity; None if there is none. CannotRead if it is not a
        regular file, is too large, or cannot be read."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except (FileNotFoundError, NotADirectoryError):
            return None, None
        except OSError as err:
            raise CannotRead(f"{self.path}: cannot read the review file ({err.strerror or err})") from None
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise CannotRead(f"{self.path}: not a regular file; left as it is")
            if info.st_size > MAX_BYTES:
                raise CannotRead(f"{self.path}: larger than {MAX_BYTES >> 20} MiB, not a review file; left as it is")
            try:
                return file.read(), (info.st_ino, info.st_size, info.st_mtime_ns)
            except OSError as err:
                raise CannotRead(f"{self.path}: cannot read the review file ({err.strerror or err})") from None

    # -- writing (under the lock) ---------------------------------------------------------

    def append(self, lines: list[bytes], seen: Seen) -> Seen:
        """Add changes to the journal; the caller holds the lock and has read all but them."""
        try:
            return Seen(seen.file, journal.append(self.journal, lines))
        except ValueError as err:
            raise ReviewFileError(f"{self.journal}: not a review journal ({err}); not writing to it") from None

    def worth_compacting(self) -> bool:
        """Whether the journal is a good part of the file's size (so that folding it in costs
        little per change), or there is no file yet."""
        changes = journal.size(self.journal)
        try:
            whole = os.stat(self.path).st_size
        except OSError:
            whole = 0
        return changes > 200 and changes * 2 > whole

    def compact(self, sources: Sequence[str]) -> Loaded:
        """Fold the journal into the review file and start it anew; the caller holds the lock.
        A journal with lines that could not be read is kept aside first."""
        loaded = self.read(sources, move_aside=True)
        write_atomically(self.path, dumps(loaded.state), make_folders=False)
        problems = loaded.problems
        if any(p.startswith(f"{self.journal}:") for p in problems):
            aside = move_aside_file(self.journal)
            problems += (f"the lines of the journal that could not be read are kept in {aside.name}",)
        return Loaded(loaded.state, Seen(self._file_id(), journal.start(self.journal)), problems)

    def remove(self) -> None:
        """Delete the review (its lock file stays: removing it would let two writers in)."""
        for path in (self.journal, self.path):
            path.unlink(missing_ok=True)

    def clean(self) -> int:
        """Remove what saves killed mid-way left (old temporary files of ours)."""
        return clean_stale_temporaries(self.path.parent, (self.path.name, self.journal.name))


def _why(err: Exception) -> str:
    return (err.strerror if isinstance(err, OSError) else None) or str(err)


def move_aside_file(path: Path) -> Path:
    return move_aside(path, "corrupt")


def load(path: Path, sources: Sequence[str], *, move_aside: bool = True) -> ReviewState:
    """The saved review (file and journal), or a fresh one if there is none. ReviewFileError
    if part of it could not be read (moved aside first, with `move_aside`)."""
    loaded = ReviewStore(path).read(sources, move_aside=move_aside)
    if loaded.problems:
        raise ReviewFileError(loaded.problems[0])
    return loaded.state


def save(path: Path, state: ReviewState) -> None:
    """Write a whole review file (no journal; for tools and tests)."""
    write_atomically(path, dumps(state))
