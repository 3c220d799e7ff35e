"""The review app driven through Textual's Pilot: every key, the panes' levelling, the loading
state, and article text that tries to act as markup or terminal control."""
from __future__ import annotations

import io
import shutil
import threading
from dataclasses import replace

import pytest
from conftest import SEEDS
from rich.console import Console
from textual import events
from textual.command import CommandPalette
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from align.model import Alignment, Discrepancy, Fact, Value
from align.pipeline import DEFAULT_THRESHOLD, Prepared, prepare, regroup
from align.sources import InputError, read_texts
from review.index import FilterKind
from tui import app as app_module
from tui.app import ParallaxApp
from tui.help import HelpScreen
from tui.matrix import CoverageScreen
from tui.panes import SourceView, level_anchor, wrap
from tui.safe_text import clean, safe_text
from tui.search import SearchBar

WIDE = (160, 45)
SMALL = (80, 24)


@pytest.fixture(scope="module")
def prepared() -> Prepared:
    return prepare(read_texts(SEEDS))


def screen_text(app: ParallaxApp) -> str:
    """What the terminal would show, as plain text."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


async def loaded(app: ParallaxApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def visible_row(app: ParallaxApp, pane_index: int, fact: Fact) -> int | None:
    """The screen row (within the pane's text area) of `fact`'s first sentence in a pane."""
    pane = app.deck.panes[pane_index]
    mentions = app.review.mentions_in(fact, pane.source.id)
    if not mentions:
        return None
    return pane.view.sentence_row(mentions[0].sentence) - round(pane.view.scroll_y)


def panes_in_view(app: ParallaxApp) -> range:
    return range(app.deck.first, app.deck.first + app.deck.shown)


def with_discrepancies(alignment: Alignment, fact_ids: set[str]) -> Alignment:
    """The alignment with discrepancies only on `fact_ids`: one disputed word in each member."""
    facts = []
    for fact in alignment.facts:
        if fact.id not in fact_ids:
            facts.append(replace(fact, discrepancies=()))
            continue
        values = []
        for member in fact.primary:
            sentence = alignment.source(member.source).sentences[member.sentence]
            word = sentence.text.split()[0]
            values.append(Value(member.source, member.sentence, sentence.start, sentence.start + len(word), word, word.lower()))
        facts.append(replace(fact, discrepancies=(Discrepancy("number", "conflict", "made up for the test", tuple(values)),)))
    return replace(alignment, facts=tuple(facts))


def shared_facts(alignment: Alignment) -> list[Fact]:
    return [f for f in alignment.facts if not f.single_source]


# -- loading ----------------------------------------------------------------------------------


async def test_articles_load_in_a_worker_behind_a_loading_state(monkeypatch):
    release = threading.Event()
    real_prepare = app_module.prepare

    def slow_prepare(raws, progress=None):
        release.wait(10)
        return real_prepare(raws, progress)

    monkeypatch.setattr(app_module, "prepare", slow_prepare)
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.2)
        assert app.screen.has_class("-loading")
        assert "Comparing 5 sources" in screen_text(app)
        release.set()
        await loaded(app, pilot)
        assert not app.screen.has_class("-loading")
        assert len(app.deck.panes) == 5
        assert app.current_fact is app.alignment.facts[0]
        assert isinstance(app.focused, SourceView)


async def test_q_quits_while_the_articles_are_still_loading(monkeypatch):
    release = threading.Event()
    real_prepare = app_module.prepare
    monkeypatch.setattr(app_module, "prepare", lambda raws, progress=None: release.wait(10) and real_prepare(raws))
    app = ParallaxApp(SEEDS)
    try:
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause(0.1)
            assert app.focused is None  # nothing hidden swallows keys
            await pilot.press("j", "q")
            await pilot.pause()
            assert app.return_code == 0
    finally:
        release.set()


async def test_seeds_paint_after_loading():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        assert "Nvidia" in screen_text(app)


async def test_unreadable_input_ends_the_app_with_the_problem_for_the_command_to_say(tmp_path):
    app = ParallaxApp([tmp_path / "nowhere.txt"])
    async with app.run_test(size=WIDE) as pilot:
        with pytest.raises(WorkerCancelled):  # exiting cancels the worker that found the problem
            await app.workers.wait_for_complete()
        await pilot.pause()
    assert isinstance(app.return_value, InputError)
    assert "nowhere.txt: no such file or directory" in str(app.return_value)


# -- walking facts ------------------------------------------------------------------------------


def assert_level(app: ParallaxApp, fact: Fact) -> int:
    """Every pane in view that reports `fact` shows it, on one screen row when their scroll
    ranges allow that; returns how many panes show it."""
    shown = {n: visible_row(app, n, fact) for n in panes_in_view(app)}
    shown = {n: row for n, row in shown.items() if row is not None}
    height = app.deck.panes[0].view.size.height
    assert all(0 <= row < height for row in shown.values()), shown
    views = [app.deck.panes[n].view for n in shown]
    rows = [row + round(view.scroll_y) for row, view in zip(shown.values(), views)]
    if level_anchor(rows, [v.max_scroll_y for v in views], height, 1) is not None:
        assert len(set(shown.values())) == 1, f"panes not level: {shown}"
    return len(shown)


async def test_j_and_k_walk_facts_and_every_pane_levels_on_the_fact():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        facts = app.alignment.facts
        levelled = []
        for n in range(1, 6):
            await pilot.press("j")
            assert app.current_fact is facts[n]
            levelled.append(assert_level(app, facts[n]))
        assert max(levelled) >= 3
        await pilot.press("k")
        assert app.current_fact is facts[4]
        await pilot.press("up", "down", "down")
        assert app.current_fact is facts[5]


async def test_panes_follow_the_alignment_deep_into_the_articles():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        deep = max(shared_facts(app.alignment), key=lambda f: app.review.position(f))
        app.current_fact = deep
        await pilot.pause()
        height = app.deck.panes[0].view.size.height
        for n in range(len(app.deck.panes)):
            row = visible_row(app, n, deep)
            if row is not None and n in panes_in_view(app):
                assert 0 <= row < height


async def test_the_current_fact_is_emphasised_without_colour_in_every_reporting_pane():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        fact = app.current_fact
        for pane in app.deck.panes[: app.deck.shown]:
            mentions = app.review.mentions_in(fact, pane.source.id)
            if not mentions:
                continue
            row = pane.view.sentence_row(mentions[0].sentence) - round(pane.view.scroll_y)
            strip = pane.view.render_line(row)
            mark, *text = list(strip)
            assert mark.text in ("▶", "▷")
            assert any(seg.style.bold and (seg.style.reverse or seg.style.underline) for seg in text)


async def test_only_here_sentences_carry_a_gutter_glyph():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        pane = app.deck.panes[0]
        single = next(f for f in app.alignment.facts if f.single_source and f.sources == (pane.source.id,)
                      and f is not app.current_fact)
        row = pane.view.sentence_row(single.primary[0].sentence)
        pane.view.scroll_to(y=row, animate=False, immediate=True)
        await pilot.pause()
        assert pane.view.render_line(row - round(pane.view.scroll_y)).text.startswith("◆")


async def test_n_says_so_and_stays_when_no_fact_has_discrepancies(prepared):
    bare = with_discrepancies(regroup(prepared, DEFAULT_THRESHOLD), set())
    app = ParallaxApp([], alignment=bare, prepared=prepared)
    notes: list[str] = []
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        app.notify = lambda message, **kw: notes.append(message)
        start = app.current_fact
        await pilot.press("n")
        assert app.current_fact is start
        await pilot.press("N")
        assert app.current_fact is start
        assert notes and all("No discrepancy" in n for n in notes)


async def test_n_and_shift_n_move_between_facts_with_discrepancies(prepared):
    base = regroup(prepared, DEFAULT_THRESHOLD)
    first, second = shared_facts(base)[2], shared_facts(base)[5]
    alignment = with_discrepancies(base, {first.id, second.id})
    app = ParallaxApp([], alignment=alignment, prepared=prepared)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("n")
        assert app.current_fact.id == first.id
        assert "made up for the test" in screen_text(app)  # the inspector lists it
        await pilot.press("n")
        assert app.current_fact.id == second.id
        await pilot.press("N")
        assert app.current_fact.id == first.id


async def test_u_goes_to_the_next_single_source_fact():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        start = app.review.position(app.current_fact)
        await pilot.press("u")
        fact = app.current_fact
        assert fact.single_source
        assert app.review.position(fact) > start
        assert not any(f.single_source for f in app.alignment.facts[start + 1: app.review.position(fact)])


async def test_binding_ids_let_users_remap_keys():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        app.set_keymap({"next-fact": "x"})
        await pilot.press("x")
        assert app.current_fact is app.alignment.facts[1]


# -- panes ------------------------------------------------------------------------------------


async def test_tab_shift_tab_h_and_l_move_between_panes():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        assert app.deck.focused_index == 0
        await pilot.press("tab")
        assert app.deck.focused_index == 1
        await pilot.press("l")
        assert app.deck.focused_index == 2
        await pilot.press("h")
        assert app.deck.focused_index == 1
        await pilot.press("shift+tab", "shift+tab")
        assert app.deck.focused_index == 4  # wraps around


async def test_80x24_shows_fewer_panes_and_tab_scrolls_to_hidden_ones():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=SMALL) as pilot:
        await loaded(app, pilot)
        assert app.deck.shown == 2
        last = app.deck.panes[-1]
        assert last.region.x >= SMALL[0] or not app.deck.region.overlaps(last.region)
        headers = screen_text(app).splitlines()[0]
        assert "1 000_c1ee8d38dd246e7e" in headers and "5 004_99907c6edd24b513" not in headers
        for _ in range(4):
            await pilot.press("tab")
        await pilot.pause()
        assert app.deck.focused_index == 4
        assert app.deck.first == 3
        assert app.deck.region.contains_region(last.region)
        text = screen_text(app)
        assert "5 004_99907c6edd24b513" in text.splitlines()[0]
        assert "panes 4–5/5" in text


async def test_a_click_on_a_sentence_selects_its_fact():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        view = app.deck.panes[1].view
        top = round(view.scroll_y)
        target = None
        for row in range(top, top + view.size.height):
            index = view.layout.sentence_at(row)
            fact = app.review.owner(view.source.id, index) if index is not None else None
            if fact is not None and fact is not app.current_fact:
                target = (row - top, fact)
                break
        assert target is not None
        await pilot.click(view, offset=(6, target[0]))
        await pilot.pause()
        assert app.current_fact is target[1]
        assert app.focused is view


# -- search, filters, overview ------------------------------------------------------------------


async def test_slash_search_finds_a_sentence_in_another_source_and_selects_its_fact():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBar)
        await pilot.press(*"dumpl")
        source = app.alignment.sources[2]
        index = next(s.index for s in source.sentences if "dumpl" in s.text)
        assert app.current_fact is app.review.owner(source.id, index)
        await pilot.press("escape")
        await pilot.pause()
        assert app.deck.focused_index == 2
        assert not app.search_bar.display


async def test_enter_in_search_goes_to_the_next_match():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("slash", *"huaw")
        first = app.current_fact
        await pilot.press("enter")
        assert app.current_fact is not first
        await pilot.press("z")
        assert app.search_bar.has_class("-no-match")
        await pilot.press("tab")  # leaving the bar puts it away
        assert isinstance(app.focused, SourceView) and not app.search_bar.display


async def test_f_cycles_filters_and_the_counter_and_overview_follow(prepared):
    base = regroup(prepared, DEFAULT_THRESHOLD)
    alignment = with_discrepancies(base, {shared_facts(base)[1].id, shared_facts(base)[4].id})
    app = ParallaxApp([], alignment=alignment, prepared=prepared)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        seen = []
        for _ in range(len(FilterKind)):
            await pilot.press("f")
            fact_filter = app.fact_filter
            seen.append(fact_filter.kind)
            visible = app.review.visible(fact_filter)
            assert visible and all(fact_filter.accepts(f) for f in visible)
            assert f"of {len(visible)}" in screen_text(app)
            assert fact_filter.accepts(app.current_fact)  # moved onto a fact the filter keeps
            await pilot.press("j")
            assert fact_filter.accepts(app.current_fact)
        assert seen == [FilterKind.SHARED, FilterKind.DISCREPANCIES, FilterKind.SINGLE, FilterKind.MISSING,
                        FilterKind.UNREVIEWED, FilterKind.ALL]
        await pilot.press("f", "o")  # shared facts in the overview, then f there too
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert isinstance(app.screen, CoverageScreen)
        assert table.row_count == len(app.review.visible(app.fact_filter)) < len(app.alignment.facts)
        await pilot.press("f")
        assert table.row_count == 2
        await pilot.press("escape")
        assert app.fact_filter.kind is FilterKind.DISCREPANCIES  # the overview's filter sticks


async def test_missing_from_follows_the_focused_pane():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("f", "f", "f", "f")
        assert app.fact_filter.kind is FilterKind.MISSING
        assert app.fact_filter.source == app.alignment.sources[0].id
        await pilot.press("tab")
        await pilot.pause()
        assert app.fact_filter.source == app.alignment.sources[1].id
        assert all(app.alignment.sources[1].id not in f.sources for f in app.review.visible(app.fact_filter))


async def test_overview_selecting_a_row_jumps_to_that_fact():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert "● reported" in screen_text(app)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CoverageScreen)
        assert app.current_fact is app.alignment.facts[3]


async def test_i_collapses_and_restores_the_inspector_and_brackets_scroll_it():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        height = app.deck.size.height
        assert "reported by" in screen_text(app)
        await pilot.press("right_square_bracket")
        assert app.inspector.scrolled == 3
        await pilot.press("left_square_bracket")
        assert app.inspector.scrolled == 0
        await pilot.press("i")
        await pilot.pause()
        assert "reported by" not in screen_text(app)
        assert app.deck.size.height > height
        await pilot.press("j", "i")
        await pilot.pause()
        assert f" {app.current_fact.id} " in screen_text(app)
        assert "reported by" in screen_text(app)


# -- threshold --------------------------------------------------------------------------------


async def test_plus_and_minus_realign_live_at_the_new_threshold():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        base = len(app.alignment.facts)
        await pilot.press("j", "j")
        anchor = app.current_fact.primary[0]
        await pilot.press("plus")
        await loaded(app, pilot)
        raised = round(DEFAULT_THRESHOLD + 0.05, 2)
        assert app.threshold == raised == app.alignment.threshold
        assert len(app.alignment.facts) == len(regroup(app.prepared, raised).facts) != base
        assert anchor in app.current_fact.primary  # still on the same sentence
        assert f"threshold {raised:.2f}" in screen_text(app)
        await pilot.press("minus", "minus")
        await loaded(app, pilot)
        lowered = round(DEFAULT_THRESHOLD - 0.05, 2)
        assert app.threshold == lowered
        assert len(app.alignment.facts) == len(regroup(app.prepared, lowered).facts)


# -- help, palette, quit ------------------------------------------------------------------------


async def test_question_mark_lists_every_binding_id():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=(160, 80)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        ids = [b.id for _, bindings in app.binding_groups() for b in bindings]
        assert len(ids) > 20 and all(ids)
        for binding_id in ids:
            assert binding_id in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_ctrl_p_opens_the_palette_with_every_action():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        commands = list(app.get_system_commands(app.screen_stack[0]))
        offered = {c.callback.args[0] for c in commands if getattr(c.callback, "args", None)}
        assert {b.action for b in app.BINDINGS} - {"command_palette", "quit"} <= offered
        assert "Quit" in {c.title for c in commands}
        await pilot.press(*"only one")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert app.current_fact.single_source


async def test_q_quits():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        assert app.return_code is None
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


# -- without colour ---------------------------------------------------------------------------


def current_fact_row(app: ParallaxApp):
    pane = app.deck.panes[0]
    mention = app.review.mentions_in(app.current_fact, pane.source.id)[0]
    return pane.view.render_line(pane.view.sentence_row(mention.sentence) - round(pane.view.scroll_y))


@pytest.mark.parametrize("theme", ["textual-dark", "ansi-dark"])
async def test_no_color_and_ansi_themes_keep_emphasis_in_text_attributes(monkeypatch, theme):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        app.theme = theme
        await loaded(app, pilot)
        assert app.no_color
        mark, *text = list(current_fact_row(app))
        assert mark.text == "▶" and mark.style.bold
        assert all(seg.style.bold and seg.style.reverse for seg in text if seg.text.strip())
        screen = screen_text(app)
        assert "◆" in screen and "▶" in screen  # only-here and current marks are glyphs


# -- untrusted text ---------------------------------------------------------------------------


HOSTILE = (
    "Officials said [bold red]x[/] was the figure.\n\n"
    "See [link=http://x]y[/link] for \x1b[31mred\x1b[0m details\x07 and \x1b]0;pwned\x07 more.\n\n"
    "A reversed \u202egnirts\u202c and a \x9b31m C1 sequence.\n"
)
PLAIN = "Officials said the figure was x.\n\nDetails are on the website for more.\n"


async def test_article_markup_shows_literally_and_controls_never_reach_the_terminal(tmp_path):
    (tmp_path / "a.txt").write_text(HOSTILE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(PLAIN, encoding="utf-8")
    app = ParallaxApp([tmp_path])
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        text = screen_text(app)
        assert "[bold red]x[/]" in text
        assert "[link=http://x]y[/link]" in text
        assert "red details and" in text
        for bad in ("\x1b", "\x07", "\u202e", "\u202c", "\x9b", "pwned"):
            assert bad not in text
        strips = [app.deck.panes[0].view.render_line(y) for y in range(app.deck.panes[0].view.size.height)]
        for strip in strips:
            for segment in strip:
                assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in segment.text)
                assert segment.style is None or segment.style.link is None
        await pilot.press("o")  # the overview and help show it literally too
        await pilot.pause()
        assert "[bold red]x[/]" in screen_text(app)


def test_clean_drops_controls_escapes_and_bidi_but_keeps_newlines_and_tabs():
    assert clean("a\x1b[31mb\x1b[0mc") == "abc"
    assert clean("t\x1b]0;title\x07x") == "tx"
    assert clean("t\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\") == "tlink"
    assert clean("a\x00b\x08c\x7fd\x85e\x9b2Jf") == "abcdef"
    assert clean("l\u202aa\u202bb\u202cc\u202dd\u202ee\u2066f\u2067g\u2068h\u2069i") == "labcdefghi"
    assert clean("one\ttwo\nthree\r\n") == "one\ttwo\nthree\n"
    assert clean("[bold]not markup[/bold]") == "[bold]not markup[/bold]"


def test_safe_text_is_literal_and_maps_spans_past_removed_characters():
    text = safe_text("\x1b[1m[red]alert[/red]\x1b[0m now", spans=[(4, 20, "bold"), (25, 28, "underline")])
    assert text.plain == "[red]alert[/red] now"
    assert not text.spans[0].style == "" and text.plain[text.spans[0].start:text.spans[0].end] == "[red]alert[/red]"
    assert text.plain[text.spans[1].start:text.spans[1].end] == "now"


# -- responsiveness -----------------------------------------------------------------------------


async def test_a_key_press_redraws_only_the_rows_whose_emphasis_changed(monkeypatch):
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("j", "k")  # both facts' rows are drawn and cached now
        await pilot.pause()
        drawn: list[tuple[str, int]] = []
        real_draw = SourceView._draw_row
        monkeypatch.setattr(SourceView, "_draw_row", lambda view, row: drawn.append((view.source.id, row)) or real_draw(view, row))
        before, after = app.alignment.facts[0], app.alignment.facts[1]
        await pilot.press("j")
        await pilot.pause()
        changed = 0
        for pane in app.deck.panes:
            for mention in app.review.mentions_in(before, pane.source.id) + app.review.mentions_in(after, pane.source.id):
                changed += len(pane.view.layout.lines[mention.sentence])
        assert 0 < len(drawn) <= changed


async def test_twenty_sources_open_side_by_side(tmp_path):
    for copy in range(4):
        for seed in SEEDS:
            shutil.copy(seed, tmp_path / f"{copy}_{seed.name}")
    app = ParallaxApp([tmp_path])
    async with app.run_test(size=(250, 60)) as pilot:
        await loaded(app, pilot)
        assert len(app.deck.panes) == 20
        await pilot.press("j")
        await pilot.pause()
        assert app.current_fact is app.alignment.facts[1]


# -- the pure parts -----------------------------------------------------------------------------


def test_level_anchor_puts_every_pane_on_one_row_where_their_scroll_ranges_allow():
    # rows of the fact in three panes, how far each can scroll, a 20-row view, 5 preferred
    assert level_anchor([30, 12, 50], [100, 100, 100], 20, 5) == 5
    assert level_anchor([30, 2, 50], [100, 100, 100], 20, 5) == 2  # one pane cannot scroll above its top
    assert level_anchor([30, 12, 50], [100, 100, 40], 20, 5) == 10  # one cannot scroll far enough down
    assert level_anchor([1, 60], [100, 30], 20, 5) is None  # no common row: each pane on its own


def test_wrap_breaks_at_words_folds_long_words_and_counts_wide_cells():
    assert wrap("one two three four", 9) == ["one two", "three", "four"]
    assert wrap("a " + "x" * 12, 5) == ["a", "xxxxx", "xxxxx", "xx"]
    assert wrap("北京北京北京", 4) == ["北京", "北京", "北京"]
    assert wrap("line\nbreak", 20) == ["line", "break"]


@pytest.mark.parametrize("width", [80, 120])
async def test_moving_between_panes_keeps_whole_panes_in_view(width):
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=(width, 30)) as pilot:
        await loaded(app, pilot)
        for _ in range(len(app.deck.panes) + 1):
            await pilot.press("l")
            await pilot.pause()
            deck = app.deck
            shown = deck.panes[deck.first:deck.first + deck.shown]
            assert shown[0].region.x == deck.region.x  # the first pane in view starts at the left edge
            assert all(p.region.width == shown[0].region.width for p in shown)
            assert deck.focused_index in range(deck.first, deck.first + deck.shown)


async def test_keys_typed_in_one_burst_with_slash_land_in_the_search():
    app = ParallaxApp(SEEDS)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        for key, char in [("slash", "/"), ("H", "H"), ("u", "u"), ("slash", "/"), ("n", "n")]:
            app.post_message(events.Key(key, char))  # all at once, as a paste or SSH delivers them
        await pilot.pause()
        await pilot.pause()
        assert app.search_bar.value == "Hu/n"  # 'u' and 'n' were text, not 'next single-source' and 'next discrepancy'
        assert app.search_bar.has_focus
