"""The first screen: what is being read and compared, while a worker opens the review."""
from __future__ import annotations

import time

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, LoadingIndicator, Static
from textual.worker import Worker, WorkerState, get_current_worker

from align.sources import InputError
from review.opening import Inputs, Opened, open_review

from .review_screen import ReviewScreen

PROGRESS_INTERVAL = 0.1  # seconds between loading-progress repaints


class LoadingScreen(Screen[None]):
    """Opens the review off the event loop; the app takes the result (`Opened`) from here."""

    AUTO_FOCUS = None  # nothing to focus: keys pressed while loading reach the app (q quits)

    def __init__(self, inputs: Inputs) -> None:
        super().__init__()
        self.inputs = inputs

    def compose(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield LoadingIndicator()
            yield Static(Text("Reading articles…"), id="loading-message", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.open_review()

    @work(thread=True, exclusive=True, group="open")
    def open_review(self) -> Opened | InputError:
        """Read, load the saved review and compare: returns what the review screen needs (or
        what is wrong with the input); the main thread adopts it (`on_worker_state_changed`)."""
        last = 0.0

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_INTERVAL and not get_current_worker().is_cancelled:
                last = now
                self.app.call_from_thread(self.say, f"{stage.capitalize()} sentences… {done}/{total}")

        try:
            return open_review(self.inputs, progress, said=lambda what: self.app.call_from_thread(self.say, what))
        except InputError as err:
            return err

    def say(self, message: str) -> None:
        self.query_one("#loading-message", Static).update(Text(message))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is not WorkerState.SUCCESS:
            return
        result = event.worker.result
        if isinstance(result, InputError):
            self.app.exit(result)  # the command line says it and exits 2
        elif isinstance(result, Opened):
            self.app.switch_screen(ReviewScreen(result))
