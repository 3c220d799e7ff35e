"""The `/` search bar: a field, and beside it how many places match and which one is shown."""
from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static


class SearchField(Input):
    """Type to jump to the first match, enter for the next, escape to go back to the panes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close search", show=False, id="search-close",
                tooltip="Close the search and go back to the panes"),
    ]

    def action_close(self) -> None:
        bar = self.parent
        if isinstance(bar, SearchBar):
            bar.close()


class SearchBar(Horizontal):
    """The field and the count; says when the reviewer is done with it."""

    class Closed(Message):
        """The reviewer left the search bar."""

    def compose(self) -> ComposeResult:
        yield SearchField(placeholder="search all sources — enter: next match · esc: close", id="search-input")
        yield Static(id="search-count", markup=False)

    @property
    def field(self) -> SearchField:
        return self.query_one(SearchField)

    @property
    def value(self) -> str:
        return self.field.value

    def open(self) -> None:
        self.display = True
        self.screen.set_focus(self.field)  # now: keys typed right after / belong to the search
        if self.field.value:
            self.field.select_all()

    def close(self) -> None:
        self.display = False
        self.post_message(self.Closed())

    def count(self, shown: int | None, total: int, query: str) -> None:
        """Say which match is shown (1-based) of how many, or that nothing matches."""
        none = bool(query.strip()) and total == 0
        self.set_class(none, "-no-match")
        if not query.strip():
            said = Text("")
        elif none:
            said = Text("no match", style="bold reverse")
        else:
            said = Text(f"{shown or 0} of {total} match{'' if total == 1 else 'es'}", style="bold")
        self.query_one("#search-count", Static).update(said)

    @on(events.DescendantBlur)
    def _put_away(self) -> None:
        """Tab (or a click) away from the search also puts the bar away."""
        self.display = False
