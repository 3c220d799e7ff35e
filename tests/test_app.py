"""The review app driven through Textual's Pilot on a hand-built alignment (tests/handbuilt.py):
every key, the panes' levelling, the loading screen, and article text that tries to act as
markup or terminal control."""
from __future__ import annotations

import threading
from dataclasses import replace

import handbuilt as h
import pytest
from driving import SMALL, WIDE, current, gutter, loaded, notes, remarks, screen_text, sentence_strip
from rich.cells import cell_len
from textual import events
from textual.command import CommandPalette
from textual.widgets import DataTable

import align.pipeline as engine
from align.model import Alignment, Fact, SentenceKind, SentenceRef
from align.pipeline import DEFAULT_THRESHOLD, prepare, regroup
from align.sources import InputError
from review.index import FilterKind
from tui.app import ParallaxApp
from tui.help import HelpScreen
from tui.matrix import CoverageScreen
from tui.panes import PaneDeck, SourceView, level_anchor, wrapped
from tui.review_screen import ReviewScreen
from tui.safe_text import clean, safe_text
from tui.search import SearchField
from tui.status import StatusLine, fitted


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


async def test_the_articles_show_at_once_and_their_facts_once_compared(monkeypatch, tmp_path):
    release = threading.Event()
    real_prepare = engine.prepare

    def slow_prepare(raws, progress=None):
        release.wait(10)
        return real_prepare(raws, progress)

    monkeypatch.setattr(engine, "prepare", slow_prepare)
    app = ParallaxApp([h.write_articles(tmp_path / "articles")])
    try:
        async with app.run_test(size=WIDE) as pilot:
            for _ in range(50):
                await pilot.pause(0.05)
                if isinstance(app.screen, ReviewScreen):
                    break
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            await pilot.pause(0.1)
            text = screen_text(app)
            assert "Comparing the 4 sources" in text
            assert "The council approved" in text  # the articles, before any fact
            await pilot.press("j", "c", "o")  # nothing to walk, judge or overview yet: nothing happens
            assert screen.cursor.fact is None and isinstance(app.screen, ReviewScreen)
            release.set()
            screen = await loaded(app, pilot)
            assert len(screen.deck.panes) == 4
            assert screen.cursor.fact is screen.review.index.facts[0]
            assert "Comparing" not in screen_text(app)
            assert isinstance(app.focused, PaneDeck)
            await pilot.press("j")
            assert screen.cursor.fact is screen.review.index.facts[1]
    finally:
        release.set()


async def test_q_quits_while_the_articles_are_still_loading(monkeypatch, tmp_path):
    release = threading.Event()
    real_prepare = engine.prepare
    monkeypatch.setattr(engine, "prepare", lambda raws, progress=None: release.wait(10) and real_prepare(raws))
    app = ParallaxApp([h.write_articles(tmp_path / "articles")])
    try:
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause(0.1)
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
        for n, pane in enumerate(screen.deck.panes):
            mention = screen.review.index.mentions_in(fact, pane.source.id)[0]
            strip = sentence_strip(screen, n, mention.sentence)
            number, marks[pane.source.id] = gutter(screen, n, strip)
            assert number == "3"
            assert any(seg.style.bold and (seg.style.reverse or seg.style.underline) for seg in list(strip)[1:])
        assert marks == {h.HERALD: "▶", h.WIRE: "▶", h.TIMES: "▷", h.POST: "▶"}  # the times: in passing


async def test_every_sentence_carries_its_fact_number_and_a_mark():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        index = screen.review.index
        wire = screen.deck.panes[1].source
        seen = {}
        for sentence in wire.sentences:
            fact = index.owner(SentenceRef(wire.id, sentence.index))
            seen[sentence.text[:20]] = gutter(screen, 1, sentence_strip(screen, 1, sentence.index))
            assert seen[sentence.text[:20]][0] == str(index.number(fact))
        assert seen["Schools near the por"][1] == "◆"  # only the wire has it
        assert seen["Protesting dock work"][1] == "●"  # others report it too
        assert seen["On Monday the counci"][1] == "✕"  # its figure is disputed


async def test_n_says_so_and_stays_when_no_fact_has_discrepancies():
    app = ParallaxApp([], alignment=h.without_discrepancies())
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        start = screen.cursor.fact
        with notes(app) as toasts, remarks(screen) as said:
            await pilot.press("n")
            assert screen.cursor.fact is start
            await pilot.press("N")
            assert screen.cursor.fact is start
        assert len(said) == 2 and all("No fact whose sources disagree" in n for n in said)
        assert "No fact whose sources disagree" in status(screen) and not toasts  # said where the keys act


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
        with notes(app) as said:
            await pilot.press("N")  # none before the first: round to the last
        assert screen.cursor.fact is [f for f in screen.review.index.facts if f.discrepancies][-1]
        assert "Wrapped around." in screen_text(app).splitlines()[-2] and not said  # no toast over the screen
        await pilot.press("j")  # the remark was about the last key: the next move takes it away
        assert "Wrapped around." not in status(screen)


