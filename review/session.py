"""The reviewer's judgements for one set of articles: placed on the alignment on screen and
saved as they change. No Textual here: the app only asks and draws.

A review lives in one place, its review file (`store.py`), which any number of sessions share.
When that cannot be written (a read-only folder, a full disk, a lock held too long), changes go
to a fallback in the user's state folder; every later session, `--json` and `--report` read it
with the review file, and the first session that can write the review file again folds it back
in and removes it. A change saved nowhere yet is kept and saved with the next one.
"""
from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from align.model import Alignment, Fact, SentenceRef
from align.sources.files import read_small_regular
from align.untrusted import written_out

from .files import real, stat_or_none
from .format import cleaned, judgement_line, looks_like_review, position_line
from .index import FactIndex, Review
from .journal import SUFFIX as JOURNAL_SUFFIX
from .journal import path_for as journal_path
from .lock import TIMEOUT as LOCK_TIMEOUT
from .lock import LockTimeout
from .store import CannotRead, Loaded, NewerReviewFile, ReviewFileError, ReviewStore, Seen
from .verdicts import (
    Judgement,
    Key,
    Placing,
    Position,
    ReviewState,
    Verdict,
    judgement_for,
    sentence_key,
    source_keys,
)

TIDYING_TIMEOUT = 2.0  # s to wait for the lock to compact or fold in a fallback (else: next time)
BUSY_TIMEOUT = 0.2  # s to wait for a lock that was held too long last time (then save elsewhere)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def fallback_for(path: Path) -> Path | None:
    """Where a review goes when its folder cannot be written (the bundled seeds in a read-only
    install): the user's state folder, named after the original place so each set keeps its
    own; None if there is no state folder to name."""
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):  # unset, or relative (which the XDG spec says to ignore)
        try:
            base = str(Path.home() / ".local" / "state")
        except (RuntimeError, KeyError, OSError):
            return None
    where = hashlib.sha1(str(path.parent).encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return Path(base) / "parallax" / f"{where}-{path.name}"


def review_files(path: Path) -> tuple[Path, ...]:
    """Every file the review at `path` may be kept in: the file, its journal and its lock, and
    the same three of its fallback. No output may be written over any of them."""
    places = [path] if real(path) == path else [path, real(path)]  # a review behind a link keeps them by its target
    fallback = fallback_for(real(path))
    if fallback is not None:
        places.append(fallback)
    return tuple(f for p in places for f in (p, journal_path(p), p.with_name(p.name + ".lock")))


def holds_a_review(path: Path) -> bool:
    """Whether `path` is a review file, journal or lock, by its name or its link's target's
    name, or by what it holds (a review named with `--review` has a name of its own): no
    output is written there (a review's verdicts would be replaced)."""
    if any(p.name.endswith(".review.json") or is_review_companion(p) for p in (path, real(path))):
        return True
    try:
        return looks_like_review(read_small_regular(path, 256))
    except OSError:  # not there, or not a regular file: nothing to lose
        return False


def is_review_companion(path: Path) -> bool:
    """A review's journal or lock, by name: never a review file of its own (opened as one, it
    would be moved aside as unreadable, and the review's changes with it)."""
    return path.name.endswith((".review.json" + JOURNAL_SUFFIX, ".review.json.lock"))


def _why(err: BaseException) -> str:
    if isinstance(err, OSError):
        return err.strerror or str(err)
    return str(err)


def _later_than(stamp: str) -> str:
    """A moment just after `stamp` (for a change that must win over one stamped later)."""
    try:
        return (datetime.fromisoformat(stamp) + timedelta(microseconds=1)).isoformat(timespec="microseconds")
    except (ValueError, OverflowError):
        return stamp + "+"  # not a time we wrote: still sorts after it


class ReviewSession:
    """`path` None keeps the review in memory only (tests, and callers that save elsewhere).
    What the reviewer sees is a `Review`: the session makes a new one for each change."""

    def __init__(self, path: Path | None, sources: tuple[str, ...]) -> None:
        self.path = path  # as given (and shown)
        self._real = None if path is None else real(path)  # what it names: a symlink's target is written
        self._linked = path is not None and os.path.islink(path)
        self.sources = tuple(written_out(s) for s in sources)  # as `align.articles` writes ids out
        self._judgements: dict[Key, Judgement] = {}
        self._position: Position = (None, None, "")
        self._placing: Placing | None = None
        self._own: ReviewStore | None = None  # the review file's place
        self._fallback: ReviewStore | None = None
        self._seen: dict[Path, Seen] = {}  # per place, how much of it this session has read
        self._pending: dict[Key, Judgement] = {}  # changes not saved anywhere yet
        self._position_pending = False
        self._frozen: str | None = None  # why nothing is saved (a newer file, a device)
        self._own_readable = True
        self._in_fallback = False
        self._busy: set[Path] = set()  # places whose lock another session held too long
        self._clock = 0

    @property
    def state(self) -> ReviewState:
        return ReviewState(self.sources, tuple(self._judgements.values()), *self._position)

    # -- opening ----------------------------------------------------------------------------

    def open(self, *, writing: bool = True) -> str | None:
        """Load what was saved, in the review file and any fallback; a message for the reviewer
        if part of it could not be used (moved aside first when this session will write)."""
        if self._real is None:
            return None
        self._own = ReviewStore(self._real, movable=not self._linked)
        fallback = fallback_for(self._real)
        self._fallback = None if fallback is None else ReviewStore(fallback)
        said: list[str] = []
        try:
            info = stat_or_none(self._real)
        except OSError as err:
            info = None
            self._own_readable = False
            said.append(f"{self.path}: cannot read the review file ({_why(err)})")
        unsaved = "this session's verdicts are kept in memory only, not saved" if writing else "not read"
        if info is not None and not stat.S_ISREG(info.st_mode):
            self._frozen = f"{self.path} is not a regular file: {unsaved}"
            return self._frozen
        for store in (self._own, self._fallback):
            if store is None or not store.holds_anything() or (store is self._own and not self._own_readable):
                continue
            try:
                loaded = store.read(self.sources, move_aside=writing)
            except NewerReviewFile as err:
                self._judgements.clear()
                self._frozen = f"{err}; {unsaved}"
                return self._frozen
            except CannotRead as err:
                said.append(str(err))
                self._own_readable = self._own_readable and store is not self._own
                continue
            self._take(loaded, store)
            said.extend(loaded.problems)
        if writing:
            said.extend(self._tidy())
        return "; ".join(dict.fromkeys(said)) or None

    def _tidy(self) -> list[str]:
        """What a writing session does on opening: clear away what killed saves left, fold a
        fallback back into the review file, compact the journal if it has grown."""
        said: list[str] = []
        own, fallback = self._own, self._fallback
        assert own is not None
        for store in (own, fallback):
            if store is not None:
                store.clean()
        in_fallback = fallback is not None and fallback.holds_anything()
        if self._own_readable and (own.holds_anything() or in_fallback):
            try:
                with own.locked(TIDYING_TIMEOUT):
                    self._catch_up(own)
                    if in_fallback:
                        said.extend(self._fold_in_fallback())
                    said.extend(self._compacted(own))
            except (OSError, LockTimeout, ReviewFileError) as err:
                if in_fallback:
                    said.append(f"resumed the review kept in {fallback.path if fallback else '?'} while "
                                f"{own.path} cannot be written ({_why(err)})")
        if fallback is not None and fallback.holds_anything():
            self._in_fallback = True
        return said

    def _compacted(self, store: ReviewStore) -> list[str]:
        """Fold the journal into the file if it is worth it (the caller holds the lock)."""
        if not store.worth_compacting():
            return []
        loaded = store.compact(self.sources)
        self._seen[store.path] = loaded.seen
        return list(loaded.problems)

    def _fold_in_fallback(self) -> list[str]:
        """Move what the fallback holds into the review file and remove it; the caller holds
        the review file's lock. Nothing is said if the fallback cannot be had now (next time)."""
        own, fallback = self._own, self._fallback
        assert own is not None
        if fallback is None or not fallback.holds_anything():
            self._in_fallback = False
            return []
        try:
            with fallback.locked(TIDYING_TIMEOUT):
                loaded = fallback.read(self.sources, move_aside=True)
                self._take(loaded, None)
                lines = [judgement_line(j) for j in loaded.state.judgements]
                if loaded.state.at is not None:
                    lines.append(position_line(loaded.state))
                if lines:
                    self._seen[own.path] = own.append(lines, self._seen.get(own.path, Seen()))
                fallback.remove()
                self._seen.pop(fallback.path, None)
        except (OSError, LockTimeout, ReviewFileError):
            return []
        self._in_fallback = False
        return [f"the review kept in {fallback.path} while {own.path} could not be written is back in it"]

    # -- what is saved ----------------------------------------------------------------------

    def _take(self, loaded: Loaded, store: ReviewStore | None) -> None:
        """Adopt what was read: per thing judged the newer judgement; the later place."""
        for j in loaded.state.judgements:
            self._adopt(j)
        if loaded.state.moved > self._position[2] or (loaded.whole and self._position == (None, None, "")):
            self._position = loaded.state.position
        if store is not None:
            self._seen[store.path] = loaded.seen

    def _adopt(self, judgement: Judgement) -> bool:
        known = self._judgements.get(judgement.key)
        if known is not None and not judgement.supersedes(known):
            return False
        self._judgements.pop(judgement.key, None)
        self._judgements[judgement.key] = judgement
        if self._placing is not None:
            self._placing.put(judgement)
        return True

    def _catch_up(self, store: ReviewStore) -> None:
        """Read what other sessions saved in `store` since this one last read it: only their
        new lines, unless the journal was started anew (then the whole review again)."""
        if store.path not in self._seen and not store.holds_anything():
            return
        self._take(store.read_since(self.sources, self._seen.get(store.path, Seen())), store)

    def _catch_up_everywhere(self) -> None:
        for store in (self._own if self._own_readable else None, self._fallback):
            if store is not None:
                try:
                    self._catch_up(store)
                except (OSError, ReviewFileError):
                    continue

    @property
    def saved(self) -> bool:
        """Whether there is a review on disk that was read (for the JSON to carry it)."""
        return self._frozen is None and any(s is not None and s.holds_anything() for s in (self._own, self._fallback))

    @property
    def where(self) -> Path | None:
        """The file the review is in: its own, unless only the fallback holds it."""
        own, fallback = self._own, self._fallback
        if own is not None and fallback is not None and not own.holds_anything() and fallback.holds_anything():
            return fallback.path
        return self.path

    # -- judging ----------------------------------------------------------------------------

    def review(self, index: FactIndex) -> Review:
        """The judgements placed on the alignment `index` is of."""
        return Review(index, self._placing_for(index.alignment).attached())

    def _placing_for(self, alignment: Alignment) -> Placing:
        if self._placing is None or self._placing.alignment is not alignment:
            self._placing = Placing(alignment, self._judgements.values())
        return self._placing

    def record(self, review: Review, fact: Fact, *, discrepancy: int | None = None,
               verdict: Verdict | Literal[""] | None = None, note: str | None = None) -> tuple[Review, str | None]:
        """Record and save at once: the review as it is now, and a message if saving had to go
        elsewhere or failed."""
        self._catch_up_everywhere()  # build on what another session saved too
        judgement = judgement_for(self._placing_for(review.alignment), fact, discrepancy=discrepancy,
                                  verdict=verdict, note=None if note is None else cleaned(note), now=self._now())
        known = self._judgements.get(judgement.key)
        if known is not None and not judgement.supersedes(known):  # stamped later elsewhere: this is newer still
            judgement = replace(judgement, updated=_later_than(known.updated))
        self._adopt(judgement)
        self._pending[judgement.key] = judgement
        return self.review(review.index), self.save()

    def _now(self) -> str:
        """Now, to the microsecond, never twice the same in one session."""
        self._clock = max(time.time_ns() // 1000, self._clock + 1)
        return (_EPOCH + timedelta(microseconds=self._clock)).isoformat(timespec="microseconds")

    def save(self) -> str | None:
        """Save what is not saved yet: to the review file, else to the fallback. A message if it
        went to the fallback (the first time) or nowhere (it is kept, and tried again)."""
        if self.path is None or self._frozen is not None or self._own is None:
            return None
        if not self._pending and not (self._position_pending and (self._judgements or self.saved)):
            return None
        lines = [judgement_line(j) for j in self._pending.values()]
        if self._position_pending:
            lines.append(position_line(self.state))
        failed: list[tuple[ReviewStore, BaseException]] = []
        for store in (self._own if self._own_readable else None, self._fallback):
            if store is None:
                continue
            busy = store.path in self._busy  # it timed out before: do not keep the reviewer waiting
            try:
                with store.locked(BUSY_TIMEOUT if busy else LOCK_TIMEOUT):
                    self._catch_up(store)
                    self._seen[store.path] = store.append(lines, self._seen.get(store.path, Seen()))
                    said = self._fold_in_fallback() if store is self._own and self._in_fallback else []
            except (OSError, LockTimeout, ReviewFileError) as err:
                if isinstance(err, LockTimeout):
                    self._busy.add(store.path)
                failed.append((store, err))
                continue
            self._busy.discard(store.path)
            self._pending.clear()
            self._position_pending = False
            if store is self._own:
                return said[0] if said else None
            first, self._in_fallback = not self._in_fallback, True
            if first:
                why = f" ({_why(failed[0][1])})" if failed else ""
                return f"{self.path} cannot be written{why}; the review is saved in {store.path} until it can"
            return None
        places = " nor ".join(f"{s.path} ({_why(err)})" for s, err in failed) or str(self.path)
        return f"could not save the review to {places}; {len(lines)} change(s) kept, saved with the next one"

    def remember(self, alignment: Alignment, threshold: float, fact: Fact | None) -> None:
        """Where the reviewer is, kept in memory and saved with the next save."""
        if fact is not None:
            at = sentence_key(alignment, fact.members[0])
            if (threshold, at) != self._position[:2]:
                self._position = (threshold, at, self._now())
                self._position_pending = True

    def resume_at(self, alignment: Alignment) -> SentenceRef | None:
        """The sentence the reviewer was on when they last left these articles."""
        at = self._position[1]
        if at is None or not any(s.id == at.source for s in alignment.sources):
            return None
        source = alignment.source(at.source)
        return next((SentenceRef(source.id, n) for n, key in enumerate(source_keys(source)) if key == at), None)

    def leave(self) -> str | None:
        """Save the position on the way out, if there is a review to keep it in; compact the
        review file's journal if it has grown."""
        problem = self.save()
        own = self._own
        if problem is None and own is not None and self._frozen is None and self._own_readable \
                and own.holds_anything() and own.worth_compacting():
            try:
                with own.locked(TIDYING_TIMEOUT):
                    self._catch_up(own)
                    self._compacted(own)
            except (OSError, LockTimeout, ReviewFileError):
                pass  # the next session will
        return problem
