"""The article panes: one column per source, side by side, kept level on the current fact.

A `SourceView` draws its source one sentence per block through Textual's line API (as Toolong
does): it knows the row of every sentence (to level the panes and to map a click to a sentence),
draws only the rows on screen, keeps each drawn row until what it shows changes, and redraws just
the rows of the sentences whose emphasis changed when the reviewer moves to another fact.

Each sentence's gutter gives the number of its fact and a mark: ● other sources report it too,
◆ only this source has it, ✕ a value in it is disputed, ▶ it is the current fact's; the disputed
words themselves are underlined, and search matches stand out wherever they are.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import pairwise
from typing import ClassVar

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Static

from align.model import Fact, Mention, SentenceKind, SentenceRef, Source
from review.cursor import Cursor
from review.index import FactFilter, FactIndex, Match, Review

from .lines import to_screen, undecorated
from .marks import ALSO_BAR, CURRENT, CURRENT_ALSO, DISAGREES, MISSING, ONLY_HERE, SHARED, SHARED_BAR, TINTS
from .safe_text import one_line, safe_text, shown_with_offsets
from .state import likely_next, look_ahead_soon, required

MIN_PANE_WIDTH = 36
TEXT_FIELD_ACTIONS = frozenset({"search"})  # actions that open a text field (see PaneDeck._on_key)
NOT_REVERSED = Style(reverse=False)
SCROLL_THUMB = "▐"
PANE_STYLES = frozenset({
    "source-view--boilerplate", "source-view--headline", "source-view--only-here", "source-view--number",
    "source-view--current", "source-view--current-rest", "source-view--secondary", "source-view--filtered-out",
    "source-view--disputed", "source-view--disputed-mark", "source-view--match", "source-view--scrollbar", *TINTS,
})  # the panes' looks, styled in app.tcss as the deck's component classes

Words = tuple[tuple[int, int], ...]  # spans of one screen line's words in a sentence's shown text


def wrap(text: str, width: int) -> list[Words]:
    """Greedy word wrap of `text` to `width` cells: each line as the spans of its words (shown
    one space apart); a word wider than a line is folded."""
    lines: list[Words] = []
    line: list[tuple[int, int]] = []
    used = 0
    position = 0
    for word in text.split():
        start = text.index(word, position)
        position = start + len(word)
        if "\n" in text[line[-1][1] if line else 0:start] and line:  # a hard line break
            lines.append(tuple(line))
            line, used = [], 0
        size = cell_len(word)
        if size > width:
            if line:
                lines.append(tuple(line))
            at = start
            for piece in chop_cells(word, width):
                lines.append(((at, at + len(piece)),))
                at += len(piece)
            line = [lines.pop()[0]]
            used = cell_len(text[line[0][0]:line[0][1]])
        elif line and used + 1 + size > width:
            lines.append(tuple(line))
            line, used = [(start, position)], size
        else:
            line.append((start, position))
            used += size + (1 if len(line) > 1 else 0)
    if line:
        lines.append(tuple(line))
    return lines or [()]


def wrapped(text: str, width: int) -> list[str]:
    """The lines `wrap` makes, as text."""
    return [" ".join(text[a:b] for a, b in words) for words in wrap(text, width)]


@dataclass(frozen=True, slots=True)
class Shown:
    """One sentence as the pane shows it: its text made safe, where that begins in the source's
    text, and how offsets of the source's text map into it (None: one to one)."""

    text: str
    start: int
    offsets: list[int] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the source's text as a span of the shown text (clipped to the sentence)."""
        size = len(self.offsets) - 1 if self.offsets is not None else len(self.text)
        a, b = max(0, min(size, start - self.start)), max(0, min(size, end - self.start))
        if self.offsets is not None:
            a, b = self.offsets[a], self.offsets[b]
        return a, b


