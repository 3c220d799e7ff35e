"""What a widget needs to watch the review screen's state."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from review.index import FactFilter, FilterKind

if TYPE_CHECKING:
    from textual.timer import Timer
    from textual.widget import Widget

    from align.model import Fact
    from review.index import FactIndex


def required() -> NoReturn:
    """The default of a reactive that every constructor sets (with `set_reactive`): reading it
    before then is a bug, not a state to draw."""
    raise RuntimeError("this reactive is set in the constructor")


# How long after a fact is shown the panes and the inspector start preparing the facts the
# reviewer most likely goes to next: long enough for the terminal to take the frame first (on a
# busy machine they would share the processor), short beside the time a reviewer reads a fact.
LOOK_AHEAD_SECONDS = 0.05


# Whether sources disagree on a fact (`n` goes to the next such fact, whatever the filter): the
# disagreements filter's own test.
disputed = FactFilter(FilterKind.DISCREPANCIES).accepts


def likely_next(index: FactIndex, fact: Fact, fact_filter: FactFilter) -> list[Fact]:
    """The facts a reviewer on `fact` most likely goes to next, most likely first: the next
    (`j`), the next disagreement (`n`), the previous (`k`, often drawn already on the way)."""
    likely = (index.step(fact, fact_filter, 1), index.seek(fact, disputed, 1)[0], index.step(fact, fact_filter, -1))
    return list(dict.fromkeys(f for f in likely if f is not None and f is not fact))


def looks_ahead(widget: Widget) -> bool:
    """Whether the widget prepares the likely next facts: when a terminal shows the app, not in
    headless tests (which count what a key press draws), unless the widget class says so."""
    wanted: bool | None = getattr(widget, "look_ahead", None)
    return not widget.app.is_headless if wanted is None else wanted


def look_ahead_soon(widget: Widget, before: Timer | None, prepare: Callable[[], object]) -> Timer | None:
    """`prepare` run `LOOK_AHEAD_SECONDS` from now if the widget looks ahead, instead of what
    the timer `before` would have run: one at a time, as a key held down shows many facts."""
    if before is not None:
        before.stop()
    return widget.set_timer(LOOK_AHEAD_SECONDS, prepare) if looks_ahead(widget) else None
