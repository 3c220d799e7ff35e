"""The inspector: the current fact as each source words it, what differs, and where they disagree."""
from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.reactive import reactive, var
from textual.strip import Strip
from textual.widget import Widget

from align.model import Discrepancy, Fact, Mention
from review.cursor import Cursor
from review.index import FactIndex, Review
from review.verdicts import Judgement

from .marks import DISAGREES, MISSING, STANDING
from .safe_text import Span, safe_text
from .state import required
from .worddiff import WordMarks, word_marks


class FactInspector(Widget, can_focus=False):
    """Shows one fact. Rendered once per fact into strips it scrolls itself (by mouse wheel),
    so that a new fact never changes the screen's layout — which would cost every pane a
    repaint. Collapsible, and not drawn at all while collapsed. It watches the review screen's
    review and cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "fact-inspector--title",
        "fact-inspector--source",
        "fact-inspector--differing",
        "fact-inspector--value",
        "fact-inspector--secondary",
        "fact-inspector--missing",
        "fact-inspector--conflict",
        "fact-inspector--variant",
        "fact-inspector--more",
    }

    collapsed = reactive(False, toggle_class="-collapsed")
    review: var[Review] = var[Review](required)
    cursor: var[Cursor] = var[Cursor](required)

    def __init__(self, review: Review, cursor: Cursor, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(FactInspector.review, review)
        self.set_reactive(FactInspector.cursor, cursor)
        self._content: RenderableType = Text("No fact selected.", style="italic")
        self._shown: tuple[Review, Fact, int] | None = None  # what _content describes
        self._strips: list[Strip] = []
        self._width = 0
        self.scrolled = 0  # rows scrolled past

    def on_mount(self) -> None:
        self._follow()

    def watch_review(self) -> None:
        self._follow()

    def watch_cursor(self) -> None:
        self._follow()

    def watch_collapsed(self) -> None:
        self._follow()

    def _follow(self) -> None:
        """Describe the fact again if it, its judgements or the current discrepancy changed;
        not while collapsed, nor between a new review and its cursor."""
        review, cursor = self.review, self.cursor
        if self.collapsed or not review.index.holds(cursor.fact):
            return
        if cursor.fact is None:
            self._content, self._shown = Text("No fact selected.", style="italic"), None
        else:
            shown = (review, cursor.fact, cursor.current_discrepancy or 0)
            if shown == self._shown:
                return
            self._shown = shown
            self._content = self._describe(review, cursor.fact, cursor.current_discrepancy or 0)
        self._width = self.scrolled = 0
        self.refresh()

    @property
    def lines(self) -> list[Strip]:
        """The content at the current width, rendered on first use after a change."""
        width = self.content_region.width
        if width != self._width:
            console = self.app.console
            options = console.options.update_width(max(1, width))
            lines = console.render_lines(self._content, options, style=self.rich_style)
            self._strips = [Strip(line, width) for line in lines]
            self._width = width
        return self._strips

    def on_resize(self) -> None:
        self._width = 0

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._width = 0

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_lines(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_lines(-3)

    def scroll_lines(self, rows: int) -> None:
        offset = max(0, min(self.scrolled + rows, len(self.lines) - self.content_region.height))
        if offset != self.scrolled:
            self.scrolled = offset
            self.refresh()

    def render_line(self, y: int) -> Strip:
        lines, height, width = self.lines, self.content_region.height, self.content_region.width
        row = y + self.scrolled
        below = len(lines) - (self.scrolled + height)
        if y == height - 1 and below > 0:
            more = f" ▼ {below + 1} more lines · ] scrolls · i hides "
            return Strip([Segment(more, self.rich_style + self._style("more"))]).crop_extend(0, width, self.rich_style)
        return lines[row] if row < len(lines) else Strip.blank(width, self.rich_style)

    def _describe(self, review: Review, fact: Fact, current: int) -> RenderableType:
        """Title and verdict, then what sources disagree on (what a checker needs first), then
        each source's words."""
        index, judged = review.index, review.judged(fact)
        numbers = {source: n for n, source in enumerate(index.source_ids, start=1)}
        return Group(
            self._title(index, fact),
            self._verdict(judged.fact, "fact"),
            *(
                Group(self._discrepancy(d, numbers, current=k == current and len(fact.discrepancies) > 1),
                      self._verdict(judged.discrepancies.get(k), "discrepancy"))
                for k, d in enumerate(fact.discrepancies)
            ),
            self._sentence_table(index, fact, numbers),
        )

    def _verdict(self, judgement: Judgement | None, what: str) -> Text:
        """The reviewer's verdict and note, or what keys would give one."""
        line = Text("    ")
        if judgement is None or judgement.verdict is None:
            keys = "c/d/U, a: note" if what == "fact" else "r/x, A: note"
            line.append(f"{what} not yet judged ({keys})", style=self._style("missing"))
        else:
            line.append(f"{what}: ")
            line.append_text(safe_text(judgement.verdict, style="bold underline"))
        if judgement is not None and judgement.note.strip():
            line.append(" — note: ")
            line.append_text(safe_text(judgement.note, style="italic"))
        return line

    def _sentence_table(self, index: FactIndex, fact: Fact, numbers: dict[str, int]) -> Table:
        """A row per source in pane order: its mark, its label, and what it says; then who is missing."""
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, width=1)
        table.add_column(no_wrap=True, max_width=16, overflow="ellipsis", style=self._style("source"))
        table.add_column(ratio=1)
        marks = word_marks(index.alignment, fact, index.mentions(fact))
        for source in (s for s in index.source_ids if s in fact.sources):
            mentions = index.mentions_in(fact, source)
            glyph = STANDING[index.standing(fact, source)]
            label = Text(f"{numbers[source]} ", end="").append_text(safe_text(index.alignment.source(source).name))
            said = Text(" ┊ ", end="").join(self._sentence(index, fact, m, marks) for m in mentions)
            table.add_row(Text(glyph, style="bold"), label, said)
        missing = index.missing(fact)
        if missing:
            listed = Text(", ", end="").join(Text(f"{numbers[s]}:", end="").append_text(
                safe_text(index.alignment.source(s).name)) for s in missing)
            listed.stylize(self._style("missing"))
            table.add_row(Text(MISSING), Text("missing"), listed)
        return table

    def _title(self, index: FactIndex, fact: Fact) -> Text:
        title = Text()
        title.append(f" {fact.id} ", style=self._style("title"))
        count = len(index.source_ids)
        title.append(f"  reported by {len(fact.sources)} of {count} sources · cohesion {fact.score:.2f} · ")
        if fact.discrepancies:
            count = len(fact.discrepancies)
            title.append(f"{DISAGREES} {count} discrepanc{'y' if count == 1 else 'ies'}", style=self._style("conflict"))
        else:
            title.append("no discrepancies found")
        return title

    def _sentence(self, index: FactIndex, fact: Fact, mention: Mention, marks: dict[Mention, WordMarks]) -> Text:
        """One sentence: differing words and disputed values emphasised, the rest plain."""
        source = index.alignment.source(mention.source)
        sentence = source.sentences[mention.sentence]
        spans: list[Span] = []
        if mention in marks:
            differing = self._style("differing")
            spans.extend((a, b, differing) for a, b in marks[mention].differing)
        value_style = self._style("value")
        spans.extend((value.start - sentence.start, value.end - sentence.start, value_style)
                     for discrepancy in fact.discrepancies for value in discrepancy.values
                     if (value.source, value.sentence) == (mention.source, mention.sentence))
        text = safe_text(source.as_written(sentence), spans=spans)
        if not mention.primary:
            return Text("(also) ", style=self._style("secondary"), end="").append_text(text)
        return text

    def _discrepancy(self, discrepancy: Discrepancy, numbers: dict[str, int], current: bool = False) -> Text:
        severity = self._style(discrepancy.severity.value)
        line = Text()
        line.append("▶ " if current else "", style="bold")
        line.append(f"{DISAGREES} ", style=severity)
        line.append_text(safe_text(discrepancy.kind, style="bold"))
        line.append(" · ")
        line.append_text(safe_text(discrepancy.severity, style=severity))
        line.append(" — ")
        line.append_text(safe_text(discrepancy.summary))
        for value in discrepancy.values:
            line.append(f"\n    {numbers.get(value.source, '?')} ")
            line.append_text(safe_text(value.source, style=self._style("source")))
            line.append(": ")
            line.append_text(safe_text(value.text, style=self._style("value")))
            if value.normalized and value.normalized != value.text:
                line.append(" = ")
                line.append_text(safe_text(value.normalized))
        return line

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"fact-inspector--{name}", partial=True)