@dataclass(frozen=True, slots=True)
class SentenceLayout:
    """Where each sentence of a source falls at one text width: a block per sentence, a blank
    row between paragraphs."""

    width: int
    rows: tuple[tuple[int, int] | None, ...]  # (sentence, line within it), None for a spacer
    first_row: tuple[int, ...]
    shown: tuple[Shown, ...]
    lines: tuple[tuple[Words, ...], ...]

    @classmethod
    def of(cls, source: Source, width: int) -> SentenceLayout:
        rows: list[tuple[int, int] | None] = []
        first_row: list[int] = []
        shown: list[Shown] = []
        lines: list[tuple[Words, ...]] = []
        paragraph = None
        for sentence in source.sentences:
            if paragraph is not None and sentence.paragraph != paragraph:
                rows.append(None)
            paragraph = sentence.paragraph
            start, end = source.written_span(sentence)
            text, offsets = shown_with_offsets(source.text[start:end])
            wrapped_lines = tuple(wrap(text, width))
            first_row.append(len(rows))
            rows.extend((sentence.index, n) for n in range(len(wrapped_lines)))
            shown.append(Shown(text, start, offsets))
            lines.append(wrapped_lines)
        return cls(width, tuple(rows), tuple(first_row), tuple(shown), tuple(lines))

    def sentence_at(self, row: int) -> int | None:
        place = self.rows[row] if 0 <= row < len(self.rows) else None
        return None if place is None else place[0]

    def text_of(self, sentence: int, line: int) -> str:
        text = self.shown[sentence].text
        return " ".join(text[a:b] for a, b in self.lines[sentence][line])


def _emphasis_of(mentions: Iterable[Mention]) -> dict[int, Mention]:
    """Per sentence, how it reports a fact: through its primary mention where it has one."""
    emphasis: dict[int, Mention] = {}
    for mention in mentions:
        if mention.sentence not in emphasis or mention.primary:
            emphasis[mention.sentence] = mention
    return emphasis


Overlay = tuple[int, int, Style]  # a span of a sentence's shown text and the style laid over it


def _blank_alike(a: Style, b: Style) -> bool:
    """Whether spaces look the same in both styles (only foreground, weight or slant differ)."""
    return (a.bgcolor == b.bgcolor and bool(a.reverse) == bool(b.reverse) and bool(a.underline) == bool(b.underline)
            and bool(a.strike) == bool(b.strike) and bool(a.overline) == bool(b.overline))


def _merged(pieces: list[tuple[str, Style]], width: int, base: Style, tail: tuple[str, Style]) -> list[Segment]:
    """Segments of `pieces`, padded to `width` cells, then `tail` (the scrollbar's cell),
    neighbours joined where they look alike (spaces take the style around them where nothing
    shows the difference): every segment costs Textual time on every frame, and the terminal
    two escape sequences."""
    padding = " " * max(0, width - sum(cell_len(piece) for piece, _ in pieces))
    runs: list[list[str | Style]] = []  # [text, style], merged as they come
    for piece, style in [*pieces, (padding, base), tail]:
        if not piece:
            continue
        if runs:
            last_text, last_style = runs[-1]
            assert isinstance(last_text, str) and isinstance(last_style, Style)
            if style == last_style or (not piece.strip() and _blank_alike(style, last_style)):
                runs[-1][0] = last_text + piece  # the same look, or spaces that look the same in it
                continue
            if not last_text.strip() and _blank_alike(last_style, style):
                runs[-1] = [last_text + piece, style]  # spaces before: they take this piece's style
                if len(runs) > 1 and runs[-2][1] == style:
                    text = runs.pop()[0]
                    runs[-1][0] = str(runs[-1][0]) + str(text)
                continue
        runs.append([piece, style])
    return [Segment(str(text), style if isinstance(style, Style) else None) for text, style in runs]