async def test_s_and_shift_s_go_to_facts_only_one_source_has():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("j")  # the budget, which several sources report
        await pilot.press("s")
        assert screen.cursor.fact is h.ALIGNMENT.facts[4]  # the herald's first background sentence
        await pilot.press("s")
        assert screen.cursor.fact is h.ALIGNMENT.facts[5]
        await pilot.press("S")
        assert screen.cursor.fact is h.ALIGNMENT.facts[4]


async def test_g_and_shift_g_go_to_the_ends_and_ctrl_d_and_ctrl_u_by_half_a_pane():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        facts = h.ALIGNMENT.facts
        await pilot.press("G")
        assert current(screen) is facts[-1]
        await pilot.press("g")
        assert current(screen) is facts[0]
        await pilot.press("end", "home")
        assert current(screen) is facts[0]
        view = screen.deck.panes[0].view
        start = view.sentence_row(facts[0].primary[0].sentence)
        await pilot.press("ctrl+d")
        sentence = screen.review.index.mentions_in(current(screen), h.HERALD)[0].sentence
        last_row = view.sentence_row(sentence) + len(view.sentence_layout.lines[sentence]) - 1
        assert last_row >= start + view.size.height // 2 > view.sentence_row(sentence) - 2  # half a pane on
        await pilot.press("ctrl+u")
        assert screen.review.index.position(current(screen)) < screen.review.index.position(facts[4])


async def test_binding_ids_let_users_remap_keys():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        app.set_keymap({"next-fact": "x"})
        await pilot.press("x")
        assert screen.cursor.fact is h.ALIGNMENT.facts[1]


# -- panes ------------------------------------------------------------------------------------


async def test_tab_wraps_around_the_panes_h_and_l_stop_at_the_ends_and_digits_pick_one():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        deck = screen.deck
        assert deck.focused_index == 0 and deck.panes[0].header.has_class("-focused")
        await pilot.press("tab")
        assert deck.focused_index == 1
        await pilot.press("l")
        assert deck.focused_index == 2
        await pilot.press("h")
        assert deck.focused_index == 1
        await pilot.press("shift+tab", "shift+tab")
        assert deck.focused_index == 3  # tab wraps around
        with remarks(screen) as said:
            await pilot.press("l")
        assert deck.focused_index == 3 and any("last pane" in n for n in said)  # l does not
        assert "This is the last pane." in status(screen)
        await pilot.press("2")
        assert deck.focused_index == 1 and deck.panes[1].header.has_class("-focused")
        assert not deck.panes[3].header.has_class("-focused")
        with remarks(screen) as said:
            await pilot.press("7")
        assert deck.focused_index == 1 and any("4 panes" in n for n in said)
        assert isinstance(app.focused, PaneDeck)  # the keyboard stays with the deck throughout


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
        assert "panes 3–4 of 4" in status(screen)


async def test_80x24_keeps_help_and_quit_on_the_key_line():
    app = handbuilt()
    async with app.run_test(size=SMALL) as pilot:
        await loaded(app, pilot)
        keys = screen_text(app).splitlines()[-1]
        assert keys.rstrip().endswith("? Help  q Quit  ^p Commands")
        assert keys.startswith(" j/k Fact")
        assert len(keys) <= SMALL[0]
    app = handbuilt()
    async with app.run_test(size=(50, 20)) as pilot:  # narrower still: the pinned keys stay
        await loaded(app, pilot)
        assert screen_text(app).splitlines()[-1].rstrip().endswith("? Help  q Quit  ^p Commands")


async def test_a_click_on_a_sentence_selects_its_fact_and_focuses_its_pane():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        view = screen.deck.panes[1].view
        protest = h.fact("protest")
        row = view.sentence_row(protest.primary[1].sentence) - round(view.scroll_y)
        await pilot.click(view, offset=(6, row))
        await pilot.pause()
        assert screen.cursor.fact is protest
        assert screen.deck.focused_index == 1


# -- search, filters, overview ------------------------------------------------------------------


async def test_slash_search_finds_a_sentence_in_another_source_and_selects_its_fact():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchField)
        await pilot.press(*"dredg")
        assert screen.cursor.fact is h.fact("dredging")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.deck.focused_index == 2  # the times, where it matched
        assert not screen.search_bar.display and isinstance(app.focused, PaneDeck)
        assert screen.matches  # still highlighted ...
        await pilot.press("escape")
        assert screen.matches == ()  # ... until esc again


