"""The status line: where the reviewer is — fact, position, what is disputed, verdict,
progress, filter, threshold and the panes in view — or, for a while, what just happened (a
report written, a verdict undone), with a file's full path. It watches the review screen's state
and draws it."""
from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from review.cursor import Cursor
from review.index import FilterKind, Review
from review.words import disagreements, filter_name

from .marks import DISAGREES
from .safe_text import one_line, safe_text
from .state import required


@dataclass(frozen=True, slots=True)
class PanesInView:
    first: int  # 1-based
    last: int
    total: int


def fitted(message: str, width: int) -> str:
    """`message` cut to `width` cells: from the left when it ends with a path, so that the
    path keeps its file name; else at the end, so that it keeps what it says first."""
    if cell_len(message) <= width:
        return message
    words = message.split()
    if words and ("/" in words[-1] or "\\" in words[-1]):
        return "…" + set_cell_size(message[::-1], width - 1)[::-1]
    return set_cell_size(message, width - 1) + "…"


class StatusLine(Widget):
    """Bound to the review screen's review, cursor, panes in view, message and pending key;
    redrawn when any changes."""

    review: reactive[Review] = reactive[Review](required)
    cursor: reactive[Cursor] = reactive[Cursor](required)
    panes: reactive[PanesInView] = reactive[PanesInView](required)
    message: reactive[str] = reactive("")
    pending: reactive[str] = reactive("")  # what the second key of a two-key command would do

    def __init__(self, review: Review, cursor: Cursor, panes: PanesInView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(StatusLine.review, review)
        self.set_reactive(StatusLine.cursor, cursor)
        self.set_reactive(StatusLine.panes, panes)

    def render(self) -> Text:
        review, cursor, panes = self.review, self.cursor, self.panes
        fact, index = cursor.fact, review.index
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        known = fact is not None and index.holds(fact)
        number = index.number(fact) if fact is not None and known else None
        line.append(f" fact {'–' if number is None else number} ", style="bold reverse")
        if cursor.filter.kind is FilterKind.ALL:
            line.append(f" of {len(index.facts)}", style="bold")
        else:
            place = index.place(fact, cursor.filter) if known else None
            line.append(f" {'–' if place is None else place} of {len(index.visible(cursor.filter))} ", style="bold")
            line.append_text(safe_text(one_line(filter_name(cursor.filter, index)), style="bold italic"))
        if self.message:
            line.append("  ")
            width = max(8, self.size.width - line.cell_len - 2)
            line.append_text(safe_text(fitted(one_line(self.message), width), style="bold"))
            return line
        if self.pending:
            line.append(f"  {self.pending}", style="bold reverse")
            return line
        if fact is not None and known and fact.discrepancies:
            line.append(f"  {DISAGREES} {disagreements(fact)}", style="bold")
        verdict = review.judged(fact).verdict if fact is not None and known else None
        line.append("  ")
        if verdict:
            line.append_text(safe_text(str(verdict), style="bold underline"))
        else:
            line.append("no verdict", style="dim")
        reviewed, total = review.progress
        line.append(f"  {reviewed}/{total} with a verdict", style="bold")
        if review.attached.orphans:
            line.append(f"  ⚠ {len(review.attached.orphans)} orphaned", style="bold reverse")
        line.append(f"  threshold {cursor.threshold:.2f}")
        line.append(f"  panes {panes.first}–{panes.last} of {panes.total}")
        if fact is not None and known:
            line.append(f"  {fact.id}", style="dim")
        return line