class SourceView(ScrollView, can_focus=False, inherit_bindings=False):
    """One source's sentences, tinted and numbered by fact, with the current fact emphasised."""

    auto_links = False  # its rows hold no links (and are drawn straight to the screen: see lines.py)

    class SentenceClicked(Message):
        """The reviewer clicked a sentence: its pane becomes the focused one, its fact the current one."""

        def __init__(self, source: str, sentence: int | None) -> None:
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
        self._current: Fact | None = None
        self._emphasis: dict[int, Mention] = {}  # sentence -> how it reports the current fact
        self._matches: dict[int, tuple[tuple[int, int], ...]] = {}  # sentence -> spans of the source's text
        self._layout: SentenceLayout | None = None
        self._strips: dict[tuple[int, str], Strip] = {}  # (row, its scrollbar cell): the row drawn
        # rows drawn for another moment: as they look when their sentence is not emphasised
        # (kept while it is), and as they would look with a likely next fact emphasised
        self._plain: dict[tuple[int, str], Strip] = {}
        self._ahead: dict[Fact, dict[tuple[int, str], Strip]] = {}
        self._styles: dict[str, Style] = {}
        self._digits = len(str(len(index.facts)))
        self._undecorated: bool | None = None  # whether its rows go to the screen as drawn (see lines.py)

    # -- what to draw -------------------------------------------------------------------

    def restyle(self, index: FactIndex, fact_filter: FactFilter) -> None:
        """Redraw everything: the facts (after a re-alignment) or the filter changed."""
        self.index, self.fact_filter = index, fact_filter
        self.source = index.alignment.source(self.source.id)  # the same text, from the new alignment
        self._digits = len(str(len(index.facts)))
        self._forget_rows()
        self.refresh()

    def emphasise(self, fact: Fact | None, mentions: Iterable[Mention]) -> None:
        """Make `mentions` (of `fact`) the emphasised sentences, redrawing only the rows that
        change, from the rows drawn ahead for it (and those kept plain) where there are any."""
        emphasis = _emphasis_of(mentions)
        changed = {i for i in emphasis.keys() | self._emphasis.keys() if emphasis.get(i) != self._emphasis.get(i)}
        if fact is not self._current:  # the number and mark of its sentences show the current fact
            changed |= set(emphasis) | set(self._emphasis)
        was = self._emphasis
        ahead = self._ahead.get(fact, {}) if fact is not None else {}
        self._ahead = {}
        self._current = fact
        self._emphasis = emphasis
        if not changed:
            return
        layout = self.sentence_layout
        for index in changed:
            first, height = layout.first_row[index], len(layout.lines[index])
            for row in range(first, first + height):
                for key in ((row, " "), (row, SCROLL_THUMB)):
                    drawn = self._strips.pop(key, None)
                    if drawn is not None and index not in was:
                        self._plain[key] = drawn
                    if (ready := ahead.get(key) if index in emphasis else self._plain.get(key)) is not None:
                        self._strips[key] = ready
            self.refresh_lines(first, height)

    def mark_matches(self, matches: Sequence[Match]) -> None:
        """Show where a search matched in this source (all of them, every time the query changes)."""
        found: dict[int, list[tuple[int, int]]] = {}
        for match in matches:
            found.setdefault(match.ref.sentence, []).append((match.start, match.end))
        now = {k: tuple(v) for k, v in found.items()}
        changed = {i for i in now.keys() | self._matches.keys() if now.get(i) != self._matches.get(i)}
        self._matches = now
        self._redraw(changed)

    def _redraw(self, sentences: Iterable[int]) -> None:
        """Draw the rows of `sentences` anew (what they show changed for every moment)."""
        sentences = list(sentences)
        if not sentences:
            return
        self._ahead = {}
        layout = self.sentence_layout
        for index in sentences:
            first, height = layout.first_row[index], len(layout.lines[index])
            for row in range(first, first + height):
                for key in ((row, " "), (row, SCROLL_THUMB)):
                    self._strips.pop(key, None)
                    self._plain.pop(key, None)
            self.refresh_lines(first, height)

    def _forget_rows(self) -> None:
        self._strips.clear()
        self._plain.clear()
        self._ahead = {}

    @property
    def emphasised(self) -> Iterable[int]:
        """The sentences emphasised as reporting the current fact."""
        return self._emphasis.keys()

    def sentence_row(self, index: int) -> int:
        return self.sentence_layout.first_row[index]

    @property
    def gutter_width(self) -> int:
        """Cells before the text: the fact number, the mark and a space."""
        return max(2, self._digits) + 2

    @property
    def sentence_layout(self) -> SentenceLayout:
        """The layout for the current width, computed when the width changes."""
        width = max(8, self.text_width - self.gutter_width - 1)
        if self._layout is None or self._layout.width != width:
            self._layout = SentenceLayout.of(self.source, width)
            self._forget_rows()
            self.virtual_size = Size(self.text_width, len(self._layout.rows))
        return self._layout

    @property
    def text_width(self) -> int:
        """Cells for the rows: all but the last column, where the pane draws its own scrollbar
        (Textual's, a widget of its own, costs as much again to draw on every scroll)."""
        return max(1, self.size.width - 1)

    # -- events ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Rows move at another width: the deck levels the panes in view again (each re-wraps
        its sentences when next asked, so panes out of view cost nothing until they are shown)."""
        self.post_message(self.Relaid())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._forget_rows()
        self._undecorated = None

    @property
    def allow_vertical_scroll(self) -> bool:
        """The mouse wheel scrolls the view wherever its text is longer than the view. Its CSS
        hides the overflow so that Textual makes no scrollbar widget for it (the view draws its
        own): moving that hidden widget on every scroll made Textual rebuild the layout map of
        the whole screen."""
        return not self._check_disabled() and self.max_scroll_y > 0

    @on(events.Click)
    def _select_clicked(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.post_message(self.SentenceClicked(self.source.id,
                                               self.sentence_layout.sentence_at(offset.y + self.scroll_offset.y)))

    # -- drawing --------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows as drawn and kept, straight to the screen unless CSS decorates the view."""
        if self._undecorated is None:
            self._undecorated = undecorated(self)
        if not self._undecorated or self.size.width < 2:
            return super().render_lines(crop)  # through `render_line`
        return to_screen(self, self._rows(crop.line_range), crop)

    def render_line(self, y: int) -> Strip:
        return self._rows(range(y, y + 1))[0]

    def _rows(self, screen_rows: range, scrolled: int | None = None) -> list[Strip]:
        """The screen rows `screen_rows` when the view is scrolled by `scrolled` (by default as
        far as it is), each drawn once and kept until what it shows changes."""
        strips, get, layout, width = [], self._strips.get, None, max(1, self.size.width - 1)
        for key in self._row_keys(screen_rows, self.scroll_offset.y if scrolled is None else scrolled):
            strip = get(key)
            if strip is None:
                layout = layout or self.sentence_layout
                strip = self._strips[key] = self._draw_row(layout, key[0], width, key[1])
            strips.append(strip)
        return strips

    def _row_keys(self, screen_rows: range, scrolled: int) -> list[tuple[int, str]]:
        """The row of the article on each screen row when scrolled by `scrolled`, and the
        scrollbar's cell beside it: the thumb where the rows in view sit in the article."""
        height, total = self.size.height, max(1, self.virtual_size.height)
        if total <= height:
            top = bottom = 0
        else:
            thumb = max(1, round(height * height / total))
            top = round(scrolled * (height - thumb) / max(1, total - height))
            bottom = top + thumb
        return [(y + scrolled, SCROLL_THUMB if top <= y < bottom else " ") for y in screen_rows]

    def draw_ahead(self, scrolled: int, fact: Fact, mentions: Iterable[Mention]) -> None:
        """Draw the rows the view would show scrolled by `scrolled` with `fact` emphasised (its
        sentences as they would look then, the current fact's as they look plain), so that
        going there costs no drawing."""
        emphasis = _emphasis_of(mentions)
        ahead = self._ahead.setdefault(fact, {})
        layout, width = self.sentence_layout, max(1, self.size.width - 1)
        for key in self._row_keys(range(self.size.height), scrolled):
            sentence = layout.sentence_at(key[0])
            if sentence in emphasis:
                if key not in ahead:
                    with self._as_if(fact, emphasis):
                        ahead[key] = self._draw_row(layout, key[0], width, key[1])
            elif sentence in self._emphasis:
                if key not in self._plain:
                    with self._as_if(None, {}):
                        self._plain[key] = self._draw_row(layout, key[0], width, key[1])
            elif key not in self._strips:
                self._strips[key] = self._draw_row(layout, key[0], width, key[1])

    @contextmanager
    def _as_if(self, fact: Fact | None, emphasis: dict[int, Mention]) -> Iterator[None]:
        """Draw as though `fact` were the current fact, emphasised so."""
        held = self._current, self._emphasis
        self._current, self._emphasis = fact, emphasis
        try:
            yield
        finally:
            self._current, self._emphasis = held

    def _style(self, name: str) -> Style:
        """One of the panes' looks (the deck holds them: see PANE_STYLES)."""
        if name not in self._styles:
            deck = next((node for node in self.ancestors if isinstance(node, PaneDeck)), None)
            self._styles[name] = deck.get_component_rich_style(name, partial=True) if deck else Style()
        return self._styles[name]

    @property
    def _base(self) -> Style:
        """The view's own style (Textual works it out from every ancestor on each call)."""
        if "" not in self._styles:
            self._styles[""] = self.rich_style
        return self._styles[""]

    def _draw_row(self, layout: SentenceLayout, row: int, width: int, bar: str) -> Strip:
        """Row `row`: gutter, words, padding to `width`, and `bar`, its scrollbar cell."""
        base = self._base
        tail = (bar, base + self._style("source-view--scrollbar"))
        place = layout.rows[row] if row < len(layout.rows) else None
        if place is None:
            return Strip(_merged([(" " * width, base)], width, base, tail), width + 1)
        index, line = place
        first = line == 0
        text_style, number, number_style, mark, mark_style = self._look(index, first)
        digits = self.gutter_width - 2
        pieces: list[tuple[str, Style]] = [(number.rjust(digits) if first else " " * digits, base + number_style),
                                           (mark, base + mark_style), (" ", base)]
        shown = layout.shown[index]
        overlays = self._overlays(index, shown)
        words = layout.lines[index][line]
        style = base + text_style
        text = shown.text
        if not overlays:
            pieces.append((" ".join(text[a:b] for a, b in words), style))
        else:
            for n, (a, b) in enumerate(words):
                if n:
                    pieces.append((" ", style + self._over(overlays, a - 1, a)))
                cuts = sorted({a, b, *(x for s, e, _ in overlays for x in (s, e) if a < x < b)})
                pieces.extend((text[start:end], style + self._over(overlays, start, end))
                              for start, end in pairwise(cuts))
        return Strip(_merged(pieces, width, base, tail), width + 1)

    @staticmethod
    def _over(overlays: list[Overlay], start: int, end: int) -> Style:
        style = Style()
        for s, e, over in overlays:
            if s <= start and end <= e:
                style += over
        return style

    def _overlays(self, index: int, shown: Shown) -> list[Overlay]:
        """What is laid over the sentence's own style: the current fact (the clause that
        reports it, if only a clause does), disputed values, and search matches."""
        overlays: list[Overlay] = []
        mention = self._emphasis.get(index)
        size = len(shown.text)
        if mention is not None:
            emphasis = self._style("source-view--current" if mention.primary else "source-view--secondary")
            if mention.clause is not None:
                a, b = shown.span(*mention.clause)
                overlays += [(0, size, self._style("source-view--current-rest")), (a, b, emphasis)]
            else:
                overlays.append((0, size, emphasis))
        disputed = self._style("source-view--disputed")
        overlays += [(*shown.span(a, b), disputed) for a, b in self.index.disputed(SentenceRef(self.source.id, index))]
        if index in self._matches:
            match = self._style("source-view--match")
            for a, b in self._matches[index]:
                start, end = shown.span(a, b)
                reversed_here = any(s <= start and end <= e and o.reverse for s, e, o in overlays)
                overlays.append((start, end, match + NOT_REVERSED if reversed_here else match))
        return overlays

    def _look(self, index: int, first: bool) -> tuple[Style, str, Style, str, Style]:
        """Text style, fact number, number style, gutter mark and mark style of one row of
        sentence `index`."""
        sentence = self.source.sentences[index]
        if sentence.boilerplate:
            return self._style("source-view--boilerplate"), "", Style(), " ", Style()
        style = self._style("source-view--headline") if sentence.kind is SentenceKind.HEADLINE else Style()
        ref = SentenceRef(self.source.id, index)
        mention = self._emphasis.get(index)
        fact = self._current if mention is not None else self.index.owner(ref)
        if fact is None:
            return style, "", Style(), " ", Style()
        tint = self.index.tint(fact)
        number_style = self._style("source-view--number")
        if tint is not None:
            style += self._style(TINTS[tint])
            number_style = self._style(TINTS[tint])
        if not self.index.keeps(fact, self.fact_filter):
            faded = self._style("source-view--filtered-out")
            style, number_style = style + faded, faded
        disputed = self._disputed_in(fact, ref)
        if mention is not None:
            number_style += self._style("source-view--current")
            if first:
                mark = DISAGREES if disputed else (CURRENT if mention.primary else CURRENT_ALSO)
            else:
                mark = SHARED_BAR if mention.primary else ALSO_BAR
            mark_style = self._style("source-view--disputed-mark") if disputed else Style(bold=True)
        elif fact.single_source:
            mark = ONLY_HERE if first else " "
            mark_style = self._style("source-view--only-here")
        else:
            mark = (DISAGREES if disputed else SHARED) if first else SHARED_BAR
            mark_style = self._style("source-view--disputed-mark") if disputed and first else number_style
        return style, str(self.index.number(fact)), number_style, mark, mark_style

    def _disputed_in(self, fact: Fact, ref: SentenceRef) -> bool:
        """Whether the sentence gives a disputed value in `fact` (for a sentence of another fact
        than the current one: in any of its facts)."""
        if fact is self._current:
            return any((v.source, v.sentence) == (ref.source, ref.sentence)
                       for d in fact.discrepancies for v in d.values)
        return bool(self.index.disputed(ref))


