"""The review screen: the sources side by side, walked one fact at a time.

The screen owns the state: the review (the alignment's index and the judgements on it), the
cursor (fact, filter, discrepancy, threshold), the search matches, the undo history and the
message of the moment. The review and cursor are immutable values; every action makes a new one
and assigns it, and the panes, the inspector and the status line watch them (bound with
`data_bind`). Re-aligning runs in a worker that returns the new alignment; the screen adopts it.
"""
from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, Literal

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input
from textual.worker import Worker, WorkerState, get_current_worker

from align.model import Alignment, Fact, SentenceRef
from align.sources import RawText
from review.cursor import Cursor
from review.destination import folders, write_new
from review.history import Change, History, Said
from review.index import FactFilter, FactIndex, FilterKind, Match, Review
from review.opening import Opened, compare
from review.report import report
from review.verdicts import CLEAR, DiscrepancyVerdict, FactVerdict, Verdict, verdict_of
from review.words import disagreement, filter_name

from .inspector import FactInspector
from .keyline import KeyLine
from .matrix import CoverageChoice, CoverageScreen
from .note import NoteScreen
from .panes import PaneDeck, SourceView
from .safe_text import clean, one_line
from .search import SearchBar
from .state import disputed, required
from .status import PanesInView, StatusLine

if TYPE_CHECKING:  # the engine that compares comes with the comparison, after the first screen
    from align.pipeline import Prepared

THRESHOLD_STEP = 0.05
LOWEST_THRESHOLD, HIGHEST_THRESHOLD = 0.05, 1.0
MESSAGE_SECONDS = 12.0  # how long the status line shows what just happened
BRIEFLY = 2.0  # ... and a remark on where a key went or why it went nowhere
CHORD_SECONDS = 2.0  # how long `]` waits for its `c`
PROGRESS_SECONDS = 0.1  # between two reports of the comparison's progress
NEEDS_FACTS = frozenset({
    "next_fact", "previous_fact", "first_fact", "last_fact", "half_page", "next_discrepancy", "previous_discrepancy",
    "chord", "next_single_source", "previous_single_source", "fact_verdict", "discrepancy_verdict",
    "cycle_discrepancy", "note", "undo", "redo", "cycle_filter", "overview", "export_report", "raise_threshold",
    "lower_threshold",
})  # actions that wait until the sources are compared
PANE_KEYS = 9

WALK = Binding.Group("Fact")
DISAGREE = Binding.Group("Disagree")
VERDICT = Binding.Group("Verdict")
CHORDS = {"]": ("next", 1), "[": ("previous", -1)}


def _pane_bindings() -> list[BindingType]:
    return [Binding(str(n), f"pane({n})", f"Pane {n}", show=False, id=f"pane-{n}", tooltip=f"Focus pane {n}")
            for n in range(1, PANE_KEYS + 1)]


