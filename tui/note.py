"""Writing a note on a fact or a discrepancy: a one-line editor over the review.

A note comes from the review file, which travels with the articles and is untrusted like them:
it is cleaned before the field shows it. Whatever is typed or pasted in is cleaned as it goes
in (a pasted escape sequence must not reach the terminal, nor the file), and newlines and tabs
become spaces in this one-line field.
"""
from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from .safe_text import clean

_SPACES = str.maketrans({"\n": " ", "\t": " "})


def one_line(text: str) -> str:
    """`text` fit for the one-line note field: no controls, no line breaks."""
    return clean(text).translate(_SPACES)


class NoteInput(Input):
    """An input that keeps controls out, however text arrives (keys, paste, clipboard)."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(one_line(text), start, end)


class NoteScreen(ModalScreen[str | None]):
    """Returns the note (empty to delete it), or None if the reviewer cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="note-cancel")]

    def __init__(self, about: str, note: str) -> None:
        super().__init__()
        self.about = about
        self.note = one_line(note)

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog"):
            yield Static(f"Note on {clean(self.about)} — enter saves, esc cancels, empty deletes", markup=False,
                         id="note-title")
            yield NoteInput(value=self.note, placeholder="what you checked, what you found", id="note-input",
                            select_on_focus=False)  # typing adds to the note; it never wipes it

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        self.dismiss(one_line(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