async def test_search_highlights_every_match_counts_them_and_says_when_there_is_none():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("slash", *"timetable")
        matches = screen.matches
        assert len(matches) == 3  # the herald, the wire, the post
        assert "1 of 3 matches" in screen_text(app)
        for match in matches:
            n = screen.review.index.source_ids.index(match.ref.source)
            strips = [sentence_strip(screen, n, match.ref.sentence, line) for line in range(3)]
            segments = [s for strip in strips for s in strip]
            at = next(k for k, s in enumerate(segments) if s.text == "timetable")
            match, after = segments[at].style, segments[at + 1].style
            assert match.italic and not after.italic
            assert match.reverse != after.reverse  # stands out, reversed or (in the reversed current fact) not
        await pilot.press("enter")
        assert "2 of 3 matches" in screen_text(app)
        assert screen.cursor.fact is h.fact("ferries")
        await pilot.press(*"zz")
        assert "no match" in screen_text(app) and screen.search_bar.has_class("-no-match")
        assert screen.matches == ()
        await pilot.press("tab")  # leaving the bar puts it away
        assert isinstance(app.focused, PaneDeck) and not screen.search_bar.display


async def test_enter_in_search_goes_to_the_next_match():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("slash", *"harbour b")
        assert screen.cursor.fact is h.fact("headline")
        await pilot.press("enter")
        assert screen.cursor.fact is h.fact("budget")


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
        await pilot.press("f")
        assert "shared" in status(screen)
        await pilot.press("o")  # shared facts in the overview, then f there too
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


async def test_overview_walks_like_a_list_and_selecting_a_row_jumps_to_that_fact():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        text = screen_text(app)
        assert "● reports it" in text and "✕ disagrees" in text
        assert "figures differ, dates differ" in text  # the budget's row names its disagreements
        table = app.screen.query_one(DataTable)
        await pilot.press("j", "j", "j", "k")
        assert table.cursor_row == 2
        await pilot.press("G")
        assert table.cursor_row == table.row_count - 1
        await pilot.press("g")
        assert table.cursor_row == 0
        await pilot.press("ctrl+d")
        assert table.cursor_row > 3
        await pilot.press("ctrl+u", "j", "j", "j", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CoverageScreen)
        assert screen.cursor.fact is h.ALIGNMENT.facts[3]


async def test_overview_shows_disagreement_reversed_so_it_reads_without_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        cells = table.get_row(h.fact("budget").id)
        marks = {cell.plain: cell.style for cell in cells[1:5]}
        assert set(marks) == {"✕", "○"}
        assert "reverse" in str(marks["✕"]) and "reverse" not in str(marks["○"])


async def test_i_collapses_and_restores_the_inspector_and_curly_brackets_scroll_it():
    app = handbuilt()
    async with app.run_test(size=SMALL) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("j")  # the budget: two disagreements, three sources, more than the inspector shows
        height = screen.deck.size.height
        assert "reported by 3 sources, missing from 1" in screen_text(app)
        await pilot.press("right_curly_bracket")
        assert 0 < screen.inspector.scrolled <= 3
        assert "reported by 3 sources" not in screen_text(app)  # its title scrolled out of view
        await pilot.press("left_curly_bracket")
        assert screen.inspector.scrolled == 0
        await pilot.press("i")
        await pilot.pause()
        assert "reported by" not in screen_text(app)
        assert screen.deck.size.height > height
        await pilot.press("j", "i")
        await pilot.pause()
        assert " fact 3 " in screen_text(app)
        assert "reported by 3 sources, mentioned by 1" in " ".join(screen_text(app).split())  # the times in passing


async def test_the_inspector_speaks_plainly():
    app = handbuilt()
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("j")
        text = screen_text(app)
        for words in ("fact 2", "reported by 3 sources, missing from 1", "agreement 0.50 (how alike)",
                      "figures differ (cannot both be true)", "dates differ", "1 harbour-herald $2.3 billion",
                      "missing from     4 port-post", "no verdict yet"):
            assert words in text, words
        for jargon in ("cohesion", "variant", "conflict", "= Mon", "2300000000", "(also)"):
            assert jargon not in text, jargon
        await pilot.press("n")  # the ferries: a name one source words otherwise
        assert "named differently (both can be true)" in screen_text(app)


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
        assert current(screen).id in status(screen)  # and the same fact, by its id
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
        with remarks(screen) as said:
            await pilot.press("j", "n", "c", "f", "o")
        assert screen.cursor.fact is None and "fact –" in status(screen) and "of 0" in status(screen)
        assert any("No facts match" in n for n in said)


# -- help, palette, quit ------------------------------------------------------------------------