class PaneHeader(Static):
    """A pane's number and label, how much of it other sources share (or that it lacks the
    current fact), and its title when it has one: on a row of its own when most sources have
    a title, else after the rest."""

    def show(self, number: int, source: Source, index: FactIndex, missing: bool, two_rows: bool) -> None:
        coverage = index.coverage(source.id)
        top = Text(no_wrap=True, overflow="ellipsis", end="")
        top.append(f"{number} ", style="bold")
        top.append_text(safe_text(one_line(source.name), style="bold"))
        if missing:
            top.append(f"  {MISSING} not in this fact", style="italic")
        else:
            top.append(f"  {coverage.shared}/{coverage.total} shared", style="dim")
        if not two_rows:
            if source.title:  # most sources have none: the title goes beside the label
                top.append("  ")
                top.append_text(safe_text(one_line(source.title), style="italic"))
            self.update(top, layout=False)
        else:
            bottom = safe_text(one_line(source.title or ""), style="italic")
            bottom.no_wrap, bottom.overflow = True, "ellipsis"
            self.update(Text("\n", no_wrap=True, overflow="ellipsis").join([top, bottom]), layout=False)
        self.set_class(missing, "-missing")


class SourcePane(Vertical):
    """A header over a SourceView."""

    def __init__(self, number: int, source: Source, index: FactIndex, fact_filter: FactFilter,
                 two_rows: bool) -> None:
        super().__init__()
        self.number = number
        self.source = source
        self.two_rows = two_rows
        self.header = PaneHeader(markup=False, classes="pane-header" + (" -two-rows" if two_rows else ""))
        self.view = SourceView(source, index, fact_filter)
        self._missing = False

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.view

    def on_mount(self) -> None:
        self.describe(self._missing, force=True)

    @on(events.Click, ".pane-header")
    def _focus_from_header(self) -> None:
        self.post_message(SourceView.SentenceClicked(self.source.id, None))

    def describe(self, missing: bool, *, force: bool = False) -> None:
        """Refresh the header (only if it changed: a header costs a render); `missing`: this
        source lacks the current fact."""
        if missing == self._missing and not force:
            return
        self._missing = missing
        self.header.show(self.number, self.source, self.view.index, missing, self.two_rows)


