"""The article panes: one column per source, side by side, kept level on the current fact.

A `SourceView` draws its source one sentence per block through Textual's line API, so it
knows the row of every sentence (to level the panes and to map a click to a sentence) and can
redraw just the rows whose emphasis changed when the reviewer moves to another fact.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Static

from align.model import Fact, Mention, SentenceKind, SentenceRef, Source
from review.cursor import Cursor
from review.index import FactFilter, FactIndex, Review

from .marks import ALSO_BAR, CURRENT, CURRENT_ALSO, MISSING, ONLY_HERE, SHARED, SHARED_BAR, TINTS
from .safe_text import clean, safe_text
from .state import required

GUTTER = 2  # the mark column and a space before the text
MIN_PANE_WIDTH = 36
TEXT_FIELD_ACTIONS = frozenset({"search"})  # actions that open a text field (see SourceView._on_key)


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to `width` cells; words wider than a line are folded."""
    lines: list[str] = []
    for hard_line in text.split("\n"):
        line, used = "", 0
        for word in hard_line.split():
            size = cell_len(word)
            if size > width:
                if line:
                    lines.append(line)
                *folded, word = chop_cells(word, width)
                lines.extend(folded)
                line, used = word, cell_len(word)
            elif line and used + 1 + size > width:
                lines.append(line)
                line, used = word, size
            else:
                line, used = (f"{line} {word}", used + 1 + size) if line else (word, size)
        if line:
            lines.append(line)
    return lines or [""]


@dataclass(frozen=True, slots=True)
class SentenceLayout:
    """Where each sentence of a source falls at one text width: a block per sentence, a blank
    row between paragraphs."""

    width: int
    rows: tuple[tuple[int, int] | None, ...]  # (sentence, line within it), None for a spacer
    first_row: tuple[int, ...]
    lines: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, source: Source, width: int) -> SentenceLayout:
        rows: list[tuple[int, int] | None] = []
        first_row: list[int] = []
        lines: list[tuple[str, ...]] = []
        paragraph = None
        for sentence in source.sentences:
            if paragraph is not None and sentence.paragraph != paragraph:
                rows.append(None)
            paragraph = sentence.paragraph
            wrapped = tuple(wrap(clean(source.as_written(sentence)), width))
            first_row.append(len(rows))
            rows.extend((sentence.index, n) for n in range(len(wrapped)))
            lines.append(wrapped)
        return cls(width, tuple(rows), tuple(first_row), tuple(lines))

    def sentence_at(self, row: int) -> int | None:
        place = self.rows[row] if 0 <= row < len(self.rows) else None
        return None if place is None else place[0]


