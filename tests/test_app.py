"""The review app driven through Textual's Pilot on a hand-built alignment (tests/handbuilt.py):
every key, the panes' levelling, the loading screen, and article text that tries to act as
markup or terminal control."""
from __future__ import annotations

import threading
from dataclasses import replace

import handbuilt as h
import pytest
from driving import SMALL, WIDE, current, loaded, notes, screen_text
from textual import events
from textual.command import CommandPalette
from textual.widgets import DataTable

from align.model import Alignment, Fact, SentenceKind
from align.pipeline import DEFAULT_THRESHOLD, prepare, regroup
from align.sources import InputError
from review import opening
from review.index import FilterKind
from tui.app import ParallaxApp
from tui.help import HelpScreen
from tui.loading import LoadingScreen
from tui.matrix import CoverageScreen
from tui.panes import SourceView, level_anchor, wrap
from tui.review_screen import ReviewScreen
from tui.safe_text import clean, safe_text
from tui.search import SearchBar
from tui.status import StatusLine


def handbuilt(**kw: object) -> ParallaxApp:
    return ParallaxApp([], alignment=h.ALIGNMENT, **kw)  # type: ignore[arg-type]


def visible_row(screen: ReviewScreen, pane_index: int, fact: Fact) -> int | None:
    """The screen row (within the pane's text area) of `fact`'s first sentence in a pane."""
    pane = screen.deck.panes[pane_index]
    mentions = screen.review.index.mentions_in(fact, pane.source.id)
    if not mentions:
        return None
    return pane.view.sentence_row(mentions[0].sentence) - round(pane.view.scroll_y)


def panes_in_view(screen: ReviewScreen) -> range:
    return range(screen.deck.first, screen.deck.first + screen.deck.shown)


def status(screen: ReviewScreen) -> str:
    return screen.query_one(StatusLine).render().plain


# -- loading ----------------------------------------------------------------------------------


async def test_articles_load_in_a_worker_behind_a_loading_screen(monkeypatch, tmp_path):
    release = threading.Event()
    real_prepare = opening.prepare

    def slow_prepare(raws, progress=None):
        release.wait(10)
        return real_prepare(raws, progress)

    monkeypatch.setattr(opening, "prepare", slow_prepare)
    app = ParallaxApp([h.write_articles(tmp_path / "articles")])
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause(0.2)
        assert isinstance(app.screen, LoadingScreen)
        assert "Comparing 4 sources" in screen_text(app)
        release.set()
        screen = await loaded(app, pilot)
        assert len(screen.deck.panes) == 4
        assert screen.cursor.fact is screen.review.index.facts[0]
        assert isinstance(app.focused, SourceView)


async def test_q_quits_while_the_articles_are_still_loading(monkeypatch, tmp_path):
    release = threading.Event()
    real_prepare = opening.prepare
    monkeypatch.setattr(opening, "prepare", lambda raws, progress=None: release.wait(10) and real_prepare(raws))
    app = ParallaxApp([h.write_articles(tmp_path / "articles")])
    try:
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause(0.1)
            assert app.focused is None  # nothing hidden swallows keys
            await pilot.press("j", "q")
            await pilot.pause()
            assert app.return_code == 0
    finally:
        release.set()


