"""The `?` screen: what the marks and words mean, every key, what it does, and the binding id
to remap it by."""
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

from review.words import AGREEMENT, AGREEMENT_HINT, DISAGREEMENT, FILTERS, SEVERITY, STANDING

from .marks import CURRENT, DISAGREES, ONLY_HERE, SHARED
from .marks import STANDING as GLYPHS


def intro() -> Text:
    """The marks and the words the app uses, as the inspector, the overview and the report use them."""
    text = Text()
    text.append("Parallax lines up the sentences of several sources that report the same fact.\n\n", style="bold")
    text.append("In the panes: ", style="bold")
    text.append(f"the number is the fact's; {SHARED} other sources report it too (and a colour tints it), "
                f"{ONLY_HERE} only this source has it, {DISAGREES} a value in it is disputed (the disputed "
                f"words are underlined), {CURRENT} it is the current fact (shown reversed; where only part of "
                "a sentence reports it, that part). Search matches are highlighted.\n")
    text.append("Sources and a fact: ", style="bold")
    text.append(", ".join(f"{GLYPHS[s]} {words}" for s, words in STANDING.items()))
    text.append(f". A fact is 'reported by 4 sources, mentioned by 1' when one only mentions it in passing; "
                f"'{AGREEMENT} 0.29 ({AGREEMENT_HINT})' says how alike its sentences are, from 0 to 1.\n")
    text.append("Disagreements: ", style="bold")
    text.append(", ".join(dict.fromkeys(DISAGREEMENT.values())) + "; each says whether the values "
                + " or ".join(f"'{words}'" for words in SEVERITY.values()) + ".\n")
    text.append("Filters (f): ", style="bold")
    text.append(", ".join(FILTERS.values()) + ".\n")
    text.append("A fact counts as reviewed once it has a verdict. Remap any key by its binding id in the "
                "config file's [keys] table (see the README).", style="dim")
    return text


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
        Binding("j,down", "scroll('down')", "Scroll down", id="help-down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", id="help-up", show=False),
        Binding("g,home", "scroll('home')", "Top", id="help-top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", id="help-bottom", show=False),
        Binding("ctrl+d,pagedown,space", "scroll('page_down')", "Page down", id="help-page-down", show=False),
        Binding("ctrl+u,pageup", "scroll('page_up')", "Page up", id="help-page-up", show=False),
    ]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", can_focus=False):
            yield Static(Text.assemble(("Parallax keys", "bold"), "  (the marks and words they show are below)",
                                       "\nesc, ? or q closes this screen · j/k, g/G, ctrl+d/u scroll", style="dim"),
                         id="help-title", markup=False)
            yield Static(self._table(), id="help-keys", markup=False)
            yield Static(intro(), id="help-intro", markup=False)

    def action_scroll(self, where: str) -> None:
        view = self.query_one("#help", VerticalScroll)
        {"down": view.scroll_down, "up": view.scroll_up, "home": view.scroll_home, "end": view.scroll_end,
         "page_down": view.scroll_page_down, "page_up": view.scroll_page_up}[where](animate=False)

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
