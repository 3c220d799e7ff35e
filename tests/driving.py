"""Driving the review app in tests: wait for it to open, read the screen as text, and reach the
review screen's state, through Textual's public API."""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

from textual.pilot import Pilot

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
