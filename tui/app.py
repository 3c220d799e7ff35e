"""Parallax's review app: a loading screen while the articles are read and compared, then the
review screen (`review_screen.py`), which owns the review state.

The app itself holds only what it was started with and its settings (`config.py`: theme, keys,
starting threshold, inspector height), the keys that work everywhere (help, quit, the command
palette), the key help built from every screen's bindings, and where screenshots go.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from align.model import Alignment
from align.sources import InputError, RawText
from review.destination import folders, write_new
from review.opening import Inputs

from .config import Config, load_config, remember_theme
from .help import HelpScreen, KeySection, describe
from .loading import LoadingScreen
from .matrix import CoverageScreen, CoverageTable
from .note import NoteScreen
from .panes import PaneDeck
from .paste import guard_pastes
from .review_screen import ReviewScreen
from .safe_text import clean
from .search import SearchField

if TYPE_CHECKING:
    from textual.driver import Driver

    from align.pipeline import Prepared


class ParallaxApp(App[InputError | None]):
    """Review how several articles report one event, fact by fact. Ends with the InputError
    that stopped it, if any, for the command line to say."""

    CSS_PATH = "app.tcss"
    TITLE = "Parallax"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="help",
                tooltip="Show what the marks and words mean, and every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit Parallax"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, priority=True, id="command-palette",
                tooltip="Open the command palette: every action, the theme, a screenshot"),
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
        config: Config | None = None,
    ) -> None:
        """`texts` (already read from `paths`) save reading them again; `alignment` (and
        `prepared`, to allow re-aligning) skip reading and comparing: for tests and for callers
        that aligned already. Verdicts and notes are saved to `review_path` on every change
        (None: kept in memory only). `config` None reads the user's config file."""
        super().__init__()
        guard_pastes()  # pasted escape sequences are cleaned out, not typed as keys
        self.config = (config or load_config()).checked(list(self.binding_groups()), self.available_themes)
        self.inputs = Inputs(list(paths), threshold, review_path, texts, alignment, prepared,
                             default_threshold=self.config.threshold)
        if self.config.keys:
            self.set_keymap(self.config.keys)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux and macOS, one that writes each style as a
        change from the one before (`tui.terminal`: about a quarter fewer bytes a frame)."""
        from textual.drivers.linux_driver import LinuxDriver  # noqa: PLC0415 - not on Windows (termios)

        from .terminal import CompactDriver  # noqa: PLC0415 - the same

        driver = super().get_driver_class()
        return CompactDriver if driver is LinuxDriver else driver

    def on_mount(self) -> None:
        if self.config.theme is not None:
            self.theme = self.config.theme
        self.theme_changed_signal.subscribe(self, self._keep_theme)
        self.push_screen(LoadingScreen(self.inputs, inspector_height=self.config.inspector_height))
        if self.config.message:
            self.notify(clean(self.config.message), severity="warning", timeout=15, markup=False)

    def _keep_theme(self, theme: Theme) -> None:
        """A theme chosen in the palette is the theme next time."""
        if theme.name != (self.config.theme or "textual-dark"):
            problem = remember_theme(self.config, theme.name)
            if problem:
                self.notify(clean(problem), severity="warning", timeout=8, markup=False)
            else:
                self.config = replace(self.config, theme=theme.name)

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """The palette's Screenshot: an SVG of the screen in the current folder (else the review
        file's, else the state folder), its full path said in the status line."""
        review = self.review_screen
        places = [Path(path)] if path else folders(review.session.path if review else None)
        name = filename or f"parallax-screenshot-{time.strftime('%Y%m%d-%H%M%S')}.svg"
        try:
            target = write_new(places, name, self.export_screenshot())
        except OSError as err:
            said = f"Could not save the screenshot to {err.filename}: {err.strerror or err}"
        else:
            said = f"Screenshot saved to {target}"
        if review is not None and self.screen is review:
            review.say(said)
        else:
            self.notify(clean(said), timeout=8, markup=False)
        return None

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

    @classmethod
    def binding_groups(cls) -> Iterator[tuple[str, list[Binding]]]:
        """Every binding the app declares, by where it applies: for help, the palette and the
        config file's keymap."""
        for title, bindings in (("Review", (*ReviewScreen.BINDINGS, *cls.BINDINGS)),
                                ("Focused pane", PaneDeck.BINDINGS), ("Search bar (/)", SearchField.BINDINGS),
                                ("Overview (o)", (*CoverageScreen.BINDINGS, *CoverageTable.BINDINGS)),
                                ("Help (?)", HelpScreen.BINDINGS), ("Note (a, A)", NoteScreen.BINDINGS)):
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
