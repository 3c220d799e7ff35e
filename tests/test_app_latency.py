"""What the app does to answer a key quickly, and that the reviewer sees none of it.

Preparing the likely next facts while the reviewer reads one (the panes' rows and the
inspector's lines): on in a terminal, off in headless tests unless a test turns it on, as here.
Going to a fact prepared so draws only what its emphasis changes, and shows the same screen.
The panes have no scrollbar widgets of Textual's (they draw their own): the wheel scrolls them."""
from __future__ import annotations

import handbuilt as h
import pytest
from driving import current, loaded, screen_text
from textual import events
from textual.pilot import Pilot
from textual.timer import Timer

import tui.inspector
import tui.panes
import tui.state
from align.model import Alignment, Fact
from tui.app import ParallaxApp
from tui.config import Config
from tui.inspector import FactInspector, Rendering, Subject
from tui.panes import PaneDeck, SourceView
from tui.review_screen import ReviewScreen

SIZE = (250, 60)
MOMENT = 0.3  # seconds: the look-ahead starts 0.05 s after a fact is shown


def twenty_sources() -> ParallaxApp:
    return ParallaxApp([], alignment=h.build(h.with_copies(16)))


def seeds(alignment: Alignment) -> ParallaxApp:
    """The seed articles: longer than a pane 20 rows high, so that each fact scrolls the panes."""
    return ParallaxApp([], alignment=alignment)


@pytest.fixture
def looking_ahead(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PaneDeck, "look_ahead", True)
    monkeypatch.setattr(FactInspector, "look_ahead", True)


def prepared(inspector: FactInspector, fact: Fact) -> Rendering:
    """The inspector's kept description of `fact` as it is first shown (at its first disagreement)."""
    return next(r for r in inspector._kept.values() if r.subject and r.subject.fact is fact and not r.subject.discrepancy)


async def walked(app: ParallaxApp, pilot: Pilot[object], keys: str | list[str], looks: bool = False,
                 moment: float = MOMENT) -> tuple[ReviewScreen, list[str]]:
    """Press `keys` one at a time, a moment apart; the screen's text after each (with `looks`,
    the screenshot: every cell's colours and emphasis too)."""
    screen = await loaded(app, pilot)
    seen = []
    for key in keys:
        await pilot.press(key)
        await pilot.pause(moment)
        seen.append(app.export_screenshot() if looks else screen_text(app))
    return screen, seen


@pytest.mark.usefixtures("looking_ahead")
async def test_the_next_fact_prepared_costs_no_drawing(monkeypatch, seed_alignment):
    """The next fact's rows are drawn ahead as they will look then (its sentences emphasised,
    the current fact's plain again, the rest as they are): going there draws no row."""
    app = seeds(seed_alignment)
    async with app.run_test(size=(160, 30)) as pilot:
        screen, _ = await walked(app, pilot, "jjj")
        drawn: list[tuple[SourceView, int]] = []
        real_draw = SourceView._draw_row

        def draw(view: SourceView, layout, row: int, width: int, bar: str):
            drawn.append((view, row))
            return real_draw(view, layout, row, width, bar)

        monkeypatch.setattr(SourceView, "_draw_row", draw)
        monkeypatch.setattr(PaneDeck, "look_ahead", False)  # what the key draws, not what it prepares next
        before = current(screen)
        await pilot.press("j")
        after = current(screen)
        assert after is not before
        assert any(y for view, y in screen.deck._levelled(after)), "the panes scrolled"
        assert not drawn


@pytest.mark.usefixtures("looking_ahead")
async def test_the_inspector_has_the_next_fact_ready():
    app = twenty_sources()
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await walked(app, pilot, "j")
        inspector = screen.inspector
        following = screen.review.index.step(current(screen), screen.cursor.filter, 1)
        assert following is not None
        kept = inspector._kept.get(Subject(screen.review.index, following, 0))
        assert kept is not None and kept.ready(inspector.content_region.height + 1)


async def test_looking_ahead_changes_nothing_on_screen(monkeypatch):
    """The same keys with and without looking ahead show the same screens, cell for cell and
    colour for colour: walking facts, a filter, a search's matches and panes coming into view
    each change what the rows drawn ahead would show."""
    keys = [*"jnfj", "slash", "t", "escape", "escape", *"j9k"]  # esc again: no matches; 9: a pane out of view

    async def screens() -> list[str]:
        app = twenty_sources()
        async with app.run_test(size=(150, 40)) as pilot:  # four panes and a sliver of a fifth
            _, seen = await walked(app, pilot, keys, looks=True, moment=0.15)
        return seen

    typing = range(keys.index("slash"), keys.index("escape"))  # the field's cursor blinks meanwhile
    plain = [shown for n, shown in enumerate(await screens()) if n not in typing]
    monkeypatch.setattr(PaneDeck, "look_ahead", True)
    monkeypatch.setattr(FactInspector, "look_ahead", True)
    ahead = [shown for n, shown in enumerate(await screens()) if n not in typing]
    assert len(set(plain)) > len(plain) // 2  # the keys changed the screen
    assert ahead == plain


