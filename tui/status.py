"""The status line: where the reviewer is — fact, position, filter, threshold, verdict,
progress and the panes in view. It watches the review screen's state and draws it."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from review.cursor import Cursor
from review.index import Review

from .safe_text import safe_text
from .state import required


@dataclass(frozen=True, slots=True)
class PanesInView:
    first: int  # 1-based
    last: int
    total: int


class StatusLine(Widget):
    """Bound to the review screen's review, cursor and panes in view; redrawn when any changes."""

    review: reactive[Review] = reactive[Review](required)
    cursor: reactive[Cursor] = reactive[Cursor](required)
    panes: reactive[PanesInView] = reactive[PanesInView](required)

    def __init__(self, review: Review, cursor: Cursor, panes: PanesInView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StatusLine.review, review)
        self.set_reactive(StatusLine.cursor, cursor)
        self.set_reactive(StatusLine.panes, panes)

    def render(self) -> Text:
        review, cursor, panes = self.review, self.cursor, self.panes
        fact, index = cursor.fact, review.index
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(f" {fact.id if fact is not None else '—'} ", style="bold reverse")
        place = index.place(fact, cursor.filter) if index.holds(fact) else None
        line.append(f" fact {'–' if place is None else place} of {len(index.visible(cursor.filter))}", style="bold")
        if fact is not None and fact.discrepancies:
            line.append(f" ✕{len(fact.discrepancies)}", style="bold")
        verdict = review.judged(fact).verdict if fact is not None else None
        if verdict:
            line.append_text(safe_text(f" [{verdict}]", style="bold underline"))
        reviewed, total = review.progress
        line.append(f"  reviewed {reviewed} of {total}", style="bold")
        if review.attached.orphans:
            line.append(f"  ⚠ {len(review.attached.orphans)} orphaned", style="bold reverse")
        line.append("  filter: ")
        line.append_text(safe_text(cursor.filter.label, style="bold"))
        line.append(f"  threshold {cursor.threshold:.2f}")
        line.append(f"  panes {panes.first}–{panes.last}/{panes.total}")
        return line
