"""What the panes show about a sentence beyond its words: the clause that reports the current
fact when a sentence reports several, and names and text that would break the layout (a newline
in a file name, emoji sequences whose width Rich and terminals disagree on)."""
from __future__ import annotations

from dataclasses import replace

import handbuilt as h
from driving import WIDE, current, gutter, loaded, screen_text, sentence_strip
from rich.cells import cell_len

from align.model import Alignment, Fact, Mention, Sentence, Source
from tui.app import ParallaxApp
from tui.safe_text import one_line, shown

HERALD_BUDGET = "The council approved a $2.3 billion harbour budget on Monday."
TIMES_BUDGET = "The harbour budget of $2.3 billion passed on Tuesday, officials said."


def with_a_fact_on_clauses() -> tuple[Alignment, Fact]:
    """The hand-built alignment and one more fact: the herald's and the times' budget sentences,
    each through one clause ("on Monday" / "passed on Tuesday")."""
    a = h.ALIGNMENT
    herald, times = a.source(h.HERALD), a.source(h.TIMES)
    hs = next(s for s in herald.sentences if s.text == HERALD_BUDGET)
    ts = next(s for s in times.sentences if s.text == TIMES_BUDGET)
    h_clause = (hs.start + hs.text.index("harbour budget"), hs.end)
    t_clause = (ts.start + ts.text.index("passed"), ts.start + ts.text.index(", officials"))
    extra = Fact("fclause", 0.4, (Mention(h.HERALD, hs.index, clause=h_clause),
                                  Mention(h.TIMES, ts.index, clause=t_clause)))
    return replace(a, facts=(*a.facts, extra)), extra


async def test_a_sentence_of_two_facts_shows_the_clause_that_reports_the_current_one():
    alignment, extra = with_a_fact_on_clauses()
    app = ParallaxApp([], alignment=alignment)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        budget = next(f for f in alignment.facts if f.id == h.fact("budget").id)
        screen.cursor = screen.cursor.on(extra)
        await pilot.pause()
        herald = extra.members[0].sentence
        strips = [sentence_strip(screen, 0, herald, line) for line in range(2)]
        assert gutter(screen, 0, strips[0]) == (str(len(alignment.facts)), "▶")  # the current fact's number
        reversed_words = " ".join("".join(s.text for s in strip if s.style.reverse) for strip in strips)
        assert "harbour budget on Monday." in reversed_words and "council" not in reversed_words
        assert "reported by 2 sources" in screen_text(app)
        screen.cursor = screen.cursor.on(budget)
        await pilot.pause()
        view = screen.deck.panes[0].view
        row = view.sentence_row(herald) - round(view.scroll_y)
        await pilot.click(view, offset=(8, row))  # on a sentence of the current fact: its next fact
        await pilot.pause()
        assert current(screen) is extra
        await pilot.click(view, offset=(8, row))
        await pilot.pause()
        assert current(screen) is budget


HOSTILE_NAME = "evil\nname\x1b[2J\x1b]0;owned\x07 · 2025"
EMOJI = ("The family 👨\u200d👩\u200d👧 flew the 🇺🇸 flag, ❤\ufe0f 👍🏽 and 1\ufe0f\u20e3 winners; "
         "the council approved the budget on Monday.")


def hostile_alignment() -> Alignment:
    text = EMOJI + "\n"
    sentences = (Sentence(0, 0, len(EMOJI), EMOJI),)
    first = Source("a", None, "A title\nover two lines\x1b[31m", text, sentences, label=HOSTILE_NAME)
    second = replace(h.ALIGNMENT.source(h.HERALD), id="b", label="b\tlabel\r\nhere")
    fact = Fact("f1", 0.5, (Mention("a", 0), Mention("b", 1)))
    return Alignment((first, second), (fact,), 0.2)


async def test_names_with_line_breaks_and_escapes_stay_on_their_header_line():
    app = ParallaxApp([], alignment=hostile_alignment())
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        lines = screen_text(app).splitlines()
        assert "1 evil name · 2025" in lines[0] and "2 b label here" in lines[0]
        assert "A title over two lines" in lines[1]
        assert "owned" not in screen_text(app) and "\x1b" not in screen_text(app)
        for pane in screen.deck.panes:
            assert pane.header.outer_size.height == 2


async def test_emoji_sequences_take_the_cells_we_count_and_never_push_the_pane_edge():
    app = ParallaxApp([], alignment=hostile_alignment())
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        view = screen.deck.panes[0].view
        rows = [view.render_line(y) for y in range(view.size.height)]
        text = "".join(strip.text for strip in rows)
        assert "US flag" in text and "👨👩👧" in text
        for trap in ("\u200d", "\ufe0f", "\U0001f3fd", "\u20e3", "\U0001f1fa"):
            assert trap not in text
        for strip in rows:
            assert strip.cell_length == view.size.width == sum(cell_len(s.text) for s in strip)
        assert "👨👩👧" in screen_text(app)  # the inspector shows it the same way


def test_shown_and_one_line_make_text_that_measures_the_same_everywhere():
    assert shown("🇫🇷 and 🇩🇪") == "FR and DE"
    assert shown("👩\u200d💻 coder") == "👩💻 coder" and cell_len(shown("👩\u200d💻")) == 4
    assert shown("ok👍🏿\ufe0f") == "ok👍"
    assert one_line("  two\n lines\tand\x1b[1m bold  ") == "two lines and bold"