async def test_unreadable_input_ends_the_app_with_the_problem_for_the_command_to_say(tmp_path):
    app = ParallaxApp([tmp_path / "nowhere.txt"])
    async with app.run_test(size=WIDE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert isinstance(app.return_value, InputError)
    assert "nowhere.txt: no such file or directory" in str(app.return_value)


# -- walking facts ------------------------------------------------------------------------------


def assert_level(screen: ReviewScreen, fact: Fact) -> int:
    """Every pane in view that reports `fact` shows it, on one screen row when their scroll
    ranges allow that; returns how many panes show it."""
    shown = {n: visible_row(screen, n, fact) for n in panes_in_view(screen)}
    rows_shown = {n: row for n, row in shown.items() if row is not None}
    height = screen.deck.panes[0].view.size.height
    assert all(0 <= row < height for row in rows_shown.values()), rows_shown
    views = [screen.deck.panes[n].view for n in rows_shown]
    rows = [row + round(view.scroll_y) for row, view in zip(rows_shown.values(), views, strict=True)]
    if level_anchor(rows, [v.max_scroll_y for v in views], height, 1) is not None:
        assert len(set(rows_shown.values())) == 1, f"panes not level: {rows_shown}"
    return len(rows_shown)


async def test_j_and_k_walk_facts_and_every_pane_levels_on_the_fact():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        facts = h.ALIGNMENT.facts
        levelled = []
        for n in range(1, 5):
            await pilot.press("j")
            assert screen.cursor.fact is facts[n]
            levelled.append(assert_level(screen, facts[n]))
        assert levelled[:3] == [3, 4, 2]  # budget, protest (one source in passing), the mayor
        await pilot.press("k")
        assert screen.cursor.fact is facts[3]
        await pilot.press("up", "down", "down")
        assert screen.cursor.fact is facts[4]


async def test_panes_follow_the_alignment_deep_into_the_articles():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        ferries = h.fact("ferries")
        screen.cursor = screen.cursor.on(ferries)
        await pilot.pause()
        height = screen.deck.panes[0].view.size.height
        assert screen.deck.panes[1].view.sentence_row(ferries.primary[1].sentence) > height  # below the first screen
        assert assert_level(screen, ferries) == 3


async def test_the_current_fact_is_emphasised_without_colour_in_every_reporting_pane():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("j", "j")
        fact = current(screen)
        marks = {}
        for pane in screen.deck.panes:
            mention = screen.review.index.mentions_in(fact, pane.source.id)[0]
            strip = pane.view.render_line(pane.view.sentence_row(mention.sentence) - round(pane.view.scroll_y))
            mark, *text = list(strip)
            marks[pane.source.id] = mark.text
            assert any(seg.style.bold and (seg.style.reverse or seg.style.underline) for seg in text)
        assert marks == {h.HERALD: "▶", h.WIRE: "▶", h.TIMES: "▷", h.POST: "▶"}  # the times: in passing


async def test_only_here_sentences_carry_a_gutter_glyph():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        pane = screen.deck.panes[1]
        schools = h.fact("schools")
        row = pane.view.sentence_row(schools.primary[0].sentence) - round(pane.view.scroll_y)
        assert pane.view.render_line(row).text.startswith("◆")


async def test_n_says_so_and_stays_when_no_fact_has_discrepancies():
    app = ParallaxApp([], alignment=h.without_discrepancies())
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        start = screen.cursor.fact
        with notes(app) as said:
            await pilot.press("n")
            assert screen.cursor.fact is start
            await pilot.press("N")
            assert screen.cursor.fact is start
        assert said and all("No discrepancy" in n for n in said)


async def test_n_and_shift_n_move_between_facts_with_discrepancies():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("n")
        assert screen.cursor.fact is h.fact("budget")
        assert "Monday vs Tuesday" in screen_text(app)  # the inspector lists it
        await pilot.press("n")
        assert screen.cursor.fact is h.fact("ferries")
        await pilot.press("N")
        assert screen.cursor.fact is h.fact("budget")


async def test_u_goes_to_the_next_single_source_fact():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("j")  # the budget, which several sources report
        await pilot.press("u")
        assert screen.cursor.fact is h.ALIGNMENT.facts[4]  # the herald's first background sentence
        await pilot.press("u")
        assert screen.cursor.fact is h.ALIGNMENT.facts[5]


async def test_binding_ids_let_users_remap_keys():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        app.set_keymap({"next-fact": "x"})
        await pilot.press("x")
        assert screen.cursor.fact is h.ALIGNMENT.facts[1]


# -- panes ------------------------------------------------------------------------------------


async def test_tab_shift_tab_h_and_l_move_between_panes():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        assert screen.deck.focused_index == 0
        await pilot.press("tab")
        assert screen.deck.focused_index == 1
        await pilot.press("l")
        assert screen.deck.focused_index == 2
        await pilot.press("h")
        assert screen.deck.focused_index == 1
        await pilot.press("shift+tab", "shift+tab")
        assert screen.deck.focused_index == 3  # wraps around


async def test_80x24_shows_fewer_panes_and_tab_scrolls_to_hidden_ones():
    app = handbuilt()
    async with app.run_test(size=SMALL) as pilot:
        screen = await loaded(app, pilot)
        assert screen.deck.shown == 2
        last = screen.deck.panes[-1]
        assert not screen.deck.region.overlaps(last.region)
        headers = screen_text(app).splitlines()[0]
        assert f"1 {h.HERALD}" in headers and f"4 {h.POST}" not in headers
        for _ in range(3):
            await pilot.press("tab")
        await pilot.pause()
        assert screen.deck.focused_index == 3
        assert screen.deck.first == 2
        assert screen.deck.region.contains_region(last.region)
        text = screen_text(app)
        assert f"4 {h.POST}" in text.splitlines()[0]
        assert "panes 3–4/4" in text


async def test_a_click_on_a_sentence_selects_its_fact():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        view = screen.deck.panes[1].view
        protest = h.fact("protest")
        row = view.sentence_row(protest.primary[1].sentence) - round(view.scroll_y)
        await pilot.click(view, offset=(6, row))
        await pilot.pause()
        assert screen.cursor.fact is protest
        assert app.focused is view


# -- search, filters, overview ------------------------------------------------------------------


async def test_slash_search_finds_a_sentence_in_another_source_and_selects_its_fact():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBar)
        await pilot.press(*"dredg")
        assert screen.cursor.fact is h.fact("dredging")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.deck.focused_index == 2  # the times, where it matched
        assert not screen.search_bar.display