class ReviewScreen(Screen[None]):
    """Review how several articles report one event, fact by fact."""

    AUTO_FOCUS = None  # the first pane, once the panes are laid out
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next_fact", "Next fact", id="next-fact", group=WALK,
                tooltip="Next fact (within the filter)"),
        Binding("k,up", "previous_fact", "Previous fact", id="previous-fact", group=WALK,
                tooltip="Previous fact (within the filter)"),
        Binding("g,home", "first_fact", "First fact", show=False, id="first-fact",
                tooltip="First fact (within the filter)"),
        Binding("G,end", "last_fact", "Last fact", show=False, id="last-fact", tooltip="Last fact (within the filter)"),
        Binding("ctrl+d", "half_page(1)", "Half a page down", show=False, id="half-page-down",
                tooltip="Half a pane further down, to the fact there"),
        Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False, id="half-page-up",
                tooltip="Half a pane further up, to the fact there"),
        Binding("n", "next_discrepancy", "Next disagreement", id="next-discrepancy", group=DISAGREE,
                tooltip="Next fact whose sources disagree (also ]c)"),
        Binding("N", "previous_discrepancy", "Previous disagreement", id="previous-discrepancy", group=DISAGREE,
                tooltip="Previous fact whose sources disagree (also [c)"),
        Binding("right_square_bracket", "chord(']')", "]c", key_display="]", show=False, id="bracket-next",
                tooltip="]c: next fact whose sources disagree, as in vimdiff"),
        Binding("left_square_bracket", "chord('[')", "[c", key_display="[", show=False, id="bracket-previous",
                tooltip="[c: previous fact whose sources disagree, as in vimdiff"),
        Binding("s", "next_single_source", "Only one source", show=False, id="next-single-source",
                tooltip="Next fact only one source has"),
        Binding("S", "previous_single_source", "Only one source, back", show=False, id="previous-single-source",
                tooltip="Previous fact only one source has"),
        Binding("c", f"fact_verdict('{FactVerdict.CONFIRMED}')", "Confirmed", id="verdict-confirmed", group=VERDICT,
                tooltip="Verdict on the fact: confirmed"),
        Binding("d", f"fact_verdict('{FactVerdict.DISPUTED}')", "Disputed", id="verdict-disputed", group=VERDICT,
                tooltip="Verdict on the fact: disputed"),
        Binding("U", f"fact_verdict('{FactVerdict.UNCLEAR}')", "Unclear", id="verdict-unclear", group=VERDICT,
                tooltip="Verdict on the fact: unclear"),
        Binding("0", "fact_verdict('')", "Clear verdict", show=False, id="verdict-clear",
                tooltip="Take the verdict off the fact (its note stays)"),
        Binding("u,ctrl+z", "undo", "Undo", id="undo", tooltip="Undo the last verdict or note"),
        Binding("ctrl+r,ctrl+y", "redo", "Redo", show=False, id="redo", tooltip="Redo what was undone"),
        Binding("r", f"discrepancy_verdict('{DiscrepancyVerdict.REAL}')", "Real", show=False, id="discrepancy-real",
                tooltip="Verdict on the current disagreement: real"),
        Binding("x", f"discrepancy_verdict('{DiscrepancyVerdict.NOT_A_DISCREPANCY}')", "Not real", show=False,
                id="discrepancy-not", tooltip="Verdict on the current disagreement: not a discrepancy"),
        Binding("semicolon", "cycle_discrepancy", "Next disagreement of the fact", key_display=";", show=False,
                id="cycle-discrepancy", tooltip="Make the fact's next disagreement the one r, x and A act on"),
        Binding("a", "note('fact')", "Note", show=False, id="note-fact", tooltip="Write a note on the fact"),
        Binding("A", "note('discrepancy')", "Note on disagreement", show=False, id="note-discrepancy",
                tooltip="Write a note on the current disagreement"),
        Binding("slash", "search", "Search", key_display="/", id="search", tooltip="Search all sources"),
        Binding("escape", "clear_search", "Clear search", show=False, id="clear-search",
                tooltip="Stop highlighting search matches"),
        Binding("f", "cycle_filter", "Filter", id="cycle-filter",
                tooltip="Cycle the filter: all, shared, disagreements, only one source, missing from the focused "
                        "source, not yet reviewed"),
        Binding("o", "overview", "Overview", id="overview", tooltip="Overview: which source has which fact"),
        Binding("E", "export_report", "Export", id="export-report",
                tooltip="Write the Markdown report to the current folder"),
        Binding("tab", "next_pane", "Next pane", show=False, priority=True, id="next-pane",
                tooltip="Focus the next source pane (after the last, the first)"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, priority=True, id="previous-pane",
                tooltip="Focus the previous source pane (before the first, the last)"),
        Binding("l,right", "pane_step(1)", "Pane right", show=False, id="pane-right",
                tooltip="Focus the pane to the right"),
        Binding("h,left", "pane_step(-1)", "Pane left", show=False, id="pane-left",
                tooltip="Focus the pane to the left"),
        *_pane_bindings(),
        Binding("i", "toggle_inspector", "Inspector", show=False, id="toggle-inspector",
                tooltip="Show or hide the fact inspector"),
        Binding("right_curly_bracket", "scroll_inspector(3)", "Inspector down", key_display="}", show=False,
                id="inspector-down", tooltip="Scroll the inspector down"),
        Binding("left_curly_bracket", "scroll_inspector(-3)", "Inspector up", key_display="{", show=False,
                id="inspector-up", tooltip="Scroll the inspector up"),
        Binding("plus,equals_sign", "raise_threshold", "Threshold +", key_display="+", show=False,
                id="raise-threshold", tooltip="Raise the matching threshold by 0.05 and re-align"),
        Binding("minus", "lower_threshold", "Threshold -", key_display="-", show=False, id="lower-threshold",
                tooltip="Lower the matching threshold by 0.05 and re-align"),
    ]

    review: var[Review] = var[Review](required)
    cursor: var[Cursor] = var[Cursor](required, always_update=True)
    panes: var[PanesInView] = var(PanesInView(1, 1, 1))
    matches: var[tuple[Match, ...]] = var[tuple[Match, ...]](())
    message: var[str] = var("")
    pending: var[str] = var("")

    def __init__(self, opened: Opened, *, inspector_height: str | None = None) -> None:
        super().__init__()
        self.session = opened.session
        self.prepared = opened.prepared
        self.history = History()
        self._inspector_height = inspector_height
        self._orphans_said = 0  # say orphans once, not on every re-alignment
        self._match_at: int | None = None  # the match shown, an index into `matches`
        self._warnings = opened.warnings
        self._message_timer: Timer | None = None
        self._remarked = False  # the message is a remark on the last key (see `remark`)
        self._chord: str | None = None
        self._chord_timer: Timer | None = None
        self.comparing: tuple[RawText, ...] = opened.comparing
        review, cursor = self._placed(opened.alignment, self.session.resume_at(opened.alignment), FactFilter())
        self.set_reactive(ReviewScreen.review, review)
        self.set_reactive(ReviewScreen.cursor, cursor)

    def compose(self) -> ComposeResult:
        yield PaneDeck(self.review, self.cursor, id="deck").data_bind(ReviewScreen.review, ReviewScreen.cursor,
                                                                        ReviewScreen.matches)
        inspector = FactInspector(self.review, self.cursor, id="inspector")
        if self._inspector_height is not None:
            inspector.styles.height = self._inspector_height
        yield inspector.data_bind(ReviewScreen.review, ReviewScreen.cursor)
        yield SearchBar(id="search")
        yield StatusLine(self.review, self.cursor, self.panes, id="status").data_bind(
            ReviewScreen.review, ReviewScreen.cursor, ReviewScreen.panes, ReviewScreen.message, ReviewScreen.pending)
        yield KeyLine(id="keys")

    def on_mount(self) -> None:
        self.watch_cursor(self.cursor)  # where the reviewer is from the start
        for warning in self._warnings:
            self.warn(warning)
        if not self.comparing:  # while the facts are still being found, every verdict would look orphaned
            self._say_orphans(self.review)
        self.watch(self.deck, "placement", self._follow_pane)
        self.deck.focus_pane(0)
        if self.comparing:
            self.message = f"Comparing the {len(self.comparing)} sources…"
            # after the articles are on screen: the comparison holds the interpreter while it runs
            self.call_after_refresh(self.compare, self.comparing, self.cursor.threshold)
        else:
            self.call_after_refresh(self._settle_memory)

    def _settle_memory(self) -> None:
        """Once the review is open: collect what opening it left, and exempt everything alive now
        (the alignment, its index, the widgets) from later collections. Python's full collections
        otherwise walk all of it now and then, stalling a key press for 25-65 ms (measured). Not
        in tests (headless), which open many apps in one process."""
        if not self.app.is_headless:
            gc.collect()
            gc.freeze()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Until the sources are compared there are no facts: the keys that walk or judge them wait."""
        return None if self.comparing and action in NEEDS_FACTS else True

    @work(thread=True, exclusive=True, group="compare")
    def compare(self, raws: tuple[RawText, ...], threshold: float) -> tuple[Alignment, Prepared]:
        """Compare the sources (the costly part), saying how far it got; the screen adopts the result."""
        last = 0.0

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_SECONDS and not get_current_worker().is_cancelled:
                last = now
                self.app.call_from_thread(self._say_progress, done, total)

        return compare(raws, threshold, progress)

    def _say_progress(self, done: int, total: int) -> None:
        if self.comparing:
            self.message = f"Comparing the {len(self.comparing)} sources… {100 * done // max(1, total)}%"

    def _compared(self, alignment: Alignment, prepared: Prepared) -> None:
        """The facts are in: show them, where the reviewer left off."""
        self.prepared = prepared
        self.comparing = ()
        self.message = ""
        self._adopt(alignment, self.session.resume_at(alignment), said=False)
        for warning in prepared.warnings:
            self.warn(warning)
        self.refresh_bindings()
        self.call_after_refresh(self._settle_memory)

    @property
    def deck(self) -> PaneDeck:
        return self.query_one(PaneDeck)

    @property
    def inspector(self) -> FactInspector:
        return self.query_one(FactInspector)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def warn(self, message: str) -> None:
        self.notify(clean(message), severity="warning", timeout=10, markup=False)

    def say(self, message: str, seconds: float = MESSAGE_SECONDS) -> None:
        """Show `message` in the status line for a while (a path in it is shown whole): drawn
        with the key's own frame, where a toast takes frames of its own and covers the screen."""
        self._remarked = False
        self.message = message
        if self._message_timer is not None:
            self._message_timer.stop()
        self._message_timer = self.set_timer(seconds, self._unsay)

    def remark(self, message: str) -> None:
        """Say, for a moment, where a key went or why it went nowhere: until the next fact is
        gone to (the remark was about the last one) or `BRIEFLY` has passed."""
        self.say(message, BRIEFLY)
        self._remarked = True

    def _unsay(self) -> None:
        self.message = ""

    # -- the state ------------------------------------------------------------------------

    def _placed(self, alignment: Alignment, anchor: SentenceRef | None, fact_filter: FactFilter,
                threshold: float | None = None) -> tuple[Review, Cursor]:
        """The review of `alignment`, and a cursor on the fact that holds `anchor` (or the
        first fact the filter keeps)."""
        index = FactIndex(alignment)
        review = self.session.review(index)
        fact_filter = fact_filter.following(review)
        fact = (index.owner(anchor) if anchor is not None else None) or index.step(None, fact_filter, 1) \
            or next(iter(index.facts), None)
        return review, Cursor(fact, alignment.threshold if threshold is None else threshold, fact_filter)

    def watch_cursor(self, cursor: Cursor) -> None:
        self.session.remember(self.review.alignment, cursor.threshold, cursor.fact)

    def _say_orphans(self, review: Review) -> None:
        orphaned = len(review.attached.orphans)
        if orphaned and orphaned != self._orphans_said:
            self._orphans_said = orphaned
            self.notify(f"{orphaned} verdict(s) or note(s) concern sentences or disagreements not found now: "
                        "kept in the review file and listed in the report (E).", severity="warning", timeout=8)

    def _go(self, fact: Fact) -> None:
        if self._remarked:
            self._unsay()
        self.cursor = self.cursor.on(fact)

    def _filter(self, fact_filter: FactFilter) -> None:
        self.cursor = self.cursor.filtered(fact_filter, self.review.index)

    def _follow_pane(self) -> None:
        """The status line counts the panes in view; 'missing from' follows the focused pane,
        so tabbing through panes walks each source's gaps."""
        deck = self.deck
        total = len(deck.panes)
        self.panes = PanesInView(min(total, deck.first + 1), min(total, deck.first + deck.shown), total)
        source, fact_filter = deck.focused_source, self.cursor.filter
        if fact_filter.kind is FilterKind.MISSING and source and source != fact_filter.source:
            self._filter(replace(fact_filter, source=source))

    @on(SourceView.SentenceClicked)
    def _select_clicked(self, event: SourceView.SentenceClicked) -> None:
        """A click focuses its pane and selects the sentence's fact; on a sentence of the current
        fact that reports several, the next of them."""
        deck = self.deck
        deck.focus_pane(next(n for n, p in enumerate(deck.panes) if p.source.id == event.source))
        if event.sentence is None:
            return
        ref = SentenceRef(event.source, event.sentence)
        facts = self.review.index.facts_of(ref)
        current = self.cursor.fact
        if current in facts and len(facts) > 1:
            self._go(facts[(facts.index(current) + 1) % len(facts)])
        elif (fact := self.review.index.owner(ref)) is not None:
            self._go(fact)

    # -- keys pressed in two --------------------------------------------------------------

    def action_chord(self, first: str) -> None:
        """`]` or `[`: wait a moment for the `c` that makes it ]c / [c (vimdiff's next and
        previous change); any other key cancels it and does what it does."""
        self._chord = first
        self.pending = f"{first}c: {CHORDS[first][0]} disagreement — press c"
        if self._chord_timer is not None:
            self._chord_timer.stop()
        self._chord_timer = self.set_timer(CHORD_SECONDS, self._cancel_chord)

    def _cancel_chord(self) -> None:
        self._chord = None
        self.pending = ""

    async def on_key(self, event: events.Key) -> None:
        """The second key of ]c / [c, before the bindings see it (they would record a verdict)."""
        first = self._chord
        if first is None or event.key in ("right_square_bracket", "left_square_bracket"):
            return
        self._cancel_chord()
        if event.key == "c":
            event.stop()
            event.prevent_default()
            self._seek_discrepancy(CHORDS[first][1])

    # -- re-aligning ----------------------------------------------------------------------

    def _change_threshold(self, step: float) -> None:
        if self.prepared is None:
            self.notify("This alignment was built before the app started; its threshold is fixed.", severity="warning")
            return
        cursor = self.cursor
        wanted = round(min(HIGHEST_THRESHOLD, max(LOWEST_THRESHOLD, cursor.threshold + step)), 2)
        if wanted == cursor.threshold:
            self.notify(f"The threshold is already at its limit, {wanted:.2f}.", timeout=2)
            return
        self.cursor = replace(cursor, threshold=wanted)
        self.realign(self.prepared, wanted, self._anchor())

    def _anchor(self) -> SentenceRef | None:
        """The sentence to stay on across a re-alignment: the current fact's, in the focused pane."""
        fact = self.cursor.fact
        if fact is None or not fact.primary:
            return None
        focused = self.deck.focused_source
        return next((m for m in fact.primary if m.source == focused), fact.primary[0]).ref

    @work(thread=True, exclusive=True, group="realign")
    def realign(self, prepared: Prepared, threshold: float,
                anchor: SentenceRef | None) -> tuple[Alignment, SentenceRef | None]:
        """Regroup at `threshold` from the prepared comparison: fast, but still off the loop."""
        from align.pipeline import regroup  # noqa: PLC0415 - imported by comparing, after the first screen

        return regroup(prepared, threshold), anchor

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if event.state is not WorkerState.SUCCESS or result is None:
            return
        if event.worker.group == "compare":
            self._compared(*result)
        elif event.worker.group == "realign":
            alignment, anchor = result
            if alignment.threshold == self.cursor.threshold:  # else the reviewer pressed +/- again since
                self._adopt(alignment, anchor)

    def _adopt(self, alignment: Alignment, anchor: SentenceRef | None, *, said: bool = True) -> None:
        before = len(self.review.index.facts)
        previous = self.cursor.fact
        review, cursor = self._placed(alignment, anchor, self.cursor.filter)
        if previous is not None and (same := review.index.fact(previous.id)) is not None:
            cursor = cursor.on(same)  # the same fact, by its id, where it still exists
        self._say_orphans(review)
        self.review = review
        self.cursor = cursor
        self._refresh_matches()
        if said:
            shared = len(review.index.visible(FactFilter(FilterKind.SHARED)))
            self.notify(f"Threshold {alignment.threshold:.2f}: {len(alignment.facts)} facts, {shared} shared "
                        f"(was {before}).", timeout=2)

    # -- walking --------------------------------------------------------------------------

    def _step(self, direction: int) -> None:
        index, cursor = self.review.index, self.cursor
        fact = index.step(cursor.fact, cursor.filter, direction)
        label = one_line(filter_name(cursor.filter, index))
        if fact is None and not index.visible(cursor.filter):
            self.remark(f"No facts match the filter ({label}).")
        elif fact is None:
            where = "last" if direction > 0 else "first"
            self.remark(f"This is the {where} fact ({label}).")
        else:
            self._go(fact)

    def _seek(self, wanted: Callable[[Fact], bool], direction: int, what: str) -> None:
        index = self.review.index
        fact, wrapped = index.seek(self.cursor.fact, wanted, direction)
        if fact is None:
            if any(wanted(f) for f in index.facts):
                self.remark(f"No other {what}.")
            else:
                self.remark(f"No {what} at threshold {self.cursor.threshold:.2f}.")
            return
        self._go(fact)
        if wrapped:
            self.remark("Wrapped around.")

    def _seek_discrepancy(self, direction: int) -> None:
        self._seek(disputed, direction, "fact whose sources disagree")

    def action_next_fact(self) -> None:
        self._step(1)

    def action_previous_fact(self) -> None:
        self._step(-1)

    def action_first_fact(self) -> None:
        self._end(1)

    def action_last_fact(self) -> None:
        self._end(-1)

    def _end(self, direction: int) -> None:
        fact = self.review.index.step(None, self.cursor.filter, direction)
        if fact is None:
            self._step(direction)  # says why not
        else:
            self._go(fact)

    def action_half_page(self, direction: int) -> None:
        """Half the focused pane's height down (or up) from the current fact's sentence there,
        to the first fact the filter keeps from that row on (or back)."""
        deck, index, cursor = self.deck, self.review.index, self.cursor
        if not deck.panes:
            return
        view = deck.panes[deck.current].view
        layout = view.sentence_layout
        mentions = index.mentions_in(cursor.fact, view.source.id) if cursor.fact is not None else ()
        here = view.sentence_row(mentions[0].sentence) if mentions else round(view.scroll_y) + view.size.height // 4
        row = here + direction * max(1, view.size.height // 2)
        rows = range(max(0, row), len(layout.rows)) if direction > 0 else range(min(row, len(layout.rows) - 1), -1, -1)
        for r in rows:
            sentence = layout.sentence_at(r)
            fact = index.owner(SentenceRef(view.source.id, sentence)) if sentence is not None else None
            if fact is not None and fact is not cursor.fact and index.keeps(fact, cursor.filter):
                self._go(fact)
                return
        self._end(-direction)

    def action_next_discrepancy(self) -> None:
        self._seek_discrepancy(1)

    def action_previous_discrepancy(self) -> None:
        self._seek_discrepancy(-1)

    def action_next_single_source(self) -> None:
        self._seek(lambda f: f.single_source, 1, "fact only one source has")

    def action_previous_single_source(self) -> None:
        self._seek(lambda f: f.single_source, -1, "fact only one source has")

    def action_next_pane(self) -> None:
        self.deck.move_focus(1)

    def action_previous_pane(self) -> None:
        self.deck.move_focus(-1)

    def action_pane_step(self, step: int) -> None:
        if not self.deck.move_focus(step, wrap=False):
            self.remark(f"This is the {'last' if step > 0 else 'first'} pane.")

    def action_pane(self, number: int) -> None:
        panes = self.deck.panes
        if number > len(panes):
            self.remark(f"There are {len(panes)} panes.")
        else:
            self.deck.focus_pane(number - 1)

    def action_cycle_filter(self) -> None:
        source = self.deck.focused_source or self.review.index.source_ids[0]
        self._filter(self.cursor.filter.cycled(source, self.review.reviewed_ids))

    def action_toggle_inspector(self) -> None:
        self.inspector.collapsed = not self.inspector.collapsed

    def action_scroll_inspector(self, rows: int) -> None:
        self.inspector.scroll_lines(rows)

    def action_raise_threshold(self) -> None:
        self._change_threshold(THRESHOLD_STEP)

    def action_lower_threshold(self) -> None:
        self._change_threshold(-THRESHOLD_STEP)

    def action_overview(self) -> None:
        cursor = self.cursor
        screen = CoverageScreen(self.review.index, cursor.filter, cursor.fact.id if cursor.fact else None,
                                self.deck.focused_source, self.review.reviewed_ids)
        self.app.push_screen(screen, self._leave_overview)

    def _leave_overview(self, choice: CoverageChoice | None) -> None:
        if choice is None:
            return
        self._filter(choice.fact_filter)
        fact = self.review.index.fact(choice.fact_id)
        if fact is not None:
            self._go(fact)

    def leave(self) -> None:
        """Keep the reviewer's place for next time (the app is quitting)."""
        problem = self.session.leave()
        if problem:
            self.warn(problem)

    # -- judging --------------------------------------------------------------------------

    @staticmethod
    def _said(review: Review, fact: Fact, discrepancy: int | None) -> Said:
        judged = review.judged(fact)
        judgement = judged.fact if discrepancy is None else judged.discrepancies.get(discrepancy)
        return Said() if judgement is None else Said(judgement.verdict, judgement.note)

    def _record(self, fact: Fact, *, discrepancy: int | None = None, verdict: Verdict | Literal[""] | None = None,
                note: str | None = None, undoable: bool = True) -> None:
        """Record on `fact`, save, and show it; the 'not yet reviewed' filter moves on."""
        before = self._said(self.review, fact, discrepancy)
        review, problem = self.session.record(self.review, fact, discrepancy=discrepancy, verdict=verdict, note=note)
        if problem:
            self.warn(problem)
        if undoable:
            after = self._said(review, fact, discrepancy)
            self.history = self.history.recorded(Change(fact, discrepancy, before, after))
        self.review = review
        self._filter(self.cursor.filter.following(review))

    def action_fact_verdict(self, verdict: str) -> None:
        if self.cursor.fact is not None:
            self._record(self.cursor.fact, verdict=verdict_of(verdict) if verdict else CLEAR)

    def _discrepancy_to_judge(self) -> int | None:
        index = self.cursor.current_discrepancy
        if index is None:
            self.remark("This fact has no disagreement to judge.")
        return index

    def action_discrepancy_verdict(self, verdict: str) -> None:
        index = self._discrepancy_to_judge()
        if index is not None and self.cursor.fact is not None:
            self._record(self.cursor.fact, discrepancy=index, verdict=verdict_of(verdict))

    def action_cycle_discrepancy(self) -> None:
        index, fact = self._discrepancy_to_judge(), self.cursor.fact
        if index is not None and fact is not None:
            self.cursor = replace(self.cursor, discrepancy=(index + 1) % len(fact.discrepancies))

    def action_undo(self) -> None:
        change, history = self.history.undo()
        self._replay(change, history, "Undone", "Nothing to undo.")

    def action_redo(self) -> None:
        change, history = self.history.redo()
        self._replay(change, history, "Redone", "Nothing to redo.")

    def _replay(self, change: Change | None, history: History, done: str, nothing: str) -> None:
        """Record `change` (an undo or a redo), go to its fact, and say what it did."""
        if change is None:
            self.say(nothing)
            return
        self._record(change.fact, discrepancy=change.discrepancy, verdict=change.after.verdict or CLEAR,
                     note=change.after.note, undoable=False)
        self.history = history
        index = self.review.index
        fact = index.fact(change.fact.id) or (index.owner(change.fact.primary[0].ref) if change.fact.primary else None)
        if fact is not None:
            self._go(fact)
        what = "verdict" if change.before.verdict != change.after.verdict else "note"
        on = "" if change.discrepancy is None else \
            f", disagreement {change.discrepancy + 1} ({disagreement(change.fact.discrepancies[change.discrepancy])})"
        now = change.after.verdict or ("no verdict" if what == "verdict" else "the note as it was")
        number = f"fact {index.number(fact)}" if fact is not None else f"fact {change.fact.id}"
        self.say(f"{done}: {what} on {number}{on} is now {now}.")

    def action_note(self, on: str) -> None:
        fact = self.cursor.fact
        if fact is None:
            return
        index = self._discrepancy_to_judge() if on == "discrepancy" else None
        if on == "discrepancy" and index is None:
            return
        judged = self.review.judged(fact)
        judgement = judged.fact if index is None else judged.discrepancies.get(index)
        number = self.review.index.number(fact)
        about = f"fact {number}" if index is None else \
            f"fact {number}, disagreement {index + 1} ({disagreement(fact.discrepancies[index])})"

        def keep(note: str | None) -> None:
            if note is not None:  # on the fact the dialog was opened for, whatever happened since
                self._record(fact, discrepancy=index, note=note)

        self.app.push_screen(NoteScreen(about, judgement.note if judgement else ""), keep)

    def action_export_report(self) -> None:
        name = f"parallax-report-{time.strftime('%Y%m%d-%H%M%S')}.md"
        try:
            target = write_new(folders(self.session.path), name, report(self.review))
        except OSError as err:
            self.say(f"Could not write the report to {err.filename}: {err.strerror or err}")
            return
        self.say(f"Report written to {target}")

    # -- search ---------------------------------------------------------------------------

    def action_search(self) -> None:
        self.search_bar.open()

    def action_clear_search(self) -> None:
        self.matches = ()
        self._match_at = None

    @on(Input.Changed, "#search-input")
    def _search_as_typed(self, event: Input.Changed) -> None:
        self.matches = self.review.index.matches(event.value)
        self._match_at = None
        self._show_match(0)

    @on(Input.Submitted, "#search-input")
    def _search_next(self, event: Input.Submitted) -> None:
        self._show_match(0 if self._match_at is None else self._match_at + 1)

    def _refresh_matches(self) -> None:
        """After a re-alignment: the same query, the same place if it is still a match."""
        query = self.search_bar.value
        if self.matches:
            shown = self.matches[self._match_at] if self._match_at is not None else None
            self.matches = self.review.index.matches(query)
            self._match_at = self.matches.index(shown) if shown in self.matches else None

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        hit = self.matches[self._match_at].ref if self._match_at is not None else None
        deck = self.deck
        deck.focus_pane(next((n for n, p in enumerate(deck.panes) if hit and p.source.id == hit.source), deck.current))

    def _show_match(self, number: int) -> None:
        """Go to match `number` (wrapping around): its fact, its pane, its sentence; say which
        match of how many, or that there is none."""
        matches, bar = self.matches, self.search_bar
        if not matches:
            self._match_at = None
            bar.count(None, 0, bar.value)
            return
        self._match_at = number % len(matches)
        bar.count(self._match_at + 1, len(matches), bar.value)
        hit = matches[self._match_at].ref
        index = self.review.index
        self.deck.reveal(index.source_ids.index(hit.source))
        fact = index.owner(hit)
        if fact is not None:
            self._go(fact)
        first = index.mentions_in(fact, hit.source)[0].sentence if fact is not None and fact.sources else None
        if first != hit.sentence:
            self.deck.scroll_to_sentence(hit.source, hit.sentence)