class SourceView(ScrollView, can_focus=True, inherit_bindings=False):
    """One source's sentences, tinted by fact, with the current fact emphasised."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,space", "page_down", "Page down", show=False, id="pane-page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="pane-page-up"),
        Binding("home", "scroll_home", "Pane top", show=False, id="pane-top"),
        Binding("end", "scroll_end", "Pane bottom", show=False, id="pane-bottom"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-view--boilerplate",
        "source-view--headline",
        "source-view--only-here",
        "source-view--current",
        "source-view--secondary",
        "source-view--filtered-out",
        *TINTS,
    }

    class SentenceClicked(Message):
        """The reviewer clicked a sentence: its fact should become the current one."""

        def __init__(self, source: str, sentence: int) -> None:
            super().__init__()
            self.source = source
            self.sentence = sentence

    class Relaid(Message):
        """The pane was resized, so rows moved or the screen row to level on did."""

    def __init__(self, source: Source, index: FactIndex, fact_filter: FactFilter) -> None:
        super().__init__()
        self.source = source
        self.index = index
        self.fact_filter = fact_filter
        self._emphasis: dict[int, bool] = {}  # sentence -> secondary?, for the current fact
        self._layout: SentenceLayout | None = None
        self._strips: dict[int, Strip] = {}
        self._styles: dict[str, Style] = {}

    async def _on_key(self, event: events.Key) -> None:
        """Keys queued here before the focus moved on (typed in one burst with the key that
        opened a text field: pastes and SSH deliver them so) belong to that field."""
        focused = self.screen.focused
        if focused is not self and focused is not None:
            event.stop()
            event.prevent_default()
            focused._forward_event(events.Key(event.key, event.character))  # as Textual forwards keys
        elif (bound := self.screen.active_bindings.get(event.key)) and bound.binding.action in TEXT_FIELD_ACTIONS:
            event.stop()  # open the field now, before the keys queued behind this one arrive here
            event.prevent_default()
            await self.app.run_action(bound.binding.action, bound.node)

    # -- what to draw -------------------------------------------------------------------

    def restyle(self, index: FactIndex, fact_filter: FactFilter) -> None:
        """Redraw everything: the facts (after a re-alignment) or the filter changed."""
        self.index, self.fact_filter = index, fact_filter
        self._strips.clear()
        self.refresh()

    def emphasise(self, mentions: Iterable[Mention]) -> None:
        """Make `mentions` the emphasised sentences, redrawing only the rows that change."""
        emphasis: dict[int, bool] = {}
        for mention in mentions:
            emphasis[mention.sentence] = emphasis.get(mention.sentence, True) and not mention.primary
        changed = {i for i in emphasis.keys() | self._emphasis.keys() if emphasis.get(i) != self._emphasis.get(i)}
        self._emphasis = emphasis
        layout = self.sentence_layout
        for index in changed:
            first, height = layout.first_row[index], len(layout.lines[index])
            for row in range(first, first + height):
                self._strips.pop(row, None)
            self.refresh_lines(first, height)

    def sentence_row(self, index: int) -> int:
        return self.sentence_layout.first_row[index]

    @property
    def sentence_layout(self) -> SentenceLayout:
        """The layout for the current width, computed when the width changes."""
        width = max(8, self.text_width - GUTTER - 1)
        if self._layout is None or self._layout.width != width:
            self._layout = SentenceLayout.of(self.source, width)
            self._strips.clear()
            self.virtual_size = Size(self.text_width, len(self._layout.rows))
        return self._layout

    @property
    def text_width(self) -> int:
        """Cells left for text, beside the vertical scrollbar."""
        return self.scrollable_content_region.width

    # -- events ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self.sentence_layout  # noqa: B018 - re-wraps (and drops drawn rows) if the width changed
        self.post_message(self.Relaid())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    @on(events.Click)
    def _select_clicked(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        sentence = self.sentence_layout.sentence_at(offset.y + self.scroll_offset.y)
        if sentence is not None:
            self.post_message(self.SentenceClicked(self.source.id, sentence))

    # -- drawing --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        strip = self._strips.get(row)
        if strip is None:
            strip = self._strips[row] = self._draw_row(row)
        return strip

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = self.get_component_rich_style(name, partial=True)
        return self._styles[name]

    def _draw_row(self, row: int) -> Strip:
        layout, width, base = self.sentence_layout, self.text_width, self.rich_style
        place = layout.rows[row] if row < len(layout.rows) else None
        if place is None:
            return Strip.blank(width, base)
        index, line = place
        text_style, mark, mark_style = self._look(index, first=line == 0)
        words = layout.lines[index][line]
        padding = " " * max(0, width - GUTTER - cell_len(words))
        return Strip(
            [Segment(mark, base + mark_style), Segment(" ", base), Segment(words + padding, base + text_style)],
            width,
        )

    def _look(self, index: int, first: bool) -> tuple[Style, str, Style]:
        """Text style, gutter mark and mark style of one row of sentence `index`."""
        sentence = self.source.sentences[index]
        style = mark_style = Style()
        if sentence.boilerplate:
            return self._style("source-view--boilerplate"), " ", mark_style
        if sentence.kind is SentenceKind.HEADLINE:
            style += self._style("source-view--headline")
        fact = self.index.owner(SentenceRef(self.source.id, index))
        rank = self.index.shared_rank(fact) if fact is not None else None  # None: only this source has it
        tint = None if rank is None else rank % len(TINTS)
        if tint is not None:
            mark = SHARED if first else SHARED_BAR
            mark_style = self._style(TINTS[tint])
        else:
            mark = ONLY_HERE if first and fact is not None else " "
            mark_style = self._style("source-view--only-here")
        if fact is not None and not self.index.keeps(fact, self.fact_filter):
            style += self._style("source-view--filtered-out")  # dimmed, untinted, marks kept
            mark_style = self._style("source-view--filtered-out")
        elif tint is not None:
            style += self._style(TINTS[tint])
        secondary = self._emphasis.get(index)
        if secondary is not None:
            emphasis = self._style("source-view--secondary" if secondary else "source-view--current")
            style += emphasis
            mark_style += Style(bold=True)
            mark = (CURRENT_ALSO if secondary else CURRENT) if first else (ALSO_BAR if secondary else SHARED_BAR)
        return style, mark, mark_style


class PaneHeader(Static):
    """A pane's id and title, how much of it other sources share, and whether it reports the
    current fact."""

    def show(self, number: int, source: Source, index: FactIndex, missing: str | None) -> None:
        coverage = index.coverage(source.id)
        top = Text(no_wrap=True, overflow="ellipsis", end="")
        top.append(f"{number} ", style="bold")
        top.append_text(safe_text(source.name, style="bold"))
        top.append(f"  {coverage.shared}/{coverage.total} shared", style="dim")
        bottom = Text(no_wrap=True, overflow="ellipsis", end="")
        if missing:
            bottom.append(f"{MISSING} no {missing} here · ", style="italic")
        if source.title:
            bottom.append_text(safe_text(source.title, style="italic"))
        else:
            bottom.append("no title", style="dim italic")
        self.update(Text("\n", no_wrap=True, overflow="ellipsis").join([top, bottom]), layout=False)
        self.set_class(bool(missing), "-missing")


class SourcePane(Vertical):
    """A header over a SourceView."""

    def __init__(self, number: int, source: Source, index: FactIndex, fact_filter: FactFilter) -> None:
        super().__init__()
        self.number = number
        self.source = source
        self.header = PaneHeader(markup=False, classes="pane-header")
        self.view = SourceView(source, index, fact_filter)
        self._missing: str | None = None

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.view

    def on_mount(self) -> None:
        self.describe(self._missing, force=True)

    @on(events.Click, ".pane-header")
    def _focus_from_header(self) -> None:
        self.view.focus(scroll_visible=False)

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _mark_focus(self) -> None:
        """A class rather than :focus-within, which does not restyle the header beside the view."""
        self.set_class(self.view.has_focus, "-focused")

    def describe(self, missing: str | None, *, force: bool = False) -> None:
        """Refresh the header; `missing` is the id of a current fact this source lacks."""
        if missing == self._missing and not force:
            return
        self._missing = missing
        self.header.show(self.number, self.source, self.view.index, missing)


def level_anchor(rows: Sequence[int], max_scrolls: Sequence[int], height: int, preferred: int) -> int | None:
    """The screen row on which every pane can show its row of the fact, nearest `preferred`,
    or None when their scroll ranges cannot put them all on one row."""
    if not rows:
        return None
    low = max([0, *(row - top for row, top in zip(rows, max_scrolls, strict=True))])
    high = min([height - 1, *rows])
    return min(max(preferred, low), high) if low <= high else None


class PaneDeck(Container, can_focus=False):
    """The row of panes: as many as fit at MIN_PANE_WIDTH, the rest reached by moving focus.
    It watches the review (bound to the screen's) and the cursor: a new alignment or filter
    restyles the panes, a new fact is emphasised and levelled."""

    review: var[Review] = var[Review](required)
    cursor: var[Cursor] = var[Cursor](required)

    class Moved(Message):
        """Focus moved to another pane, or other panes came into view."""

    def __init__(self, review: Review, cursor: Cursor, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(PaneDeck.review, review)
        self.set_reactive(PaneDeck.cursor, cursor)
        self.first = 0  # the leftmost pane in view
        self.shown = 1  # how many panes fit
        self._pane_width = MIN_PANE_WIDTH
        self._level_pending = False
        self._styled = (review.index, cursor.filter)  # what the panes are drawn for
        self._emphasised: Fact | None = None

    def compose(self) -> ComposeResult:
        for n, source in enumerate(self.review.alignment.sources, start=1):
            yield SourcePane(n, source, self.review.index, self.cursor.filter)

    def on_mount(self) -> None:
        self._fit()
        self.show_fact(self.cursor.fact)

    @property
    def panes(self) -> list[SourcePane]:
        return list(self.query_children(SourcePane))

    @property
    def focused_index(self) -> int | None:
        focused = self.screen.focused if self.is_attached else None
        for n, pane in enumerate(self.panes):
            if focused is pane.view:
                return n
        return None

    @property
    def focused_source(self) -> str | None:
        index = self.focused_index
        return self.panes[index].source.id if index is not None else None

    def watch_review(self) -> None:
        self._follow()

    def watch_cursor(self) -> None:
        self._follow()

    def _follow(self) -> None:
        """Draw what changed since last time: the alignment or the filter restyle the panes, a
        new fact is emphasised. Between a new review and its cursor (a re-alignment sets one,
        then the other) there is nothing to draw."""
        index, cursor = self.review.index, self.cursor
        if not index.holds(cursor.fact):
            return
        self._restyle(index, cursor.filter)
        if cursor.fact is not self._emphasised:
            self.show_fact(cursor.fact)

    def _restyle(self, index: FactIndex, fact_filter: FactFilter) -> None:
        """Redraw the panes if the alignment or the filter changed since they were drawn."""
        if (index, fact_filter) == self._styled:
            return
        realigned = index is not self._styled[0]
        self._styled = (index, fact_filter)
        for pane in self.panes:
            pane.view.restyle(index, fact_filter)
            if realigned:
                pane.describe(None, force=True)  # its counts changed

    def show_fact(self, fact: Fact | None) -> None:
        """Emphasise `fact` in every pane, bring a pane reporting it into view, and level them."""
        self._emphasised = fact
        index = self.review.index
        reporting = set(fact.sources) if fact is not None else set()
        for pane in self.panes:
            mentions = index.mentions_in(fact, pane.source.id) if fact is not None else ()
            pane.view.emphasise(mentions)
            pane.describe(fact.id if fact is not None and pane.source.id not in reporting else None)
        self._bring_reporting_pane_into_view(reporting)
        self.level()

    def _bring_reporting_pane_into_view(self, reporting: set[str]) -> None:
        panes = self.panes
        in_view = panes[self.first:self.first + self.shown]
        if not reporting or any(p.source.id in reporting for p in in_view):
            return
        index = next(n for n, p in enumerate(panes) if p.source.id in reporting)
        if self.focused_index is not None:
            self.focus_pane(index)
        else:
            self.reveal(index)

    def level(self) -> None:
        """Scroll every pane reporting the current fact so its sentence sits on one screen row."""
        fact, index = self._emphasised, self.review.index
        if fact is None:
            return
        targets: list[tuple[SourceView, int]] = []
        for pane in self.panes:
            mentions = index.mentions_in(fact, pane.source.id)
            if mentions:
                targets.append((pane.view, pane.view.sentence_row(mentions[0].sentence)))
        if not targets:
            return
        height = max(1, targets[0][0].size.height)
        preferred = max(1, height // 4)
        in_view = {id(p.view) for p in self.panes[self.first:self.first + self.shown]}
        level = [(view, row) for view, row in targets if id(view) in in_view] or targets
        anchor = level_anchor([r for _, r in level], [v.max_scroll_y for v, _ in level], height, preferred)
        for view, row in targets:
            screen_row = preferred if anchor is None else anchor
            view.scroll_to(y=max(0, min(row - screen_row, view.max_scroll_y)), animate=False, immediate=True)

    def scroll_to_sentence(self, source: str, sentence: int) -> None:
        for pane in self.panes:
            if pane.source.id == source:
                view = pane.view
                view.scroll_to(y=max(0, view.sentence_row(sentence) - view.size.height // 4), animate=False)

    # -- horizontal placement -------------------------------------------------------------

    def focus_pane(self, index: int) -> None:
        panes = self.panes
        if panes:
            index %= len(panes)
            # now, not after queued keys (tab tab must move twice); our own sideways scroll, by
            # whole panes, replaces Textual's scrolling the focused widget into view
            self.screen.set_focus(panes[index].view, scroll_visible=False)
            self.reveal(index)

    def move_focus(self, step: int) -> None:
        index = self.focused_index
        self.focus_pane(0 if index is None else index + step)

    def reveal(self, index: int) -> None:
        """Scroll sideways, by whole panes, so pane `index` is in view."""
        first = self.first
        if index < first:
            first = index
        elif index >= first + self.shown:
            first = index - self.shown + 1
        first = max(0, min(first, len(self.panes) - self.shown))
        moved = first != self.first
        self.first = first
        self.scroll_to(x=first * self._pane_width, animate=False, immediate=True, force=True)
        if moved:
            self.post_message(self.Moved())
            self.call_after_refresh(self.level)

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        panes = self.panes
        if not panes or not self.size.width:
            return
        self.shown = max(1, min(len(panes), self.size.width // MIN_PANE_WIDTH))
        self._pane_width = self.size.width // self.shown
        for pane in panes:
            pane.styles.width = self._pane_width
        self.first = min(self.first, len(panes) - self.shown)
        self.reveal(self.focused_index if self.focused_index is not None else self.first)
        self.post_message(self.Moved())

    @on(SourceView.Relaid)
    def _relevel_after_resize(self, event: SourceView.Relaid) -> None:
        event.stop()
        if not self._level_pending:
            self._level_pending = True
            self.call_after_refresh(self._level_now)

    def _level_now(self) -> None:
        self._level_pending = False
        self.level()

    @on(events.DescendantFocus)
    def _follow_focus(self, event: events.DescendantFocus) -> None:
        index = self.focused_index
        if index is not None:
            self.reveal(index)
            self.post_message(self.Moved())