async def test_enter_in_search_goes_to_the_next_match():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("slash", *"harbour b")
        assert screen.cursor.fact is h.fact("headline")
        await pilot.press("enter")
        assert screen.cursor.fact is h.fact("budget")
        await pilot.press("z")
        assert screen.search_bar.has_class("-no-match")
        await pilot.press("tab")  # leaving the bar puts it away
        assert isinstance(app.focused, SourceView) and not screen.search_bar.display


async def test_f_cycles_filters_and_the_counter_and_overview_follow():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        seen = []
        for _ in range(len(FilterKind)):
            await pilot.press("f")
            fact_filter = screen.cursor.filter
            seen.append(fact_filter.kind)
            visible = screen.review.index.visible(fact_filter)
            assert visible and all(fact_filter.accepts(f) for f in visible)
            assert f"of {len(visible)}" in status(screen)
            assert fact_filter.accepts(current(screen))  # moved onto a fact the filter keeps
            await pilot.press("j")
            assert fact_filter.accepts(current(screen))
        assert seen == [FilterKind.SHARED, FilterKind.DISCREPANCIES, FilterKind.SINGLE, FilterKind.MISSING,
                        FilterKind.UNREVIEWED, FilterKind.ALL]
        await pilot.press("f", "o")  # shared facts in the overview, then f there too
        await pilot.pause()
        assert isinstance(app.screen, CoverageScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 4  # budget, protest, mayor, ferries
        await pilot.press("f")
        assert table.row_count == 2  # budget and ferries disagree
        await pilot.press("escape")
        assert screen.cursor.filter.kind is FilterKind.DISCREPANCIES  # the overview's filter sticks


async def test_missing_from_follows_the_focused_pane():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("f", "f", "f", "f")
        assert screen.cursor.filter.kind is FilterKind.MISSING
        assert screen.cursor.filter.source == h.HERALD
        assert h.fact("schools") in screen.review.index.visible(screen.cursor.filter)
        await pilot.press("tab")
        await pilot.pause()
        assert screen.cursor.filter.source == h.WIRE
        visible = screen.review.index.visible(screen.cursor.filter)
        assert h.fact("mayor") in visible and all(h.WIRE not in f.sources for f in visible)


async def test_overview_selecting_a_row_jumps_to_that_fact():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        assert "● reported" in screen_text(app)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CoverageScreen)
        assert screen.cursor.fact is h.ALIGNMENT.facts[3]


