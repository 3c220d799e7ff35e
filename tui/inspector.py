"""The inspector: the current fact as each source words it, what differs, and where they disagree."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from typing import ClassVar

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.reactive import reactive, var
from textual.strip import Strip
from textual.timer import Timer
from textual.widget import Widget

from align.model import Discrepancy, Fact, Mention
from review.cursor import Cursor
from review.index import FactIndex, Judged, Review
from review.verdicts import Judgement
from review.words import SEVERITY, coverage, disagreement, score, summary

from .marks import DISAGREES, MISSING, STANDING
from .safe_text import Span, one_line, safe_text
from .state import likely_next, look_ahead_soon, required
from .worddiff import WordMarks, word_marks

LABEL_WIDTH = 16
Block = Callable[[], RenderableType]  # a part of what the inspector says, made when it is shown


def _nothing() -> Text:
    return Text("No fact selected.", style="italic")
MORE = " ▼ more · } and { scroll · i hides "


KEPT = 12  # facts whose description the inspector keeps: those shown last and those likely next


@dataclass(frozen=True, slots=True, eq=False)
class Subject:
    """What the inspector describes: a fact of an alignment's index, and the current
    discrepancy. Equal when index and fact are the very same objects (a re-alignment makes new
    ones); not the review, which is new after every verdict (see Rendering.judged)."""

    index: FactIndex
    fact: Fact
    discrepancy: int

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Subject) and self.index is other.index and self.fact is other.fact
                and self.discrepancy == other.discrepancy)

    def __hash__(self) -> int:
        return hash((id(self.index), id(self.fact), self.discrepancy))


class Rendering:
    """A fact's description (its parts, made when shown) and the lines rendered of it so far.
    It shows the judgements `judged`: when the fact's change, it is described anew."""

    def __init__(self, blocks: list[Block], subject: Subject | None = None, judged: Judged | None = None) -> None:
        self.blocks = blocks
        self.subject = subject
        self.judged = judged
        self.strips: list[Strip] = []
        self.rendered = 0  # blocks rendered into strips
        self.width = 0

    def restart(self, width: int) -> None:
        self.strips, self.rendered, self.width = [], 0, width

    def ready(self, wanted: int) -> bool:
        """Whether `wanted` lines are rendered, or all there are."""
        return len(self.strips) >= wanted or self.rendered == len(self.blocks)


class Hanging:
    """`text` wrapped beside `head` (a mark and a label), its further lines indented under the
    first: a two-column row without a table's measuring."""

    def __init__(self, head: Text, text: Text) -> None:
        self.head = head
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        indent = self.head.cell_len
        lines = self.text.wrap(console, max(8, options.max_width - indent))
        for n, line in enumerate(lines):
            yield from (self.head if n == 0 else Text(" " * indent)).render(console)
            yield from line.render(console)
            yield Segment.line()


