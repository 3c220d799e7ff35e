"""The `?` screen: every key, what it does, and the binding id to remap it by."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "Parallax lines up sentences that report the same fact across sources. "
    "● marks (and a colour tints) a sentence other sources report too, ◆ one only its source has, "
    "▶ marks the current fact (▷ where a sentence reports it in passing). "
    "Remap any key with App.set_keymap({binding id: keys})."
)


@dataclass(frozen=True, slots=True)
class KeyHelp:
    keys: str
    description: str
    binding_id: str


@dataclass(frozen=True, slots=True)
class KeySection:
    title: str
    keys: tuple[KeyHelp, ...]


def describe(title: str, bindings: Iterable[Binding], keys_of: dict[str, str]) -> KeySection:
    """A section from Binding declarations; `keys_of` gives keys as remapped, by binding id."""
    return KeySection(
        title,
        tuple(
            KeyHelp(keys_of.get(b.id, b.key_display or b.key), b.tooltip or b.description, b.id)
            for b in bindings
            if b.id
        ),
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help-close"),
    ]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text("Parallax keys", style="bold"), id="help-title", markup=False)
            yield Static(Text(INTRO), id="help-intro", markup=False)
            yield Static(self._table(), id="help-keys", markup=False)
            yield Static(Text("esc, ? or q closes this screen", style="dim"), markup=False)

    def _table(self) -> Table:
        """One table for all sections, so the columns line up."""
        table = Table(expand=True, show_edge=False, box=None, pad_edge=False)
        table.add_column("keys", style="bold", no_wrap=True)
        table.add_column("does", ratio=1)
        table.add_column("binding id", style="dim", no_wrap=True)
        for section in self.sections:
            table.add_row(Text(f"\n{section.title}", style="bold underline"), Text(), Text())
            for row in section.keys:
                table.add_row(Text(row.keys), Text(row.description), Text(row.binding_id))
        return table