async def test_moving_past_the_last_pane_in_view_is_one_frame(monkeypatch):
    """`l` past the last pane in view scrolls the deck sideways; the pane brought into view, the
    sliver of the one after it (the width left over from whole panes shows its first columns),
    their levelling and the status line's count of panes in view are all in the frame the key
    causes: none of it waits for a second frame (through a terminal, each frame is another
    full screen of output)."""
    app = twenty_sources()
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(app, pilot)
        deck = screen.deck
        assert SIZE[0] % deck.shown, "a sliver of the next pane is on screen"
        sliver = deck.panes[deck.shown + 1]
        while sliver.source.id not in current(screen).sources:
            await pilot.press("j")
        for _ in range(deck.shown - 1):
            await pilot.press("l")
        await pilot.pause(MOMENT)
        assert deck.first == 0
        frames: list[object] = []
        real = ParallaxApp._display

        def display(app: ParallaxApp, on: object, update: object) -> None:
            if update is not None:
                frames.append(update)
            real(app, on, update)  # type: ignore[arg-type]

        monkeypatch.setattr(ParallaxApp, "_display", display)
        await pilot.press("l")
        await pilot.pause(MOMENT)
        assert deck.first == 1 and len(frames) == 1
        assert f"panes 2–{deck.shown + 1} of 20" in screen_text(app).splitlines()[-2]
        fact, index = current(screen), screen.review.index
        assert sliver.view.region.x < SIZE[0], "on screen"
        wanted = {m.sentence for m in index.mentions_in(fact, sliver.source.id)}
        assert wanted and set(sliver.view.emphasised) == wanted


async def test_the_wheel_scrolls_a_pane_longer_than_its_view(seed_alignment):
    app = seeds(seed_alignment)
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await loaded(app, pilot)
        view = screen.deck.panes[0].view
        assert view.max_scroll_y > 0
        view.scroll_to(y=0, animate=False, immediate=True)
        await pilot.pause()

        def wheel(event: type[events.MouseScrollDown | events.MouseScrollUp]) -> None:
            view.post_message(event(view, 2, 2, 0, 1, 0, False, False, False))

        wheel(events.MouseScrollDown)
        await pilot.pause()
        assert view.scroll_y > 0
        wheel(events.MouseScrollUp)
        await pilot.pause()
        assert view.scroll_y == 0
        assert not view.show_vertical_scrollbar  # and no scrollbar widget of Textual's to restyle and lay out


async def test_opening_and_closing_the_search_bar_redraws_no_row_of_the_panes_but_a_new_theme_does(monkeypatch):
    """The deck gives the keys to the search bar and takes them back: no pane's look depends on
    that, so every row drawn stays drawn (only rows the shorter panes show anew are drawn)."""
    app = ParallaxApp([], alignment=h.ALIGNMENT)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await loaded(app, pilot)
        views = [pane.view for pane in screen.deck.panes]
        held = {view: dict(view._strips) for view in views}
        drawn: list[tuple[SourceView, int, str]] = []
        real_draw = SourceView._draw_row

        def draw(view: SourceView, layout, row: int, width: int, bar: str):
            drawn.append((view, row, bar))
            return real_draw(view, layout, row, width, bar)

        monkeypatch.setattr(SourceView, "_draw_row", draw)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is screen.deck
        assert all(view._strips.get(key) is strip for view in views for key, strip in held[view].items())
        assert not any((row, bar) in held[view] for view, row, bar in drawn)
        before = screen_text(app), app.export_screenshot()
        drawn.clear()
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert {view for view, _, _ in drawn} == set(views)  # every pane, in the new colours
        assert screen_text(app) == before[0] and app.export_screenshot() != before[1]


@pytest.mark.usefixtures("looking_ahead")
async def test_after_a_verdict_the_next_fact_is_still_ready_and_the_judged_fact_shows_its_verdict():
    """The commonest step, a verdict and then the next fact: the verdict makes a new review,
    which changes nothing the next fact's prepared description says."""
    app = twenty_sources()
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await walked(app, pilot, "j")
        inspector, judged = screen.inspector, current(screen)
        following = screen.review.index.step(judged, screen.cursor.filter, 1)
        assert following is not None
        ready = prepared(inspector, following)
        assert "verdict: confirmed" not in screen_text(app)
        await pilot.press("c")
        assert "verdict: confirmed" in screen_text(app)
        await pilot.press("j")
        assert current(screen) is following and inspector._now is ready
        await pilot.press("k")
        assert current(screen) is judged and "verdict: confirmed" in screen_text(app)


