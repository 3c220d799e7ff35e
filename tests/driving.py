"""Driving the review app in tests: wait for it to open, read the screen as text, and reach the
review screen's state, through Textual's public API."""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

from rich.style import Style
from textual.pilot import Pilot
from textual.strip import Strip

from align.model import Fact
from tui.app import ParallaxApp
from tui.review_screen import ReviewScreen

WIDE = (160, 45)
SMALL = (80, 24)
_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" textLength="[\d.]+" clip-path="[^"]*">'
                   r"([^<]*)</text>")
CELL_WIDTH, LINE_HEIGHT, FIRST_BASELINE = 12.2, 24.4, 20.0  # Rich's SVG export geometry


def screen_text(app: ParallaxApp) -> str:
    """What the terminal shows, as plain text, from the app's public screenshot (SVG)."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, y, text in _TEXT.findall(app.export_screenshot()):
        row, col = round((float(y) - FIRST_BASELINE) / LINE_HEIGHT), round(float(x) / CELL_WIDTH)
        for offset, char in enumerate(html.unescape(text).replace("\xa0", " ")):
            if 0 <= row < height and col + offset < width:
                rows[row][col + offset] = char
    return "\n".join("".join(row).rstrip() for row in rows)


async def loaded(app: ParallaxApp, pilot: Pilot[object]) -> ReviewScreen:
    """Wait until the review screen is up (and any re-alignment adopted); return it."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen), f"not reviewing yet: {screen!r}"
    return screen


def current(screen: ReviewScreen) -> Fact:
    fact = screen.cursor.fact
    assert fact is not None
    return fact


@contextmanager
def notes(app: ParallaxApp) -> Iterator[list[str]]:
    """The messages the app notifies while inside the block."""
    said: list[str] = []
    real = app.notify

    def notify(message: str, **kw: object) -> None:
        said.append(str(message))
        real(message, **kw)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    try:
        yield said
    finally:
        app.notify = real  # type: ignore[method-assign]


@contextmanager
def remarks(screen: ReviewScreen) -> Iterator[list[str]]:
    """What the status line is told to say while inside the block (a remark said over by the
    next key's is still counted)."""
    said: list[str] = []
    real = screen.say

    def say(message: str, *args: float) -> None:
        said.append(message)
        real(message, *args)

    screen.say = say  # type: ignore[method-assign]
    try:
        yield said
    finally:
        del screen.say


def sentence_strip(screen: ReviewScreen, pane: int, sentence: int, line: int = 0) -> Strip:
    """The row a pane draws for line `line` of one of its sentences (scrolled into view first)."""
    view = screen.deck.panes[pane].view
    row = view.sentence_row(sentence) + line
    if not round(view.scroll_y) <= row < round(view.scroll_y) + view.size.height:
        view.scroll_to(y=row, animate=False, immediate=True)
    return view.render_line(row - round(view.scroll_y))


def gutter(screen: ReviewScreen, pane: int, strip: Strip) -> tuple[str, str]:
    """The fact number and the mark a row shows in its gutter."""
    digits = screen.deck.panes[pane].view.gutter_width - 2
    return strip.text[:digits].strip(), strip.text[digits]


def styles_of(strip: Strip, words: str) -> list[Style]:
    """The styles of the segments that hold any of `words` (from where it starts in the row's text)."""
    start = strip.text.index(words)
    found, at = [], 0
    for segment in strip:
        end = at + len(segment.text)
        if at < start + len(words) and end > start and segment.text.strip():
            found.append(segment.style or Style())
        at = end
    return found
