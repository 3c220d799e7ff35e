"""The status line: where the reviewer is — fact, position, filter, threshold, panes in view."""
from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from .safe_text import safe_text


@dataclass(frozen=True, slots=True)
class Position:
    fact_id: str | None
    index: int | None  # 1-based place of the fact among the filtered facts, None if filtered out
    count: int
    filter_label: str
    threshold: float
    first_pane: int
    last_pane: int
    panes: int
    discrepancies: int
    reviewed: int = 0
    reviewable: int = 0
    verdict: str | None = None  # the current fact's
    orphaned: int = 0


class StatusLine(Static):
    def show(self, where: Position) -> None:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(f" {where.fact_id or '—'} ", style="bold reverse")
        place = "–" if where.index is None else str(where.index)
        line.append(f" fact {place} of {where.count}", style="bold")
        if where.discrepancies:
            line.append(f" ✕{where.discrepancies}", style="bold")
        if where.verdict:
            line.append_text(safe_text(f" [{where.verdict}]", style="bold underline"))
        line.append(f"  reviewed {where.reviewed} of {where.reviewable}", style="bold")
        if where.orphaned:
            line.append(f"  ⚠ {where.orphaned} orphaned", style="bold reverse")
        line.append("  filter: ")
        line.append_text(safe_text(where.filter_label, style="bold"))
        line.append(f"  threshold {where.threshold:.2f}")
        line.append(f"  panes {where.first_pane}–{where.last_pane}/{where.panes}")
        self.update(line, layout=False)