async def test_the_next_fact_is_prepared_from_its_top_however_far_this_one_is_scrolled():
    """A fact is shown from its first line: the lines scrolled past in this one are not wanted there."""
    app = ParallaxApp([], alignment=h.build(h.with_copies(16)), config=Config(inspector_height="6"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(app, pilot)
        inspector = screen.inspector
        await pilot.press("j", "right_curly_bracket")
        assert inspector.scrolled > 0
        inspector._look_ahead(screen.review, screen.cursor)  # as if the reviewer scrolled before it began
        await pilot.pause(MOMENT)
        following = screen.review.index.step(current(screen), screen.cursor.filter, 1)
        assert following is not None
        kept = prepared(inspector, following)
        shown_first = Rendering(kept.blocks)
        inspector._lines(inspector.content_region.height + 1, shown_first)
        assert kept.rendered == shown_first.rendered < len(kept.blocks)


@pytest.mark.usefixtures("looking_ahead")
async def test_the_prepared_facts_stay_prepared_when_the_inspector_grows():
    """A taller terminal makes a taller inspector (its height a share of the screen), its lines as wide as before."""
    app = ParallaxApp([], alignment=h.build(h.with_copies(16)), config=Config(inspector_height="30%"))
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await walked(app, pilot, "j")
        inspector = screen.inspector
        height, width = inspector.content_region.height, inspector.content_region.width
        following = screen.review.index.step(current(screen), screen.cursor.filter, 1)
        assert following is not None
        ready = prepared(inspector, following)
        await pilot.resize_terminal(SIZE[0], SIZE[1] + 20)
        await pilot.pause()
        assert inspector.content_region.height > height and inspector.content_region.width == width
        strips = list(ready.strips)
        await pilot.press("j")
        assert inspector._now is ready and ready.strips[:len(strips)] == strips


@pytest.mark.usefixtures("looking_ahead")
async def test_each_fact_shown_stops_the_look_ahead_of_the_one_before(monkeypatch):
    """Holding `j` leaves one look-ahead waiting in the deck and one in the inspector, not one per key."""
    monkeypatch.setattr(tui.state, "LOOK_AHEAD_SECONDS", 600)  # waiting all through the test
    stopped: list[Timer] = []
    real_stop = Timer.stop

    def stop(timer: Timer) -> None:
        stopped.append(timer)
        real_stop(timer)

    monkeypatch.setattr(Timer, "stop", stop)
    app = twenty_sources()
    async with app.run_test(size=SIZE) as pilot:
        screen = await loaded(app, pilot)
        started: list[tuple[Timer | None, Timer | None]] = []
        for _ in range(3):
            await pilot.press("j")
            started.append((screen.deck._look_ahead_timer, screen.inspector._look_ahead_timer))
        for widget in (0, 1):
            timers = [pair[widget] for pair in started]
            assert all(timer is not None for timer in timers) and len({id(timer) for timer in timers}) == 3
            assert [any(t is timer for t in stopped) for timer in timers] == [True, True, False]


@pytest.mark.usefixtures("looking_ahead")
async def test_the_inspector_finds_the_likely_next_facts_once_per_fact_shown(monkeypatch):
    """Finding them seeks through the facts: once for the whole look-ahead, not on each of its turns."""
    app = twenty_sources()
    async with app.run_test(size=SIZE) as pilot:
        screen, _ = await walked(app, pilot, "j")
        asked: list[Fact] = []
        real_likely_next = tui.inspector.likely_next

        def likely_next(index, fact: Fact, fact_filter) -> list[Fact]:
            asked.append(fact)
            return real_likely_next(index, fact, fact_filter)

        monkeypatch.setattr(tui.inspector, "likely_next", likely_next)
        await pilot.press("j")
        await pilot.pause(MOMENT)
        assert asked == [current(screen)]
        following = screen.review.index.step(current(screen), screen.cursor.filter, 1)
        assert following is not None
        assert prepared(screen.inspector, following).ready(screen.inspector.content_region.height + 1)


def test_the_first_screen_needs_none_of_the_comparing_engine():
    """The articles are on screen before the engine that compares them is even imported (a
    tenth of a second of the first paint): the command line, the app and opening the review
    (reading, splitting, the saved review) load none of it; comparing brings it."""
    import subprocess
    import sys

    from conftest import ROOT

    code = (
        "import sys; import cli.main, cli.arguments, tui.app; from seeds import seed_paths\n"
        "from review.opening import Inputs, open_review, compare\n"
        "cli.arguments.parse_args([]); opened = open_review(Inputs(seed_paths()))\n"
        "engine = ('align.pipeline', 'align.discrepancies', 'align.features', 'align.pairscore')\n"
        "print(sorted(m for m in engine if m in sys.modules), len(opened.alignment.sources))\n"
        "compare(opened.comparing, opened.alignment.threshold); print(sorted(m for m in engine if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split("\n")[:2] == [
        "[] 5", "['align.discrepancies', 'align.features', 'align.pairscore', 'align.pipeline']"]
