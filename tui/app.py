"""Parallax's review app: a loading screen while the articles are read and compared, then the
review screen (`review_screen.py`), which owns the review state.

The app itself holds only what it was started with, the keys that work everywhere (help, quit,
the command palette) and the key help built from every screen's bindings.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from align.model import Alignment
from align.pipeline import Prepared
from align.sources import InputError, RawText
from review.opening import Inputs

from .help import HelpScreen, KeySection, describe
from .loading import LoadingScreen
from .matrix import CoverageScreen
from .panes import SourceView
from .paste import guard_pastes
from .review_screen import ReviewScreen
from .search import SearchBar


class ParallaxApp(App[InputError | None]):
    """Review how several articles report one event, fact by fact. Ends with the InputError
    that stopped it, if any, for the command line to say."""

    CSS_PATH = "app.tcss"
    TITLE = "Parallax"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip="Show every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit Parallax"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="command-palette",
                tooltip="Open the command palette"),
    ]

    def __init__(
        self,
        paths: Iterable[str | os.PathLike[str]],
        threshold: float | None = None,
        *,
        alignment: Alignment | None = None,
        prepared: Prepared | None = None,
        review_path: Path | None = None,
        texts: Sequence[RawText] | None = None,
    ) -> None:
        """`texts` (already read from `paths`) save reading them again; `alignment` (and
        `prepared`, to allow re-aligning) skip reading and comparing: for tests and for callers
        that aligned already. Verdicts and notes are saved to `review_path` on every change
        (None: kept in memory only)."""
        super().__init__()
        guard_pastes()  # pasted escape sequences are cleaned out, not typed as keys
        self.inputs = Inputs(list(paths), threshold, review_path, texts, alignment, prepared)

    def on_mount(self) -> None:
        self.push_screen(LoadingScreen(self.inputs))

    @property
    def review_screen(self) -> ReviewScreen | None:
        """The review, once the articles are open."""
        return next((s for s in self.screen_stack if isinstance(s, ReviewScreen)), None)

    async def action_quit(self) -> None:
        """Keep the reviewer's place for next time, then go."""
        if (review := self.review_screen) is not None:
            review.leave()
        self.exit()

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.key_sections()))

    # -- keys: help and command palette ---------------------------------------------------

    def binding_groups(self) -> Iterator[tuple[str, list[Binding]]]:
        """Every binding the app declares, by where it applies: for help and the palette."""
        for title, bindings in (("Review", (*ReviewScreen.BINDINGS, *self.BINDINGS)),
                                ("Focused pane", SourceView.BINDINGS), ("Search bar (/)", SearchBar.BINDINGS),
                                ("Overview (o)", CoverageScreen.BINDINGS), ("Help (?)", HelpScreen.BINDINGS)):
            yield title, [b for b in bindings if isinstance(b, Binding)]

    def _keys_by_id(self) -> dict[str, str]:
        """Keys as bound now (after any keymap) by binding id, for bindings in the main chain."""
        keys: dict[str, list[str]] = {}
        main = self.review_screen
        if main is not None:
            for active in main.active_bindings.values():
                if active.binding.id:
                    keys.setdefault(active.binding.id, []).append(self.get_key_display(active.binding))
        for _, bindings in self.binding_groups():
            for binding in bindings:
                if binding.id and binding.id not in keys:
                    keys[binding.id] = [
                        self.get_key_display(replace(binding, key=key.strip())) for key in binding.key.split(",")
                    ]
        return {binding_id: " ".join(dict.fromkeys(shown)) for binding_id, shown in keys.items()}

    def key_sections(self) -> list[KeySection]:
        keys_of = self._keys_by_id()
        return [describe(title, bindings, keys_of) for title, bindings in self.binding_groups()]

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every review action in the palette, beside Textual's own commands."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReviewScreen):
            return
        keys_of = self._keys_by_id()
        seen = {"quit", "command_palette"}  # Textual lists quit; the palette is open already
        for binding in (*ReviewScreen.BINDINGS, *self.BINDINGS):
            if isinstance(binding, Binding) and binding.action not in seen:
                seen.add(binding.action)
                yield SystemCommand(
                    binding.tooltip or binding.description,
                    f"key: {keys_of.get(binding.id or '', binding.key)}",
                    partial(self.run_action, binding.action, screen if binding in ReviewScreen.BINDINGS else self),
                )
