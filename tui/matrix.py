"""The overview: every fact against every source, filterable, a row away from any fact.

Cells are glyphs (● reports it, ◐ mentions it in passing, ○ does not have it, ✕ disagrees),
and a disagreeing cell is also shown reversed, so coverage and disagreement read the same
without colour; each fact's disagreements are named in words beside it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from align.model import Fact
from review.index import FactFilter, FactIndex, FilterKind
from review.words import STANDING, disagreements, filter_name

from .marks import DISAGREES, MISSING, TINTS
from .marks import STANDING as GLYPHS
from .safe_text import one_line, safe_text

SNIPPET = 72
WORDS = 32  # the disagreement column, at most


@dataclass(frozen=True, slots=True)
class CoverageChoice:
    """What the reviewer leaves the overview with: a fact to jump to (or None) and the filter."""

    fact_id: str | None
    fact_filter: FactFilter


class CoverageTable(DataTable[Text]):
    """The matrix, walked like every list in Parallax: j/k, g/G, Home/End, ctrl+d/ctrl+u."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="overview-down"),
        Binding("k", "cursor_up", "Up", show=False, id="overview-up"),
        Binding("g,home", "scroll_top", "First fact", show=False, id="overview-first"),
        Binding("G,end", "scroll_bottom", "Last fact", show=False, id="overview-last"),
        Binding("ctrl+d", "half_page(1)", "Half a page down", show=False, id="overview-half-down"),
        Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False, id="overview-half-up"),
    ]

    def action_half_page(self, direction: int) -> None:
        rows = max(1, (self.scrollable_content_region.height - 1) // 2)
        target = max(0, min(self.row_count - 1, self.cursor_row + direction * rows))
        self.move_cursor(row=target, animate=False)


class CoverageScreen(ModalScreen[CoverageChoice]):
    """A coverage matrix of facts x sources."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,o", "close", "Close", id="overview-close", tooltip="Close the overview"),
        Binding("f", "cycle_filter", "Filter", id="overview-filter", tooltip="Cycle the filter"),
        Binding("s", "next_source", "Missing from…", id="overview-source",
                tooltip="Show the facts missing from a source; again for the next source"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = set(TINTS)

    def __init__(self, index: FactIndex, fact_filter: FactFilter, current: str | None, source: str | None,
                 reviewed: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.index = index
        self.reviewed = reviewed
        self.fact_filter = fact_filter
        self.current = current
        self.source = fact_filter.source or source or index.source_ids[0]

    def compose(self) -> ComposeResult:
        with Vertical(id="coverage"):
            yield Static(id="coverage-legend", markup=False)
            yield CoverageTable(id="coverage-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="coverage-status", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(CoverageTable)
        table.add_column("fact", key="fact")
        for n, _ in enumerate(self.index.source_ids, start=1):
            table.add_column(str(n), key=f"s{n}")
        table.add_column("disagreement", key="disagreement")
        table.add_column("first sentence", key="text")
        self._fill()
        table.focus()

    def on_resize(self) -> None:
        self.query_one("#coverage-legend", Static).update(self._legend(self.size.width - 2))

    def _legend(self, width: int) -> Text:
        """The glyphs, then the column numbers' sources, packed into lines without splitting one."""
        glyphs = Text("  ", end="").join(Text(f"{GLYPHS[s]} {words}") for s, words in STANDING.items())
        glyphs.stylize("bold")
        lines = [glyphs]
        line = Text()
        for n, source in enumerate(self.index.alignment.sources, start=1):
            item = Text(f"{n} ", style="bold").append_text(safe_text(one_line(source.name)))
            if line and line.cell_len + 3 + item.cell_len > width:
                lines.append(line)
                line = Text()
            if line:
                line.append("   ")
            line.append_text(item)
        lines.append(line)
        return Text("\n").join(lines)

    def _fill(self) -> None:
        """Rows for the facts the filter keeps, keeping the cursor on the current fact."""
        table = self.query_one(CoverageTable)
        table.clear()
        facts = self.index.visible(self.fact_filter)
        for fact in facts:
            table.add_row(*self._cells(fact), key=fact.id)
        ids = [f.id for f in facts]
        if self.current in ids:
            table.move_cursor(row=ids.index(self.current), animate=False)
        status = Text(f"{len(facts)} of {len(self.index.facts)} facts · filter: ", end="")
        status.append_text(safe_text(one_line(filter_name(self.fact_filter, self.index)), style="bold"))
        status.append("  ·  enter go to fact · j/k g/G move · f filter · s missing from… · esc close", style="dim")
        self.query_one("#coverage-status", Static).update(status)

    def _cells(self, fact: Fact) -> list[Text]:
        index = self.index
        tint = index.tint(fact)
        fact_style = self.get_component_rich_style(TINTS[tint], partial=True) if tint is not None else ""
        cells = [Text(str(index.number(fact)), style=fact_style, justify="right")]
        for source in index.source_ids:
            mark = GLYPHS[index.standing(fact, source)]
            cells.append(Text(mark, style={DISAGREES: "bold reverse", MISSING: "dim"}.get(mark, "")))
        words = disagreements(fact)
        cells.append(Text(f"{DISAGREES} {words}" if words else "", style="bold", no_wrap=True, overflow="ellipsis"))
        if len(cells[-1].plain) > WORDS:
            cells[-1].truncate(WORDS, overflow="ellipsis")
        said = one_line(index.alignment.sentence(fact.members[0]).text)
        snippet = said if len(said) <= SNIPPET else said[: SNIPPET - 1] + "…"
        cells.append(Text(snippet, no_wrap=True, overflow="ellipsis"))
        return cells

    def action_cycle_filter(self) -> None:
        self.fact_filter = self.fact_filter.cycled(self.source, self.reviewed)
        self._fill()

    def action_next_source(self) -> None:
        """Choose the source for 'missing from', and show that filter."""
        ids = list(self.index.source_ids)
        if self.fact_filter.kind is FilterKind.MISSING:
            self.source = ids[(ids.index(self.source) + 1) % len(ids)]
        self.fact_filter = FactFilter(FilterKind.MISSING, self.source)
        self._fill()

    def action_close(self) -> None:
        self.dismiss(CoverageChoice(None, self.fact_filter))

    @on(DataTable.RowSelected)
    def _go_to_fact(self, event: DataTable.RowSelected) -> None:
        self.dismiss(CoverageChoice(event.row_key.value, self.fact_filter))
