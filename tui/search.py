"""The `/` search bar: an Input that says when the reviewer is done with it."""
from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input


class SearchBar(Input):
    """Type to jump to the first match, enter for the next, escape to go back to the panes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", show=False, id="search-close"),
    ]

    class Closed(Message):
        """The reviewer left the search bar."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="search all sources — enter: next match · esc: close", id=id)

    def open(self) -> None:
        self.display = True
        self.screen.set_focus(self)  # now: keys typed right after / belong to the search
        if self.value:
            self.select_all()

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())

    @on(events.Blur)
    def _put_away(self) -> None:
        """Tab (or a click) away from the search also puts the bar away."""
        self.display = False
