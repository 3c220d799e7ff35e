"""The reviewer's judgements for one set of articles: placed on the alignment on screen and
saved to the review file on every change. No Textual here: the app only asks and draws."""
from __future__ import annotations

import hashlib
import os
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from align.model import Alignment, Fact, SentenceRef

from .index import FactIndex, Review
from .report import report
from .store import ReviewFileError, load, save, write_atomically
from .verdicts import ReviewState, SentenceKey, Verdict, attach, judge, sentence_key


def fallback_for(path: Path) -> Path:
    """Where a review goes when its folder cannot be written (the bundled seeds in a read-only
    install): the user's state folder, named after the original place so each set keeps its own."""
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "parallax"
    where = hashlib.sha1(str(path.parent.resolve()).encode("utf-8")).hexdigest()[:8]
    return state / f"{where}-{path.name}"


class ReviewSession:
    """`path` None keeps the review in memory only (tests, and callers that save elsewhere).
    What the reviewer sees is a `Review`: the session makes a new one for each change."""

    def __init__(self, path: Path | None, sources: tuple[str, ...]) -> None:
        self.path = path
        self.state = ReviewState(sources)
        self._loaded: Path | None = None  # the file this review was read from, safe to replace

    def open(self, *, writing: bool = True) -> str | None:
        """Load what was saved; a message for the reviewer if the file could not be used (moved
        aside first when this session will write a new one)."""
        if self.path is None:
            return None
        said = None
        if not self.path.exists() and fallback_for(self.path).exists():
            said = f"resumed the review kept in {fallback_for(self.path)} (its own folder was not writable)"
            self.path = fallback_for(self.path)
        try:
            self.state = load(self.path, self.state.sources, move_aside=writing)
        except ReviewFileError as err:
            return str(err)
        self._loaded = self.path
        return said

    @property
    def saved(self) -> bool:
        """Whether there is a review file (for the JSON to carry it)."""
        return self.path is not None and self.path.exists()

    def review(self, index: FactIndex) -> Review:
        """The judgements placed on the alignment `index` is of."""
        return Review(index, attach(self.state, index.alignment))

    def record(self, review: Review, fact: Fact, *, discrepancy: int | None = None,
               verdict: Verdict | Literal[""] | None = None, note: str | None = None) -> tuple[Review, str | None]:
        """Record and save at once: the review as it is now, and a message if saving had to go
        elsewhere or failed."""
        now = datetime.now(UTC).isoformat(timespec="microseconds")
        if self.saved:  # build on what another session saved too
            self.state = self._merged_with_disk()
        self.state = judge(self.state, review.alignment, fact, discrepancy=discrepancy, verdict=verdict, note=note,
                           now=now)
        problem = self.save()
        return self.review(review.index), problem

    def _merged_with_disk(self) -> ReviewState:
        """What this session holds, plus what another session on the same articles saved since:
        per judgement the newer one wins, a clearing included."""
        if self.path is None:
            return self.state
        try:
            disk = load(self.path, self.state.sources, move_aside=False)
        except ReviewFileError:
            return self.state
        ours = {j.key: j for j in self.state.judgements}
        for j in disk.judgements:
            if j.key not in ours or j.updated > ours[j.key].updated:
                ours[j.key] = j
        return replace(self.state, judgements=tuple(ours.values()))

    def save(self) -> str | None:
        if self.path is None:
            return None
        try:
            if self.path.exists():
                self.state = self._merged_with_disk()
            save(self.path, self.state)
        except OSError as err:
            fallback = fallback_for(self.path)
            if fallback.exists() and fallback != self._loaded:  # never replace a review not read here
                fallback = fallback.with_name(f"{time.strftime('%Y%m%d-%H%M%S')}-{fallback.name}")
            try:
                save(fallback, self.state)
            except OSError:
                return f"could not save the review to {self.path} ({err.strerror or err}) nor to {fallback}"
            moved, self.path = self.path, fallback
            self._loaded = fallback
            return f"{moved.parent} is not writable ({err.strerror or err}); the review is saved in {fallback}"
        return None

    def remember(self, alignment: Alignment, threshold: float, fact: Fact | None) -> None:
        """Where the reviewer is, kept in memory and saved with the next save."""
        if fact is not None:
            self.state = replace(self.state, threshold=threshold, at=sentence_key(alignment, fact.members[0]))

    def resume_at(self, alignment: Alignment) -> SentenceRef | None:
        """The sentence the reviewer was on when they last left these articles."""
        if self.state.at is None:
            return None
        for source in alignment.sources:
            for sentence in source.sentences:
                if SentenceKey.of(source.id, sentence.text) == self.state.at:
                    return SentenceRef(source.id, sentence.index)
        return None

    def leave(self) -> str | None:
        """Save the position on the way out, if there is a review to keep it in."""
        if self.path is not None and (self.state.judgements or self.path.exists()):
            return self.save()
        return None

    def export(self, review: Review) -> Path:
        """The Markdown report, written atomically beside the review file (or, if that folder
        cannot be written, in the state folder); OSError names the place when neither can."""
        target = (self.path or Path.cwd() / "parallax").with_suffix("").with_suffix(".report.md")
        content = report(review)
        try:
            write_atomically(target, content)
        except OSError:
            target = fallback_for(target)
            write_atomically(target, content)
        return target
