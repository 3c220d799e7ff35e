"""The first screen: what is being read, while a worker reads the articles and splits them into
sentences; the review screen then shows them while they are compared."""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from align.sources import InputError
from review.opening import Inputs, Opened, open_review

from .keyline import KeyLine
from .review_screen import ReviewScreen


class LoadingScreen(Screen[None]):
    """Opens the review off the event loop; the app takes the result (`Opened`) from here."""

    AUTO_FOCUS = None  # nothing to focus: keys pressed while loading reach the app (q quits)

    def __init__(self, inputs: Inputs, *, inspector_height: str | None = None) -> None:
        super().__init__()
        self.inputs = inputs
        self.inspector_height = inspector_height

    def compose(self) -> ComposeResult:
        with Vertical(id="loading"):
            yield LoadingIndicator()
            yield Static(Text("Opening the articles…"), id="loading-message", markup=False)
        yield KeyLine(id="keys")

    def on_mount(self) -> None:
        self.open_review()

    @work(thread=True, exclusive=True, group="open")
    def open_review(self) -> Opened | InputError:
        """Read, load the saved review and split the articles into sentences: returns what the
        review screen needs (or what is wrong with the input); the main thread adopts it
        (`on_worker_state_changed`)."""
        try:
            return open_review(self.inputs, said=lambda what: self.app.call_from_thread(self.say, what))
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
            self.app.switch_screen(ReviewScreen(result, inspector_height=self.inspector_height))
