"""Parallax's review app: the sources side by side, walked one fact at a time.

The app owns the review state — the alignment, the current fact, the filter, the threshold —
and hands each widget only what it draws. Reading and comparing run in a thread worker, so the
loading state paints at once; re-aligning at a new threshold reuses the prepared comparison.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, LoadingIndicator, Static
from textual.worker import get_current_worker

from align.model import Alignment, Fact, SentenceRef
from align.pipeline import DEFAULT_THRESHOLD, Prepared, prepare, regroup
from align.sources import InputError, RawText, read_texts
from review.index import FactFilter, FilterKind, Review
from review.session import ReviewSession
from review.verdicts import DiscrepancyVerdict, FactVerdict

from .help import HelpScreen, KeySection, describe
from .inspector import FactInspector, Judged
from .matrix import CoverageChoice, CoverageScreen
from .note import NoteScreen
from .panes import PaneDeck, SourceView
from .safe_text import clean
from .search import SearchBar
from .status import Position, StatusLine

THRESHOLD_STEP = 0.05
LOWEST_THRESHOLD, HIGHEST_THRESHOLD = 0.05, 1.0
PROGRESS_INTERVAL = 0.1  # seconds between loading-progress repaints


class ParallaxApp(App[InputError | None]):
    """Review how several articles report one event, fact by fact."""

    CSS_PATH = "app.tcss"
    TITLE = "Parallax"
    AUTO_FOCUS = None  # nothing until the panes exist: keys pressed while loading reach the app
    BINDINGS = [
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
        Binding("l,right", "next_pane", "Pane right", show=False, id="pane-right", tooltip="Focus the pane to the right"),
        Binding("h,left", "previous_pane", "Pane left", show=False, id="pane-left", tooltip="Focus the pane to the left"),
        Binding("slash", "search", "Search", key_display="/", id="search", tooltip="Search all sources"),
        Binding("f", "cycle_filter", "Filter", id="cycle-filter",
                tooltip="Cycle the filter: all, shared, discrepancies, single-source, missing from the focused source"),
        Binding("o", "overview", "Overview", id="overview", tooltip="Overview: coverage matrix of facts x sources"),
        Binding("i", "toggle_inspector", "Inspector", show=False, id="toggle-inspector", tooltip="Show or hide the fact inspector"),
        Binding("right_square_bracket", "scroll_inspector(3)", "Inspector down", key_display="]", show=False,
                id="inspector-down", tooltip="Scroll the inspector down"),
        Binding("left_square_bracket", "scroll_inspector(-3)", "Inspector up", key_display="[", show=False,
                id="inspector-up", tooltip="Scroll the inspector up"),
        Binding("plus,equals_sign", "raise_threshold", "Threshold +", key_display="+", show=False, id="raise-threshold",
                tooltip="Raise the matching threshold by 0.05 and re-align"),
        Binding("minus", "lower_threshold", "Threshold -", key_display="-", show=False, id="lower-threshold",
                tooltip="Lower the matching threshold by 0.05 and re-align"),
        Binding("c", f"fact_verdict('{FactVerdict.CONFIRMED.value}')", "Confirm", id="verdict-confirmed",
                tooltip="Verdict on the fact: confirmed"),
        Binding("d", f"fact_verdict('{FactVerdict.DISPUTED.value}')", "Dispute", id="verdict-disputed",
                tooltip="Verdict on the fact: disputed"),
        Binding("U", f"fact_verdict('{FactVerdict.UNCLEAR.value}')", "Unclear", show=False, id="verdict-unclear",
                tooltip="Verdict on the fact: unclear"),
        Binding("0", "fact_verdict('')", "Clear verdict", show=False, id="verdict-clear",
                tooltip="Clear the verdict on the fact (its note stays)"),
        Binding("r", f"discrepancy_verdict('{DiscrepancyVerdict.REAL.value}')", "Real", show=False,
                id="discrepancy-real", tooltip="Verdict on the current discrepancy: real"),
        Binding("x", f"discrepancy_verdict('{DiscrepancyVerdict.NOT_A_DISCREPANCY.value}')", "False alarm",
                show=False, id="discrepancy-not", tooltip="Verdict on the current discrepancy: not a discrepancy"),
        Binding("semicolon", "cycle_discrepancy", "Next in fact", key_display=";", show=False,
                id="cycle-discrepancy", tooltip="Make the fact's next discrepancy the current one"),
        Binding("a", "note('fact')", "Note", id="note-fact", tooltip="Write a note on the fact"),
        Binding("A", "note('discrepancy')", "Note on discrepancy", show=False, id="note-discrepancy",
                tooltip="Write a note on the current discrepancy"),
        Binding("E", "export_report", "Export", show=False, id="export-report",
                tooltip="Export the Markdown report beside the review file"),
        Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip="Show every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit Parallax"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="command-palette",
                tooltip="Open the command palette"),
    ]
    PANE_ACTIONS = frozenset({"next_pane", "previous_pane"})
    OPENS_TEXT_FIELD = frozenset({"search"})  # actions a pane runs at once (see SourceView._on_key)
    REVIEW_ACTIONS = frozenset(b.action.partition("(")[0] for b in BINDINGS) - {"quit", "help", "command_palette"}

    current_fact: var[Fact | None] = var(None, always_update=True)
    fact_filter: var[FactFilter] = var(FactFilter())

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        threshold: float | None = None,
        *,
        alignment: Alignment | None = None,
        prepared: Prepared | None = None,
        review_path: Path | None = None,
        texts: Sequence[RawText] | None = None,
    ) -> None:
        """`texts` (already read from `paths`) save reading them again; `alignment` (and
        `prepared`, to allow re-aligning) skip reading and comparing: for tests and for callers
        that aligned already. Verdicts and notes are saved to `review_path` on every change
        (None: kept in memory only)."""
        super().__init__()
        self.review_path = review_path
        self.session: ReviewSession | None = None
        self.current_discrepancy = 0
        self._orphans_said = 0  # say orphans once, not on every re-alignment
        self.paths = list(paths)
        self.texts = None if texts is None else list(texts)
        # None: where the reviewer left off these articles, else the default
        self.threshold: float = alignment.threshold if alignment is not None else (threshold or DEFAULT_THRESHOLD)
        self._threshold_given = alignment is not None or threshold is not None
        self.prepared = prepared
        self.alignment = alignment
        self.review: Review | None = None
        self._search_hit: SentenceRef | None = None
        self._last_progress = 0.0

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield LoadingIndicator()
            yield Static(Text("Reading articles…"), id="loading-message", markup=False)
        yield PaneDeck(id="deck")
        yield FactInspector(id="inspector")
        yield SearchBar(id="search")
        yield StatusLine(id="status", markup=False)
        yield Footer(compact=True)

    @property
    def deck(self) -> PaneDeck:
        return self.query_one(PaneDeck)

    @property
    def inspector(self) -> FactInspector:
        return self.query_one(FactInspector)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def on_mount(self) -> None:
        self.screen.add_class("-loading")
        if self.alignment is not None:
            self.call_later(self._open, self.prepared, self.alignment)
        else:
            self.load_articles()

    # -- loading and re-aligning ----------------------------------------------------------

    @work(thread=True, exclusive=True, group="align")
    def load_articles(self) -> None:
        """Read and compare the articles off the event loop."""
        try:
            raws = self.texts if self.texts is not None else read_texts(self.paths)
            self.call_from_thread(self._warn, self._open_session(tuple(r.id for r in raws)))
            if not self._threshold_given and self.session.state.threshold:
                self.threshold = self.session.state.threshold
            self.call_from_thread(self._show_progress, f"Comparing {len(raws)} sources…")
            prepared = prepare(raws, progress=self._report_progress)
        except InputError as err:
            self.call_from_thread(self.exit, err)  # the command line says it and exits 2
            return
        alignment = regroup(prepared, self.threshold)
        if not get_current_worker().is_cancelled:
            for warning in prepared.warnings:
                self.call_from_thread(self._warn, clean(warning))
            self.call_from_thread(self._open, prepared, alignment)

    def _open_session(self, sources: tuple[str, ...]) -> str | None:
        """Load the saved review; a problem with the file is for the reviewer to read, not fatal."""
        self.session = ReviewSession(self.review_path, sources)
        problem = self.session.open()
        return clean(problem) if problem else None

    def _warn(self, message: str | None) -> None:
        if message:
            self.notify(message, severity="warning", timeout=10, markup=False)

    def _report_progress(self, stage: str, done: int, total: int) -> None:
        """Called from the worker; repaints at most every PROGRESS_INTERVAL."""
        now = time.monotonic()
        if now - self._last_progress >= PROGRESS_INTERVAL and not get_current_worker().is_cancelled:
            self._last_progress = now
            self.call_from_thread(self._show_progress, f"{stage.capitalize()} sentences… {done}/{total}")

    def _show_progress(self, message: str) -> None:
        self.query_one("#loading-message", Static).update(Text(message))

    async def _open(self, prepared: Prepared | None, alignment: Alignment) -> None:
        if self.session is None:
            self._warn(self._open_session(tuple(s.id for s in alignment.sources)))
        self.prepared = prepared
        await self._adopt(alignment, anchor=self.session.resume_at(alignment))
        self.screen.remove_class("-loading")
        self.deck.focus_pane(0)

    async def _adopt(self, alignment: Alignment, anchor: SentenceRef | None) -> None:
        """Show `alignment`, on the fact that now holds `anchor` (or the first fact)."""
        self.alignment = alignment
        self.threshold = alignment.threshold
        assert self.session is not None
        self.session.place(alignment)
        orphaned = len(self.session.attached.orphans)
        if orphaned and orphaned != self._orphans_said:
            self._orphans_said = orphaned
            self.notify(f"{orphaned} verdict(s) or note(s) concern sentences or discrepancies not found now: "
                        "kept in the review file and listed in the report (E).", severity="warning", timeout=8)
        self.review = review = Review(alignment)
        if self.fact_filter.kind is FilterKind.UNREVIEWED:
            self.fact_filter = replace(self.fact_filter, reviewed=self.session.reviewed_ids())
        await self.deck.show(review, self.fact_filter)
        fact = review.owner(anchor.source, anchor.sentence) if anchor is not None else None
        self.current_fact = fact or review.step(None, self.fact_filter, 1) or next(iter(review.facts), None)

    def _anchor(self) -> SentenceRef | None:
        """The sentence to stay on across a re-alignment: the current fact's, in the focused pane."""
        fact = self.current_fact
        if fact is None or not fact.primary:
            return None
        focused = self.deck.focused_source
        return next((m for m in fact.primary if m.source == focused), fact.primary[0]).ref

    @work(thread=True, exclusive=True, group="realign")
    def realign(self, threshold: float, anchor: SentenceRef | None) -> None:
        """Regroup at `threshold` from the prepared comparison: fast, but still off the loop."""
        assert self.prepared is not None
        alignment = regroup(self.prepared, threshold)
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._realigned, alignment, anchor)

    async def _realigned(self, alignment: Alignment, anchor: SentenceRef | None) -> None:
        if alignment.threshold != self.threshold:
            return  # the reviewer has pressed +/- again since
        before = len(self.alignment.facts) if self.alignment else 0
        await self._adopt(alignment, anchor)
        shared = len(self.review.visible(FactFilter(FilterKind.SHARED)))
        self.notify(
            f"Threshold {alignment.threshold:.2f}: {len(alignment.facts)} facts, {shared} shared (was {before}).",
            timeout=2,
        )

    def _change_threshold(self, step: float) -> None:
        if self.prepared is None:
            self.notify("This alignment was built before the app started; its threshold is fixed.", severity="warning")
            return
        wanted = round(min(HIGHEST_THRESHOLD, max(LOWEST_THRESHOLD, self.threshold + step)), 2)
        if wanted == self.threshold:
            self.notify(f"The threshold is already at its limit, {wanted:.2f}.", timeout=2)
            return
        self.threshold = wanted
        self._show_status()
        self.realign(wanted, self._anchor())

    # -- state to screen ------------------------------------------------------------------

    def watch_current_fact(self, fact: Fact | None) -> None:
        if self.review is None:
            return
        self.current_discrepancy = 0
        if self.session is not None:
            self.session.remember(self.threshold, fact)
        self.deck.show_fact(fact)
        self._show_status()
        self._show_inspector()

    def _judged(self, fact: Fact | None) -> Judged:
        if fact is None or self.session is None:
            return Judged()
        return Judged(self.session.on_fact(fact),
                      {k: j for k in range(len(fact.discrepancies)) if (j := self.session.on_discrepancy(fact, k))},
                      self.current_discrepancy)

    def _show_inspector(self) -> None:
        if not self.inspector.collapsed:
            self.inspector.show(self.review, self.current_fact, self._judged(self.current_fact))

    def watch_fact_filter(self, fact_filter: FactFilter) -> None:
        if self.review is None:
            return
        self.deck.restyle(fact_filter)
        if self.current_fact is not None and not fact_filter.accepts(self.current_fact):
            later = self.review.step(self.current_fact, fact_filter, 1) or self.review.step(None, fact_filter, 1)
            if later is not None:
                self.current_fact = later
                return
        self._show_status()

    def _show_status(self) -> None:
        if self.review is None:
            return
        deck, fact = self.deck, self.current_fact
        panes = len(deck.panes)
        self.query_one(StatusLine).show(
            Position(
                fact_id=fact.id if fact is not None else None,
                index=self.review.place(fact, self.fact_filter),
                count=len(self.review.visible(self.fact_filter)),
                filter_label=self.fact_filter.label,
                threshold=self.threshold,
                first_pane=min(panes, deck.first + 1),
                last_pane=min(panes, deck.first + deck.shown),
                panes=panes,
                discrepancies=len(fact.discrepancies) if fact is not None else 0,
                **self._review_status(fact),
            )
        )

    def _review_status(self, fact: Fact | None) -> dict[str, object]:
        if self.session is None:
            return {}
        reviewed, total = self.session.progress()
        judged = self.session.on_fact(fact) if fact is not None else None
        return {"reviewed": reviewed, "reviewable": total, "verdict": judged.verdict if judged else None,
                "orphaned": len(self.session.attached.orphans)}

    @on(PaneDeck.Moved)
    def _follow_pane(self) -> None:
        """'Missing from' follows the focused pane, so tabbing through panes walks each source's gaps."""
        source = self.deck.focused_source
        if self.fact_filter.kind is FilterKind.MISSING and source and source != self.fact_filter.source:
            self.fact_filter = replace(self.fact_filter, source=source)
        else:
            self._show_status()

    @on(SourceView.SentenceClicked)
    def _select_clicked(self, event: SourceView.SentenceClicked) -> None:
        fact = self.review.owner(event.source, event.sentence) if self.review else None
        if fact is not None:
            self.current_fact = fact

    # -- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Review keys wait for the alignment; the (priority) pane keys leave tab to dialogs."""
        if action in self.REVIEW_ACTIONS and self.review is None:
            return False
        if action in self.PANE_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        return True

    def _step(self, direction: int) -> None:
        assert self.review is not None
        fact = self.review.step(self.current_fact, self.fact_filter, direction)
        if fact is None and not self.review.visible(self.fact_filter):
            self.notify(clean(f"No facts match the filter ({self.fact_filter.label})."), timeout=2, markup=False)
            return
        if fact is None:
            where = "last" if direction > 0 else "first"
            self.notify(clean(f"This is the {where} fact ({self.fact_filter.label})."), timeout=2, markup=False)
            return
        self.current_fact = fact

    def _seek(self, wanted: Callable[[Fact], bool], direction: int, what: str) -> None:
        assert self.review is not None
        fact, wrapped = self.review.seek(self.current_fact, wanted, direction)
        if fact is None:
            if any(wanted(f) for f in self.review.facts):
                self.notify(f"No other {what}.", timeout=2)
            else:
                self.notify(f"No {what} at threshold {self.threshold:.2f}.", timeout=3)
            return
        if wrapped:
            self.notify("Wrapped around.", timeout=1.5)
        self.current_fact = fact

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
        assert self.review is not None
        self.fact_filter = self.fact_filter.cycled(self.deck.focused_source or self.review.source_ids[0],
                                                   self._reviewed())

    def action_toggle_inspector(self) -> None:
        inspector = self.inspector
        inspector.collapsed = not inspector.collapsed
        self._show_inspector()

    def action_scroll_inspector(self, rows: int) -> None:
        self.inspector.scroll_lines(rows)

    def action_raise_threshold(self) -> None:
        self._change_threshold(THRESHOLD_STEP)

    def action_lower_threshold(self) -> None:
        self._change_threshold(-THRESHOLD_STEP)

    def action_overview(self) -> None:
        assert self.review is not None
        fact = self.current_fact
        screen = CoverageScreen(self.review, self.fact_filter, fact.id if fact else None, self.deck.focused_source,
                                self._reviewed())
        self.push_screen(screen, self._leave_overview)

    def _leave_overview(self, choice: CoverageChoice | None) -> None:
        if choice is None or self.review is None:
            return
        self.fact_filter = choice.fact_filter
        if choice.fact_id is not None:
            self.current_fact = self.review.fact(choice.fact_id)

    async def action_quit(self) -> None:
        """Keep the reviewer's place for next time, then go."""
        if self.session is not None:
            self._warn(self.session.leave())
        self.exit()

    # -- reviewing ----------------------------------------------------------------------

    def _reviewed(self) -> frozenset[str]:
        return self.session.reviewed_ids() if self.session is not None and self.session.alignment else frozenset()

    def _record(self, *, discrepancy: int | None = None, verdict: str | None = None, note: str | None = None,
                fact: Fact | None = None) -> None:
        """Record on `fact` (default: the current one), save, and show it; the 'not yet
        reviewed' filter moves on."""
        fact = fact or self.current_fact
        if fact is None or self.session is None:
            return
        problem = self.session.record(fact, discrepancy=discrepancy, verdict=verdict, note=note)
        self._warn(clean(problem) if problem else None)
        if self.fact_filter.kind is FilterKind.UNREVIEWED:
            self.fact_filter = replace(self.fact_filter, reviewed=self._reviewed())
        self._show_inspector()
        self._show_status()

    def action_fact_verdict(self, verdict: str) -> None:
        self._record(verdict=verdict)

    def _current_discrepancy(self) -> int | None:
        fact = self.current_fact
        if fact is None or not fact.discrepancies:
            self.notify("This fact has no discrepancy to judge.", timeout=2)
            return None
        return min(self.current_discrepancy, len(fact.discrepancies) - 1)

    def action_discrepancy_verdict(self, verdict: str) -> None:
        index = self._current_discrepancy()
        if index is not None:
            self._record(discrepancy=index, verdict=verdict)

    def action_cycle_discrepancy(self) -> None:
        index = self._current_discrepancy()
        if index is not None:
            self.current_discrepancy = (index + 1) % len(self.current_fact.discrepancies)
            self._show_inspector()

    def action_note(self, on: str) -> None:
        fact = self.current_fact
        if fact is None or self.session is None:
            return
        index = self._current_discrepancy() if on == "discrepancy" else None
        if on == "discrepancy" and index is None:
            return
        judged = self.session.on_fact(fact) if index is None else self.session.on_discrepancy(fact, index)
        about = fact.id if index is None else f"{fact.id}, discrepancy {index + 1} ({fact.discrepancies[index].kind})"

        def keep(note: str | None) -> None:
            if note is not None:  # on the fact the dialog was opened for, whatever happened since
                self._record(discrepancy=index, note=note, fact=fact)

        self.push_screen(NoteScreen(about, judged.note if judged else ""), keep)

    def action_export_report(self) -> None:
        if self.session is None:
            return
        try:
            target = self.session.export()
        except OSError as err:
            self.notify(clean(f"Could not write the report to {err.filename}: {err.strerror or err}"),
                        severity="error", markup=False)
            return
        self.notify(clean(f"Report written to {target}"), timeout=6, markup=False)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_sections()))

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
        panes = self.deck.panes
        hit = self._search_hit
        index = next((n for n, p in enumerate(panes) if hit and p.source.id == hit.source), self.deck.first)
        self.deck.focus_pane(index)

    def _jump_to_match(self, query: str, after: SentenceRef | None) -> None:
        """Select the fact of the first sentence after `after` that contains `query`."""
        if self.review is None:
            return
        hit = self.review.search(query, after)
        self.search_bar.set_class(bool(query.strip()) and hit is None, "-no-match")
        if hit is None:
            return
        self._search_hit = hit
        self.deck.reveal(self.review.source_ids.index(hit.source))
        fact = self.review.owner(hit.source, hit.sentence)
        if fact is not None:
            self.current_fact = fact
        first = self.review.mentions_in(fact, hit.source)[0].sentence if fact is not None else None
        if first != hit.sentence:
            self.deck.scroll_to_sentence(hit.source, hit.sentence)

    # -- keys: help and command palette ---------------------------------------------------

    def binding_groups(self) -> Iterator[tuple[str, list[Binding]]]:
        """Every binding the app declares, by where it applies: for help and the palette."""
        yield "Review", [b for b in self.BINDINGS if isinstance(b, Binding)]
        yield "Focused pane", SourceView.BINDINGS
        yield "Search bar (/)", SearchBar.BINDINGS
        yield "Overview (o)", CoverageScreen.BINDINGS
        yield "Help (?)", HelpScreen.BINDINGS

    def _keys_by_id(self) -> dict[str, str]:
        """Keys as bound now (after any keymap) by binding id, for bindings in the main chain."""
        keys: dict[str, list[str]] = {}
        main = self.screen_stack[0] if self.screen_stack else None
        if main is not None:
            for active in main.active_bindings.values():
                if active.binding.id:
                    keys.setdefault(active.binding.id, []).append(self.get_key_display(active.binding))
        for group, bindings in self.binding_groups():
            for binding in bindings:
                if binding.id and binding.id not in keys:
                    keys[binding.id] = [
                        self.get_key_display(replace(binding, key=key.strip())) for key in binding.key.split(",")
                    ]
        return {binding_id: " ".join(dict.fromkeys(shown)) for binding_id, shown in keys.items()}

    def key_sections(self) -> list[KeySection]:
        keys_of = self._keys_by_id()
        return [describe(title, bindings, keys_of) for title, bindings in self.binding_groups()]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every review action in the palette, beside Textual's own commands."""
        yield from super().get_system_commands(screen)
        keys_of = self._keys_by_id()
        seen = {"quit", "command_palette"}  # Textual lists quit; the palette is open already
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.action not in seen:
                seen.add(binding.action)
                yield SystemCommand(
                    binding.tooltip or binding.description,
                    f"key: {keys_of.get(binding.id or '', binding.key)}",
                    partial(self.run_action, binding.action),
                )