def level_anchor(rows: Sequence[int], max_scrolls: Sequence[int], height: int, preferred: int) -> int | None:
    """The screen row on which every pane can show its row of the fact, nearest `preferred`,
    or None when their scroll ranges cannot put them all on one row."""
    if not rows:
        return None
    low = max([0, *(row - top for row, top in zip(rows, max_scrolls, strict=True))])
    high = min([height - 1, *rows])
    return min(max(preferred, low), high) if low <= high else None


class PaneDeck(Container, can_focus=True):
    """The row of panes: as many as fit at MIN_PANE_WIDTH, the rest reached by moving to them.
    It watches the review (bound to the screen's), the cursor and the search matches: a new
    alignment or filter restyles the panes, a new fact is emphasised and levelled, matches are
    marked. Panes out of view are brought up to date when they come into view.

    The deck holds the keyboard focus and knows which pane is the focused one (its header
    says so): moving between panes changes no widget's focus, which in Textual repaints the
    whole screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(PANE_STYLES)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="pane-page-down",
                tooltip="Scroll the focused pane down a page"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="pane-page-up",
                tooltip="Scroll the focused pane up a page"),
    ]

    review: var[Review] = var[Review](required)
    cursor: var[Cursor] = var[Cursor](required)
    matches: var[tuple[Match, ...]] = var[tuple[Match, ...]](())
    # (first pane in view, panes in view, focused pane): watched, so that what shows them is
    # drawn in the same frame as the panes (a message would arrive after that frame)
    placement: var[tuple[int, int, int]] = var((0, 1, 0))
    look_ahead: ClassVar[bool | None] = None  # draw the likely next facts' rows (None: in a terminal)

    def __init__(self, review: Review, cursor: Cursor, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.set_reactive(PaneDeck.review, review)
        self.set_reactive(PaneDeck.cursor, cursor)
        self.first = 0  # the leftmost pane in view
        self.shown = 1  # how many panes fit
        self.current = 0  # the focused pane
        self._pane_width = MIN_PANE_WIDTH
        self._level_pending = False
        self._styled = (review.index, cursor.filter)  # what the panes are drawn for
        self._emphasised: Fact | None = None
        self._stale: set[int] = set()  # panes out of view not yet emphasised and levelled for the fact
        self._panes: list[SourcePane] | None = None
        self._restyling_for_focus = False  # see watch_has_focus
        self._look_ahead_timer: Timer | None = None  # the last fact's (one at a time: a key held makes many)

    def compose(self) -> ComposeResult:
        sources = self.review.alignment.sources
        two_rows = 2 * sum(bool(s.title) for s in sources) > len(sources)  # a row for titles most sources have
        for n, source in enumerate(sources, start=1):
            yield SourcePane(n, source, self.review.index, self.cursor.filter, two_rows)

    def on_mount(self) -> None:
        self._fit()
        self.show_fact(self.cursor.fact)

    @property
    def panes(self) -> list[SourcePane]:
        """The panes, in source order (looked up once: a DOM query on every key costs)."""
        if self._panes is None:
            self._panes = list(self.query_children(SourcePane))
        return self._panes

    @property
    def in_view(self) -> range:
        return range(self.first, min(len(self.panes), self.first + self.shown))

    @property
    def in_sight(self) -> range:
        """The panes with any column on screen: those in view and the sliver of a neighbour that
        the width left over from whole panes shows. Each is drawn up to date and laid out before
        the frame: one laid out while drawing would ask for a second frame."""
        count, width = len(self.panes), self._pane_width
        left = max(0, min(self.first * width, count * width - self.size.width))
        return range(left // width, min(count, -(-(left + self.size.width) // width)))

    @property
    def focused_index(self) -> int:
        return self.current

    @property
    def focused_source(self) -> str | None:
        panes = self.panes
        return panes[self.current].source.id if panes else None

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

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle the deck alone when it gains or loses the focus: no style of the panes
        depends on it (Textual would restyle every widget of every pane, sixty for twenty
        sources, when the review opens and whenever the search bar takes the keys)."""
        self._restyling_for_focus = True
        try:
            self.app.stylesheet.update_nodes([self], animate=True)
        finally:
            self._restyling_for_focus = False

    def action_page(self, direction: int) -> None:
        panes = self.panes
        if panes:
            view = panes[self.current].view
            (view.scroll_page_down if direction > 0 else view.scroll_page_up)(animate=False)

    def notify_style_update(self) -> None:
        """A new theme: the panes draw again in its colours. Not for the focus alone (Textual
        reports every restyle of the deck as a change, and the panes would draw every row again)."""
        super().notify_style_update()
        if not self._restyling_for_focus:
            for pane in self._panes or ():
                pane.view.notify_style_update()

    def watch_review(self) -> None:
        self._follow()

    def watch_cursor(self) -> None:
        self._follow()

    def watch_matches(self, matches: tuple[Match, ...]) -> None:
        by_source: dict[str, list[Match]] = {}
        for match in matches:
            by_source.setdefault(match.ref.source, []).append(match)
        for pane in self.panes:
            pane.view.mark_matches(by_source.get(pane.source.id, ()))

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
                pane.describe(False, force=True)  # its counts changed

    def show_fact(self, fact: Fact | None) -> None:
        """Emphasise `fact` in every pane in view, bring a pane reporting it into view, and level them."""
        self._emphasised = fact
        self._stale = set(range(len(self.panes)))
        reporting = set(fact.sources) if fact is not None else set()
        self._bring_reporting_pane_into_view(reporting)
        self._catch_up(self.in_sight)
        self.level()
        if fact is not None:
            self._look_ahead_timer = look_ahead_soon(self, self._look_ahead_timer, partial(self._look_ahead, fact))

    def _catch_up(self, indices: Iterable[int]) -> None:
        """Emphasise the current fact in the panes `indices` if they are behind."""
        fact, index, panes = self._emphasised, self.review.index, self.panes
        reporting = set(fact.sources) if fact is not None else set()
        for n in indices:
            if n not in self._stale:
                continue
            self._stale.discard(n)
            pane = panes[n]
            pane.view.emphasise(fact, index.mentions_in(fact, pane.source.id) if fact is not None else ())
            pane.describe(fact is not None and pane.source.id not in reporting)

    def _bring_reporting_pane_into_view(self, reporting: set[str]) -> None:
        panes = self.panes
        in_view = panes[self.first:self.first + self.shown]
        if not reporting or any(p.source.id in reporting for p in in_view):
            return
        self.focus_pane(next(n for n, p in enumerate(panes) if p.source.id in reporting))

    def level(self) -> None:
        """Scroll every pane on screen that reports the current fact so its sentence sits on one
        screen row (those out of sight are levelled when they come into view)."""
        for view, y in self._levelled(self._emphasised):
            view.scroll_to(y=y, animate=False, immediate=True)

    def _levelled(self, fact: Fact | None) -> list[tuple[SourceView, int]]:
        """Where to scroll each pane on screen that reports `fact` to level them on it: on the
        row the panes in view can share (a sliver at the edge follows, it does not decide)."""
        index, panes, in_view = self.review.index, self.panes, self.in_view
        for n in self.in_sight:
            panes[n].view.sentence_layout  # noqa: B018 - wrapped at this width before it is drawn
        if fact is None:
            return []
        targets: list[tuple[SourceView, int, bool]] = []
        for n in self.in_sight:
            pane = panes[n]
            mentions = index.mentions_in(fact, pane.source.id)
            if mentions:
                targets.append((pane.view, pane.view.sentence_row(mentions[0].sentence), n in in_view))
        deciding = [(view, row) for view, row, deciding in targets if deciding] or [t[:2] for t in targets]
        if not deciding:
            return []
        height = max(1, deciding[0][0].size.height)
        preferred = max(1, height // 4)
        anchor = level_anchor([r for _, r in deciding], [v.max_scroll_y for v, _ in deciding], height, preferred)
        screen_row = preferred if anchor is None else anchor
        return [(view, max(0, min(row - screen_row, view.max_scroll_y))) for view, row, _ in targets]

    def _look_ahead(self, fact: Fact) -> None:
        """A moment after `fact` is shown, if it still is: draw in the panes in view the rows
        that the facts likely next would bring into view, a pane at a time so that a key pressed
        meanwhile goes first."""
        if fact is not self._emphasised or not self.is_mounted:
            return
        index = self.review.index
        work = [(view, y, f) for f in likely_next(index, fact, self.cursor.filter) for view, y in self._levelled(f)]

        def next_pane() -> None:
            if fact is not self._emphasised or not work:
                return
            view, y, nearby = work.pop(0)
            view.draw_ahead(y, nearby, index.mentions_in(nearby, view.source.id))
            self.call_later(next_pane)

        next_pane()

    def scroll_to_sentence(self, source: str, sentence: int) -> None:
        for pane in self.panes:
            if pane.source.id == source:
                view = pane.view
                view.scroll_to(y=max(0, view.sentence_row(sentence) - view.size.height // 4), animate=False)

    def view_of(self, source: str) -> SourceView | None:
        return next((p.view for p in self.panes if p.source.id == source), None)

    # -- horizontal placement -------------------------------------------------------------

    def focus_pane(self, index: int) -> None:
        """Make pane `index` (wrapping around) the focused one, and bring it into view."""
        panes = self.panes
        if not panes:
            return
        index %= len(panes)
        self.screen.set_focus(self, scroll_visible=False)  # now, not after queued keys; nothing if it has it
        if index != self.current:
            panes[self.current].header.set_class(False, "-focused")
            self.current = index
        panes[index].header.set_class(True, "-focused")
        self.reveal(index)
        self.placement = (self.first, self.shown, self.current)

    def move_focus(self, step: int, *, wrap: bool = True) -> bool:
        """Focus the pane `step` away; without `wrap`, False (and nothing moves) past either end."""
        target = self.current + step
        if not wrap and not 0 <= target < len(self.panes):
            return False
        self.focus_pane(target)
        return True

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
            self._catch_up(self.in_sight)
            self.placement = (self.first, self.shown, self.current)
            self.level()

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
        self.reveal(self.current)
        self._catch_up(self.in_sight)
        self.placement = (self.first, self.shown, self.current)

    @on(SourceView.Relaid)
    def _relevel_after_resize(self, event: SourceView.Relaid) -> None:
        event.stop()
        if not self._level_pending:
            self._level_pending = True
            self.call_after_refresh(self._level_now)

    def _level_now(self) -> None:
        self._level_pending = False
        self.level()