class FactInspector(Widget, can_focus=False):
    """Shows one fact. Its parts (title, each disagreement, each source's sentence) are rendered
    into strips only as far as the inspector shows them, which it scrolls itself (`}`/`{`, the
    mouse wheel), so that a new fact never changes the screen's layout nor renders twenty
    sentences to show five. Collapsible, and not drawn at all while collapsed. It watches the
    review screen's review and cursor."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "fact-inspector--title",
        "fact-inspector--id",
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
    look_ahead: ClassVar[bool | None] = None  # render the likely next facts (None: in a terminal)
    review: var[Review] = var[Review](required)
    cursor: var[Cursor] = var[Cursor](required)

    def __init__(self, review: Review, cursor: Cursor, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(FactInspector.review, review)
        self.set_reactive(FactInspector.cursor, cursor)
        self._now = Rendering([_nothing])  # what it shows
        self._kept: dict[Subject, Rendering] = {}  # facts shown or likely next, most recent last
        self._styles: dict[str, Style] = {}
        self.scrolled = 0  # rows scrolled past
        self._look_ahead_timer: Timer | None = None  # the last fact's (one at a time: a key held makes many)

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
            self._now = Rendering([_nothing])
        else:
            rendering = self._described(review, Subject(review.index, cursor.fact, cursor.current_discrepancy or 0))
            if rendering is self._now:
                return
            self._now = rendering
            self._keep(rendering)
            self._look_ahead_timer = look_ahead_soon(self, self._look_ahead_timer,
                                                     partial(self._look_ahead, review, cursor))
        self.scrolled = 0
        self.refresh()

    def _described(self, review: Review, subject: Subject) -> Rendering:
        """`subject` as kept, if `review` judges its fact as the kept one shows; else described anew."""
        judged = review.judged(subject.fact)
        kept = self._kept.get(subject)
        if kept is not None and kept.judged == judged:
            return kept
        return Rendering(self._describe(subject.index, subject.fact, judged, subject.discrepancy), subject, judged)

    def _keep(self, rendering: Rendering) -> None:
        """Keep `rendering` as the most recent, forgetting the oldest beyond KEPT (never the one shown)."""
        assert rendering.subject is not None
        self._kept.pop(rendering.subject, None)
        self._kept[rendering.subject] = rendering
        for subject in list(self._kept)[:max(0, len(self._kept) - KEPT)]:
            if self._kept[subject] is not self._now:
                del self._kept[subject]

    def _look_ahead(self, review: Review, cursor: Cursor) -> None:
        """A moment after the fact is shown, if it still is: render, as far as the inspector
        shows, the facts the reviewer most likely goes to next (found once: finding them seeks
        through the facts), one per turn of the event loop, so that a key pressed meanwhile goes first."""
        def still_shown() -> bool:
            return review is self.review and cursor is self.cursor and not self.collapsed

        if not still_shown() or cursor.fact is None:
            return
        likely = likely_next(review.index, cursor.fact, cursor.filter)

        def next_fact() -> None:
            if not still_shown():
                return
            wanted, width = self._wanted(0), self.content_region.width  # a fact is shown from its top
            for nearby in likely:
                rendering = self._described(review, Subject(review.index, nearby, 0))
                if rendering.width != width or not rendering.ready(wanted):
                    self._keep(rendering)
                    self._lines(wanted, rendering)
                    self.call_later(next_fact)
                    return

        next_fact()

    def _wanted(self, scrolled: int) -> int:
        """Lines to render to fill the inspector scrolled past `scrolled` rows (and know whether
        there are more)."""
        return scrolled + self.content_region.height + 1

    def _lines(self, wanted: int, rendering: Rendering | None = None) -> list[Strip]:
        """At least `wanted` rendered lines of `rendering` (the one shown by default; fewer if
        the fact has fewer), rendering further blocks at the current width only as needed."""
        rendering = rendering or self._now
        width = self.content_region.width
        if width != rendering.width:
            rendering.restart(width)
        if not rendering.ready(wanted):
            console = self.app.console
            options = console.options.update_width(max(1, width))
            while not rendering.ready(wanted):
                lines = console.render_lines(rendering.blocks[rendering.rendered](), options, style=self.rich_style,
                                             pad=True)
                rendering.strips += [Strip(line, width) for line in lines]
                rendering.rendered += 1
        return rendering.strips

    @property
    def complete(self) -> bool:
        return self._now.rendered == len(self._now.blocks)

    def notify_style_update(self) -> None:
        """New styles: every description is rendered again, in them, when next shown (a new
        width needs nothing here: `_lines` renders again at another width)."""
        super().notify_style_update()
        self._styles.clear()
        for rendering in (self._now, *self._kept.values()):
            rendering.restart(-1)

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.scroll_lines(3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.scroll_lines(-3)

    def scroll_lines(self, rows: int) -> None:
        height = self.content_region.height
        lines = self._lines(self.scrolled + max(0, rows) + height + 1)
        offset = max(0, min(self.scrolled + rows, len(lines) - height))
        if offset != self.scrolled:
            self.scrolled = offset
            self.refresh()

    def render_line(self, y: int) -> Strip:
        height, width = self.content_region.height, self.content_region.width
        lines = self._lines(self._wanted(self.scrolled))
        row = y + self.scrolled
        if y == height - 1 and len(lines) > self.scrolled + height:
            return Strip([Segment(MORE, self.rich_style + self._style("more"))]).crop_extend(0, width, self.rich_style)
        return lines[row] if row < len(lines) else Strip.blank(width, self.rich_style)

    # -- what it says -----------------------------------------------------------------------

    def _describe(self, index: FactIndex, fact: Fact, judged: Judged, current: int) -> list[Block]:
        """Title and verdict, then what sources disagree on (what a checker needs first), then
        each source's words, then who lacks the fact: each part made only when it is shown.
        Only `index` and `judged` say anything of the review: a kept description stands while
        they do."""
        numbers = {source: n for n, source in enumerate(index.source_ids, start=1)}
        several = len(fact.discrepancies) > 1
        blocks: list[Block] = [partial(self._title, index, fact, judged.fact)]
        blocks += [partial(self._discrepancy, index, d, numbers, judged.discrepancies.get(k), several and k == current)
                   for k, d in enumerate(fact.discrepancies)]
        marks = cache(lambda: word_marks(index.alignment, fact, index.mentions(fact)))
        blocks += [partial(self._source_row, index, fact, source, numbers, marks)
                   for source in index.source_ids if source in fact.sources]
        missing = index.missing(fact)
        if missing:
            blocks.append(partial(self._missing, index, numbers, missing))
        return blocks

    def _missing(self, index: FactIndex, numbers: dict[str, int], missing: tuple[str, ...]) -> Hanging:
        listed = Text(", ", end="").join(self._who(index, numbers, s) for s in missing)
        listed.stylize(self._style("missing"))
        return self._row(Text(MISSING), Text("missing from"), listed)

    def _title(self, index: FactIndex, fact: Fact, judgement: Judgement | None) -> Text:
        title = Text()
        title.append(f" fact {index.number(fact)} ", style=self._style("title"))
        title.append(f" {fact.id} ", style=self._style("id"))
        title.append(f" {coverage(index, fact)} · {score(fact)}")
        if fact.discrepancies:
            count = len(fact.discrepancies)
            title.append(f" · {DISAGREES} {count} disagreement{'' if count == 1 else 's'}",
                         style=self._style("conflict"))
        title.append(" · ")
        title.append_text(self._verdict(judgement))
        return title

    def _verdict(self, judgement: Judgement | None) -> Text:
        """The reviewer's verdict and note."""
        line = Text()
        if judgement is None or judgement.verdict is None:
            line.append("no verdict yet", style=self._style("missing"))
        else:
            line.append("verdict: ")
            line.append_text(safe_text(judgement.verdict, style="bold underline"))
        if judgement is not None and judgement.note.strip():
            line.append(" — note: ")
            line.append_text(safe_text(judgement.note, style="italic"))
        return line

    def _discrepancy(self, index: FactIndex, discrepancy: Discrepancy, numbers: dict[str, int],
                     judgement: Judgement | None, current: bool) -> Text:
        severity = self._style(discrepancy.severity.value)
        line = Text()
        line.append("▶ " if current else "", style="bold")
        line.append(f"{DISAGREES} {disagreement(discrepancy)}", style=severity)
        line.append(f" ({SEVERITY[discrepancy.severity]})")
        if discrepancy.summary:
            line.append(": ")
            line.append_text(safe_text(one_line(summary(discrepancy, index))))
        line.append(" · ")
        line.append_text(self._verdict(judgement))
        line.append("\n   ")
        values = Text(" · ", end="").join(
            self._who(index, numbers, v.source).append(" ").append_text(safe_text(v.text, style=self._style("value")))
            for v in discrepancy.values)
        line.append_text(values)
        return line

    def _who(self, index: FactIndex, numbers: dict[str, int], source: str) -> Text:
        """A source as the panes number and label it."""
        return Text(f"{numbers.get(source, '?')} ", end="").append_text(
            safe_text(one_line(index.alignment.source(source).name), style=self._style("source")))

    @staticmethod
    def _row(glyph: Text, label: Text, said: Text) -> Hanging:
        """One row of the sentence list: the mark, the label cut to its column, the words."""
        label = label.copy()
        label.truncate(LABEL_WIDTH, overflow="ellipsis", pad=True)
        return Hanging(Text(" ", end="").join([glyph, label, Text("")]), said)

    def _source_row(self, index: FactIndex, fact: Fact, source: str, numbers: dict[str, int],
                    marks: Callable[[], dict[Mention, WordMarks]]) -> Hanging:
        """A source's mark, label and what it says."""
        mentions = index.mentions_in(fact, source)
        glyph = STANDING[index.standing(fact, source)]
        said = Text(" ┊ ", end="").join(self._sentence(index, fact, m, marks()) for m in mentions)
        return self._row(Text(glyph, style="bold"), self._who(index, numbers, source), said)

    def _sentence(self, index: FactIndex, fact: Fact, mention: Mention, marks: dict[Mention, WordMarks]) -> Text:
        """One sentence: differing words and disputed values emphasised; where only a clause of it
        reports the fact, the rest dimmed."""
        source = index.alignment.source(mention.source)
        sentence = source.sentences[mention.sentence]
        start, end = source.written_span(sentence)
        spans: list[Span] = []
        if mention.clause is not None:
            faded = self._style("secondary")
            spans += [(0, mention.clause[0] - start, faded), (mention.clause[1] - start, end - start, faded)]
        if mention in marks:
            differing = self._style("differing")
            offset = sentence.start - start
            spans.extend((a + offset, b + offset, differing) for a, b in marks[mention].differing)
        value_style = self._style("value")
        spans.extend((value.start - start, value.end - start, value_style)
                     for discrepancy in fact.discrepancies for value in discrepancy.values
                     if (value.source, value.sentence) == (mention.source, mention.sentence))
        text = safe_text(source.text[start:end], spans=spans)
        if not mention.primary:
            return Text("(in passing) ", style=self._style("secondary"), end="").append_text(text)
        return text

    def _style(self, name: str) -> Style:
        if name not in self._styles:
            self._styles[name] = self.get_component_rich_style(f"fact-inspector--{name}", partial=True)
        return self._styles[name]
