"""Undo and redo of what the reviewer recorded: each change remembers what it replaced, so
undoing it records that again (and saves it, as any change is saved)."""
from __future__ import annotations

from dataclasses import dataclass

from align.model import Fact

from .verdicts import Verdict

LIMIT = 200  # changes kept to undo


@dataclass(frozen=True, slots=True)
class Said:
    """A verdict and a note, as they stood on one fact or discrepancy."""

    verdict: Verdict | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Change:
    """One recorded change: on `fact` (as it was when recorded), on its discrepancy
    `discrepancy` (None: on the fact), from `before` to `after`."""

    fact: Fact
    discrepancy: int | None
    before: Said
    after: Said

    def reversed(self) -> Change:
        return Change(self.fact, self.discrepancy, self.after, self.before)


@dataclass(frozen=True, slots=True)
class History:
    """Changes that can be undone (the last one last) and those undone that can be redone."""

    done: tuple[Change, ...] = ()
    undone: tuple[Change, ...] = ()

    def recorded(self, change: Change) -> History:
        """After a new change: it can be undone, and what was undone before can no longer be redone."""
        if change.before == change.after:
            return self
        return History((*self.done, change)[-LIMIT:], ())

    def undo(self) -> tuple[Change | None, History]:
        """The change to make to undo the last one (None if there is nothing to undo), and the history after."""
        if not self.done:
            return None, self
        last = self.done[-1]
        return last.reversed(), History(self.done[:-1], (*self.undone, last))

    def redo(self) -> tuple[Change | None, History]:
        if not self.undone:
            return None, self
        last = self.undone[-1]
        return last, History((*self.done, last), self.undone[:-1])