async def test_i_collapses_and_restores_the_inspector_and_brackets_scroll_it():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("j")  # the budget: two discrepancies, three sources, more than the inspector shows
        height = screen.deck.size.height
        assert "reported by 3 of 4 sources" in screen_text(app)
        await pilot.press("right_square_bracket")
        assert 0 < screen.inspector.scrolled <= 3
        assert "reported by 3 of 4 sources" not in screen_text(app)  # its title scrolled out of view
        await pilot.press("left_square_bracket")
        assert screen.inspector.scrolled == 0
        await pilot.press("i")
        await pilot.pause()
        assert "reported by" not in screen_text(app)
        assert screen.deck.size.height > height
        await pilot.press("j", "i")
        await pilot.pause()
        assert " f3 " in screen_text(app)
        assert "reported by 4 of 4 sources" in screen_text(app)  # the protest, the times in passing


# -- threshold --------------------------------------------------------------------------------


async def test_plus_and_minus_realign_live_at_the_new_threshold():
    prepared = prepare(h.raw_texts())
    app = ParallaxApp([], alignment=regroup(prepared, DEFAULT_THRESHOLD), prepared=prepared)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("j", "j")
        anchor = current(screen).primary[0]
        await pilot.press("plus")
        await loaded(app, pilot)
        raised = round(DEFAULT_THRESHOLD + 0.05, 2)
        assert screen.cursor.threshold == raised == screen.review.alignment.threshold
        assert screen.review.alignment.facts == regroup(prepared, raised).facts
        assert anchor in current(screen).primary  # still on the same sentence
        assert f"threshold {raised:.2f}" in status(screen)
        await pilot.press("minus", "minus")
        await loaded(app, pilot)
        lowered = round(DEFAULT_THRESHOLD - 0.05, 2)
        assert screen.cursor.threshold == lowered == screen.review.alignment.threshold
        assert screen.review.alignment.facts == regroup(prepared, lowered).facts


async def test_a_ready_alignment_keeps_its_threshold_and_says_so():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        with notes(app) as said:
            await pilot.press("plus")
        assert screen.cursor.threshold == h.ALIGNMENT.threshold
        assert any("threshold is fixed" in n for n in said)


async def test_an_alignment_without_facts_opens_and_walking_says_so():
    two = tuple(replace(s, sentences=tuple(replace(x, kind=SentenceKind.BOILERPLATE) for x in s.sentences))
                for s in h.ALIGNMENT.sources[:2])
    app = ParallaxApp([], alignment=Alignment(two, (), DEFAULT_THRESHOLD))
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        with notes(app) as said:
            await pilot.press("j", "n", "c", "f", "o")
        assert screen.cursor.fact is None and "fact – of 0" in status(screen)
        assert any("No facts match" in n for n in said)


# -- help, palette, quit ------------------------------------------------------------------------


async def test_question_mark_lists_every_binding_id():
    app = handbuilt()
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
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        commands = list(app.get_system_commands(screen))
        offered = {c.callback.args[0] for c in commands if getattr(c.callback, "args", None)}
        every = {b.action for _, bindings in app.binding_groups() for b in bindings[:len(ReviewScreen.BINDINGS) + 3]}
        assert {b.action for b in ReviewScreen.BINDINGS} | {"help"} <= offered <= every
        assert "Quit" in {c.title for c in commands}
        await pilot.press(*"only one")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.1)
        assert current(screen).single_source