async def test_question_mark_explains_the_marks_and_lists_every_binding_id():
    app = handbuilt()
    async with app.run_test(size=(160, 60)) as pilot:
        await loaded(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        ids = [b.id for _, bindings in app.binding_groups() for b in bindings]
        assert len(ids) > 20 and all(ids)
        explained = ("figures differ", "one date is less precise", "agreement 0.29 (how alike)",
                     "mentioned by 1", "facts without a verdict", "facts where sources disagree",
                     "facts missing from the focused source", "✕ disagrees",
                     "counts as reviewed once it has a verdict")

        def unseen(shown: str) -> list[str]:
            return ([binding_id for binding_id in ids if binding_id not in shown] +
                    [words for words in explained if words not in " ".join(shown.split())])

        shown = screen_text(app)
        for _ in range(12):  # j, ctrl+d scroll it, until all of it has been on screen
            if not unseen(shown):
                break
            await pilot.press("ctrl+d", "j")
            await pilot.pause()
            shown += screen_text(app)
        assert unseen(shown) == []
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
        await pilot.press("j")  # the budget: current, and disputed
        herald = screen.review.index.mentions_in(current(screen), h.HERALD)[0]
        strip = sentence_strip(screen, 0, herald.sentence)
        assert gutter(screen, 0, strip) == ("2", "✕")
        text_start = screen.deck.panes[0].view.gutter_width
        words, at = [], 0
        for segment in strip:
            if at >= text_start and segment.text.strip():
                words.append(segment)
            at += len(segment.text)
        assert all(s.style.bold and s.style.reverse for s in words)  # the current fact: reversed
        disputed = [s for s in words if "$2.3" in s.text or "Monday" in s.text]
        assert disputed and all(s.style.underline for s in disputed)  # the disputed words: underlined too
        assert not any(s.style.underline for s in words if "council" in s.text)
        await pilot.press("k")  # away from the budget: its disputed words stay marked
        strip = sentence_strip(screen, 0, herald.sentence)
        assert gutter(screen, 0, strip) == ("2", "✕")
        assert any(s.style.underline for s in strip if "$2.3" in s.text)
        assert not any(s.style.reverse for s in strip if "council" in s.text)
        shown = screen_text(app)
        assert "◆" in shown and "✕" in shown  # only-here and disputed marks are glyphs


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

        def draw(view: SourceView, layout, row: int, width: int, bar: str):
            drawn.append((view.source.id, row))
            return real_draw(view, layout, row, width, bar)

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
        assert "panes 1–6 of 20" in status(screen)


# -- the pure parts -----------------------------------------------------------------------------


def test_level_anchor_puts_every_pane_on_one_row_where_their_scroll_ranges_allow():
    # rows of the fact in three panes, how far each can scroll, a 20-row view, 5 preferred
    assert level_anchor([30, 12, 50], [100, 100, 100], 20, 5) == 5
    assert level_anchor([30, 2, 50], [100, 100, 100], 20, 5) == 2  # one pane cannot scroll above its top
    assert level_anchor([30, 12, 50], [100, 100, 40], 20, 5) == 10  # one cannot scroll far enough down
    assert level_anchor([1, 60], [100, 30], 20, 5) is None  # no common row: each pane on its own


def test_wrap_breaks_at_words_folds_long_words_and_counts_wide_cells():
    assert wrapped("one two three four", 9) == ["one two", "three", "four"]
    assert wrapped("a " + "x" * 12, 5) == ["a", "xxxxx", "xxxxx", "xx"]
    assert wrapped("北京北京北京", 4) == ["北京", "北京", "北京"]
    assert wrapped("line\nbreak", 20) == ["line", "break"]
    assert wrapped("  spaced   out  ", 20) == ["spaced out"]


@pytest.mark.parametrize("width", [80, 120])
async def test_moving_between_panes_keeps_whole_panes_in_view(width):
    app = handbuilt()
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await loaded(app, pilot)
        deck = screen.deck
        for _ in range(len(deck.panes) + 1):
            await pilot.press("tab")
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
        assert screen.search_bar.value == "Hu/n"  # 'u', 'n' were text, not 'undo', 'next disagreement'
        assert screen.search_bar.field.has_focus


def test_a_long_status_message_keeps_its_start_and_one_ending_in_a_path_its_file_name():
    remark = "This is the last fact (facts only 004_99907c6edd24b513 has)."
    assert fitted(remark, 30) == "This is the last fact (facts …"
    written = fitted("Report written to /home/me/some/long/path/report.md", 30)
    assert written.startswith("…") and written.endswith("/path/report.md") and cell_len(written) == 30
    assert cell_len(fitted("北京" * 10, 7)) <= 7 and fitted(remark, 200) == remark
