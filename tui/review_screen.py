"""The review screen: the sources side by side, walked one fact at a time.

The screen owns the state: the review (the alignment's index and the judgements on it) and the
cursor (fact, filter, discrepancy, threshold). Both are immutable values; every action makes a
new one and assigns it, and the panes, the inspector and the status line watch them (bound with
`data_bind`). Re-aligning runs in a worker that returns the new alignment; the screen adopts it.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar, Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input
from textual.worker import Worker, WorkerState

from align.model import Alignment, Fact, SentenceRef
from align.pipeline import Prepared, regroup
from review.cursor import Cursor
from review.index import FactFilter, FactIndex, FilterKind, Review
from review.opening import Opened
from review.verdicts import CLEAR, DiscrepancyVerdict, FactVerdict, Verdict, verdict_of

from .inspector import FactInspector
from .matrix import CoverageChoice, CoverageScreen
from .note import NoteScreen
from .panes import PaneDeck, SourceView
from .safe_text import clean
from .search import SearchBar
from .state import required
from .status import PanesInView, StatusLine

THRESHOLD_STEP = 0.05
LOWEST_THRESHOLD, HIGHEST_THRESHOLD = 0.05, 1.0


class ReviewScreen(Screen[None]):
    """Review how several articles report one event, fact by fact."""

    AUTO_FOCUS = None  # the first pane, once the panes are laid out
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "next_fact", "Next", id="next-fact", tooltip="Next fact (within the filter)"),
        Binding("k,up", "previous_fact", "Prev", id="previous-fact", tooltip="Previous fact (within the filter)"),
        Binding("n", "next_discrepancy", "Disagree", id="next-discrepancy", tooltip="Next fact whose sources disagree"),
        Binding("N", "previous_discrepancy", "Prev discrepancy", show=False, id="previous-discrepancy",
                tooltip="Previous fact whose sources disagree"),
        Binding("u", "next_single_source", "Only here", show=False, id="next-single-source",
                tooltip="Next fact only one source reports"),
        Binding("tab", "next_pane", "Next pane", show=False, priority=True, id="next-pane",
                tooltip="Focus the next source pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, priority=True, id="previous-pane",
                tooltip="Focus the previous source pane"),
        Binding("l,right", "next_pane", "Pane right", show=False, id="pane-right",
                tooltip="Focus the pane to the right"),
        Binding("h,left", "previous_pane", "Pane left", show=False, id="pane-left",
                tooltip="Focus the pane to the left"),
        Binding("slash", "search", "Search", key_display="/", id="search", tooltip="Search all sources"),
        Binding("f", "cycle_filter", "Filter", id="cycle-filter",
                tooltip="Cycle the filter: all, shared, discrepancies, single-source, missing from the focused source"),
        Binding("o", "overview", "Overview", id="overview", tooltip="Overview: coverage matrix of facts x sources"),
        Binding("i", "toggle_inspector", "Inspector", show=False, id="toggle-inspector",
                tooltip="Show or hide the fact inspector"),
        Binding("right_square_bracket", "scroll_inspector(3)", "Inspector down", key_display="]", show=False,
                id="inspector-down", tooltip="Scroll the inspector down"),
        Binding("left_square_bracket", "scroll_inspector(-3)", "Inspector up", key_display="[", show=False,
                id="inspector-up", tooltip="Scroll the inspector up"),
        Binding("plus,equals_sign", "raise_threshold", "Threshold +", key_display="+", show=False,
                id="raise-threshold", tooltip="Raise the matching threshold by 0.05 and re-align"),
        Binding("minus", "lower_threshold", "Threshold -", key_display="-", show=False, id="lower-threshold",
                tooltip="Lower the matching threshold by 0.05 and re-align"),
        Binding("c", f"fact_verdict('{FactVerdict.CONFIRMED}')", "Confirm", id="verdict-confirmed",
                tooltip="Verdict on the fact: confirmed"),
        Binding("d", f"fact_verdict('{FactVerdict.DISPUTED}')", "Dispute", id="verdict-disputed",
                tooltip="Verdict on the fact: disputed"),
        Binding("U", f"fact_verdict('{FactVerdict.UNCLEAR}')", "Unclear", show=False, id="verdict-unclear",
                tooltip="Verdict on the fact: unclear"),
        Binding("0", f"fact_verdict('{CLEAR}')", "Clear verdict", show=False, id="verdict-clear",
                tooltip="Clear the verdict on the fact (its note stays)"),
        Binding("r", f"discrepancy_verdict('{DiscrepancyVerdict.REAL}')", "Real", show=False,
                id="discrepancy-real", tooltip="Verdict on the current discrepancy: real"),
        Binding("x", f"discrepancy_verdict('{DiscrepancyVerdict.NOT_A_DISCREPANCY}')", "False alarm",
                show=False, id="discrepancy-not", tooltip="Verdict on the current discrepancy: not a discrepancy"),
        Binding("semicolon", "cycle_discrepancy", "Next in fact", key_display=";", show=False,
                id="cycle-discrepancy", tooltip="Make the fact's next discrepancy the current one"),
        Binding("a", "note('fact')", "Note", id="note-fact", tooltip="Write a note on the fact"),
        Binding("A", "note('discrepancy')", "Note on discrepancy", show=False, id="note-discrepancy",
                tooltip="Write a note on the current discrepancy"),
        Binding("E", "export_report", "Export", show=False, id="export-report",
                tooltip="Export the Markdown report beside the review file"),
    ]

    review: var[Review] = var[Review](required)
    cursor: var[Cursor] = var[Cursor](required, always_update=True)
    panes: var[PanesInView] = var(PanesInView(1, 1, 1))

    def __init__(self, opened: Opened) -> None:
        super().__init__()
        self.session = opened.session
        self.prepared = opened.prepared
        self._orphans_said = 0  # say orphans once, not on every re-alignment
        self._search_hit: SentenceRef | None = None
        self._warnings = opened.warnings
        review, cursor = self._placed(opened.alignment, self.session.resume_at(opened.alignment), FactFilter())
        self.set_reactive(ReviewScreen.review, review)
        self.set_reactive(ReviewScreen.cursor, cursor)

    def compose(self) -> ComposeResult:
        yield PaneDeck(self.review, self.cursor, id="deck").data_bind(ReviewScreen.review, ReviewScreen.cursor)
        yield FactInspector(self.review, self.cursor, id="inspector").data_bind(ReviewScreen.review,
                                                                                 ReviewScreen.cursor)
        yield SearchBar(id="search")
        yield StatusLine(self.review, self.cursor, self.panes, id="status").data_bind(
            ReviewScreen.review, ReviewScreen.cursor, ReviewScreen.panes)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch_cursor(self.cursor)  # where the reviewer is from the start
        for warning in self._warnings:
            self.warn(warning)
        self._say_orphans(self.review)
        self.deck.focus_pane(0)

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
            self.notify(f"{orphaned} verdict(s) or note(s) concern sentences or discrepancies not found now: "
                        "kept in the review file and listed in the report (E).", severity="warning", timeout=8)

    def _go(self, fact: Fact) -> None:
        self.cursor = self.cursor.on(fact)

    def _filter(self, fact_filter: FactFilter) -> None:
        self.cursor = self.cursor.filtered(fact_filter, self.review.index)

    @on(PaneDeck.Moved)
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
        fact = self.review.index.owner(SentenceRef(event.source, event.sentence))
        if fact is not None:
            self._go(fact)

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
        return regroup(prepared, threshold), anchor

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        result = event.worker.result
        if event.state is WorkerState.SUCCESS and event.worker.group == "realign" and result is not None:
            alignment, anchor = result
            if alignment.threshold == self.cursor.threshold:  # else the reviewer pressed +/- again since
                self._adopt(alignment, anchor)

    def _adopt(self, alignment: Alignment, anchor: SentenceRef | None) -> None:
        before = len(self.review.index.facts)
        review, cursor = self._placed(alignment, anchor, self.cursor.filter)
        self._say_orphans(review)
        self.review = review
        self.cursor = cursor
        shared = len(review.index.visible(FactFilter(FilterKind.SHARED)))
        self.notify(f"Threshold {alignment.threshold:.2f}: {len(alignment.facts)} facts, {shared} shared "
                    f"(was {before}).", timeout=2)

    # -- walking --------------------------------------------------------------------------

    def _step(self, direction: int) -> None:
        index, cursor = self.review.index, self.cursor
        fact = index.step(cursor.fact, cursor.filter, direction)
        if fact is None and not index.visible(cursor.filter):
            self.notify(clean(f"No facts match the filter ({cursor.filter.label})."), timeout=2, markup=False)
        elif fact is None:
            where = "last" if direction > 0 else "first"
            self.notify(clean(f"This is the {where} fact ({cursor.filter.label})."), timeout=2, markup=False)
        else:
            self._go(fact)

    def _seek(self, wanted: Callable[[Fact], bool], direction: int, what: str) -> None:
        index = self.review.index
        fact, wrapped = index.seek(self.cursor.fact, wanted, direction)
        if fact is None:
            if any(wanted(f) for f in index.facts):
                self.notify(f"No other {what}.", timeout=2)
            else:
                self.notify(f"No {what} at threshold {self.cursor.threshold:.2f}.", timeout=3)
            return
        if wrapped:
            self.notify("Wrapped around.", timeout=1.5)
        self._go(fact)

    def action_next_fact(self) -> None:
        self._step(1)

    def action_previous_fact(self) -> None:
        self._step(-1)

    def action_next_discrepancy(self) -> None:
        self._seek(lambda f: bool(f.discrepancies), 1, "discrepancy")

    def action_previous_discrepancy(self) -> None:
        self._seek(lambda f: bool(f.discrepancies), -1, "discrepancy")

    def action_next_single_source(self) -> None:
        self._seek(lambda f: f.single_source, 1, "single-source fact")

    def action_next_pane(self) -> None:
        self.deck.move_focus(1)

    def action_previous_pane(self) -> None:
        self.deck.move_focus(-1)

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

    def _record(self, fact: Fact, *, discrepancy: int | None = None, verdict: Verdict | Literal[""] | None = None,
                note: str | None = None) -> None:
        """Record on `fact`, save, and show it; the 'not yet reviewed' filter moves on."""
        review, problem = self.session.record(self.review, fact, discrepancy=discrepancy, verdict=verdict, note=note)
        if problem:
            self.warn(problem)
        self.review = review
        self._filter(self.cursor.filter.following(review))

    def action_fact_verdict(self, verdict: str) -> None:
        if self.cursor.fact is not None:
            self._record(self.cursor.fact, verdict=verdict_of(verdict) if verdict else CLEAR)

    def _discrepancy_to_judge(self) -> int | None:
        index = self.cursor.current_discrepancy
        if index is None:
            self.notify("This fact has no discrepancy to judge.", timeout=2)
        return index

    def action_discrepancy_verdict(self, verdict: str) -> None:
        index = self._discrepancy_to_judge()
        if index is not None and self.cursor.fact is not None:
            self._record(self.cursor.fact, discrepancy=index, verdict=verdict_of(verdict))

    def action_cycle_discrepancy(self) -> None:
        index, fact = self._discrepancy_to_judge(), self.cursor.fact
        if index is not None and fact is not None:
            self.cursor = replace(self.cursor, discrepancy=(index + 1) % len(fact.discrepancies))

    def action_note(self, on: str) -> None:
        fact = self.cursor.fact
        if fact is None:
            return
        index = self._discrepancy_to_judge() if on == "discrepancy" else None
        if on == "discrepancy" and index is None:
            return
        judged = self.review.judged(fact)
        judgement = judged.fact if index is None else judged.discrepancies.get(index)
        about = fact.id if index is None else f"{fact.id}, discrepancy {index + 1} ({fact.discrepancies[index].kind})"

        def keep(note: str | None) -> None:
            if note is not None:  # on the fact the dialog was opened for, whatever happened since
                self._record(fact, discrepancy=index, note=note)

        self.app.push_screen(NoteScreen(about, judgement.note if judgement else ""), keep)

    def action_export_report(self) -> None:
        try:
            target = self.session.export(self.review)
        except OSError as err:
            self.notify(clean(f"Could not write the report to {err.filename}: {err.strerror or err}"),
                        severity="error", markup=False)
            return
        self.notify(clean(f"Report written to {target}"), timeout=6, markup=False)

    # -- search ---------------------------------------------------------------------------

    def action_search(self) -> None:
        self._search_hit = None
        self.search_bar.open()

    @on(Input.Changed, "#search")
    def _search_as_typed(self, event: Input.Changed) -> None:
        self._jump_to_match(event.value, after=None)

    @on(Input.Submitted, "#search")
    def _search_next(self, event: Input.Submitted) -> None:
        self._jump_to_match(event.value, after=self._search_hit)

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
        hit = self._search_hit
        panes = self.deck.panes
        index = next((n for n, p in enumerate(panes) if hit and p.source.id == hit.source), self.deck.first)
        self.deck.focus_pane(index)

    def _jump_to_match(self, query: str, after: SentenceRef | None) -> None:
        """Select the fact of the first sentence after `after` that contains `query`."""
        index = self.review.index
        hit = index.search(query, after)
        self.search_bar.set_class(bool(query.strip()) and hit is None, "-no-match")
        if hit is None:
            return
        self._search_hit = hit
        self.deck.reveal(index.source_ids.index(hit.source))
        fact = index.owner(hit)
        if fact is not None:
            self._go(fact)
        first = index.mentions_in(fact, hit.source)[0].sentence if fact is not None else None
        if first != hit.sentence:
            self.deck.scroll_to_sentence(hit.source, hit.sentence)