async def test_q_quits():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        assert app.return_code is None
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


# -- without colour ---------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["textual-dark", "ansi-dark"])
async def test_no_color_and_ansi_themes_keep_emphasis_in_text_attributes(monkeypatch, theme):
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("COLORTERM", raising=False)
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        app.theme = theme
        screen = await loaded(app, pilot)
        assert app.no_color
        pane = screen.deck.panes[0]
        mention = screen.review.index.mentions_in(current(screen), pane.source.id)[0]
        mark, *text = list(pane.view.render_line(pane.view.sentence_row(mention.sentence) - round(pane.view.scroll_y)))
        assert mark.text == "▶" and mark.style.bold
        assert all(seg.style.bold and seg.style.reverse for seg in text if seg.text.strip())
        shown = screen_text(app)
        assert "◆" in shown and "▶" in shown  # only-here and current marks are glyphs


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
        screen = await loaded(app, pilot)
        text = screen_text(app)
        assert "[bold red]x[/]" in text
        assert "[link=http://x]y[/link]" in text
        assert "red details and" in text
        for bad in ("\x1b", "\x07", "\u202e", "\u202c", "\x9b", "pwned"):
            assert bad not in text
        view = screen.deck.panes[0].view
        for strip in (view.render_line(y) for y in range(view.size.height)):
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
    assert text.spans[0].style != "" and text.plain[text.spans[0].start:text.spans[0].end] == "[red]alert[/red]"
    assert text.plain[text.spans[1].start:text.spans[1].end] == "now"


# -- responsiveness -----------------------------------------------------------------------------


async def test_a_key_press_redraws_only_the_rows_whose_emphasis_changed(monkeypatch):
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("j", "j", "k")  # both facts' rows are drawn and cached now
        await pilot.pause()
        drawn: list[tuple[str, int]] = []
        real_draw = SourceView._draw_row

        def draw(view: SourceView, row: int):
            drawn.append((view.source.id, row))
            return real_draw(view, row)

        monkeypatch.setattr(SourceView, "_draw_row", draw)
        before, after = h.fact("budget"), h.fact("protest")
        await pilot.press("j")
        await pilot.pause()
        index = screen.review.index
        changed = sum(len(pane.view.sentence_layout.lines[m.sentence]) for pane in screen.deck.panes
                      for m in index.mentions_in(before, pane.source.id) + index.mentions_in(after, pane.source.id))
        assert 0 < len(drawn) <= changed


async def test_twenty_sources_open_side_by_side():
    app = ParallaxApp([], alignment=h.build(h.with_copies(16)))
    async with app.run_test(size=(250, 60)) as pilot:
        screen = await loaded(app, pilot)
        assert len(screen.deck.panes) == 20
        await pilot.press("j", "j")
        await pilot.pause()
        assert len(current(screen).sources) == 20  # the protest: every copy reports it
        assert "panes 1–6/20" in status(screen)


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
    app = handbuilt()
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await loaded(app, pilot)
        deck = screen.deck
        for _ in range(len(deck.panes) + 1):
            await pilot.press("l")
            await pilot.pause()
            shown = deck.panes[deck.first:deck.first + deck.shown]
            assert shown[0].region.x == deck.region.x  # the first pane in view starts at the left edge
            assert all(p.region.width == shown[0].region.width for p in shown)
            assert deck.focused_index in range(deck.first, deck.first + deck.shown)


async def test_keys_typed_in_one_burst_with_slash_land_in_the_search():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        for key, char in [("slash", "/"), ("H", "H"), ("u", "u"), ("slash", "/"), ("n", "n")]:
            app.post_message(events.Key(key, char))  # all at once, as a paste or SSH delivers them
        await pilot.pause()
        await pilot.pause()
        assert screen.search_bar.value == "Hu/n"  # 'u', 'n' were text, not 'next single-source', 'next discrepancy'
        assert screen.search_bar.has_focus
