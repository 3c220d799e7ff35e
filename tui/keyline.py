"""The key line at the bottom: help, quit and the command palette always on the right, whatever
the width, and on the left as many of the screen's main keys as fit (every key is in help and
every action in the palette). One widget drawing one line, redrawn when the bindings change: no
widget per key to recompose."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

PINNED = ("help", "quit", "command-palette")  # binding ids always shown, in this order
GAP = 2


@dataclass(frozen=True, slots=True)
class KeyHint:
    keys: str  # as displayed, several joined by "/"
    what: str
    key: str  # the key a click presses


class KeyLine(Widget, can_focus=False):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-line--key", "key-line--what"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: list[tuple[int, int, str]] = []  # cells x0..x1 and the key they press

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        self.refresh()

    def hints(self) -> tuple[list[KeyHint], list[KeyHint]]:
        """The main keys (bindings shown in the footer, grouped as declared) and the pinned ones."""
        main: list[KeyHint] = []
        pinned: dict[str, KeyHint] = {}
        seen: set[str] = set()
        last_group: Binding.Group | None = None
        for active in self.screen.active_bindings.values():
            binding = active.binding
            shown = self.app.get_key_display(binding)
            if binding.id in PINNED:
                if binding.id not in pinned:
                    pinned[binding.id] = KeyHint(shown, binding.description, binding.key)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            group = binding.group
            if group is not None and group is last_group and main:
                main[-1] = KeyHint(f"{main[-1].keys}/{shown}", group.description, main[-1].key)
            else:
                main.append(KeyHint(shown, group.description if group else binding.description, binding.key))
            last_group = group
        return main, [pinned[i] for i in PINNED if i in pinned]

    def render(self) -> Text:
        width = self.size.width
        main, pinned = self.hints()
        key_style = self.get_component_rich_style("key-line--key", partial=True)
        what_style = self.get_component_rich_style("key-line--what", partial=True)

        def pieces(hints: list[KeyHint]) -> Iterator[tuple[KeyHint, int]]:
            for hint in hints:
                yield hint, cell_len(hint.keys) + 1 + cell_len(hint.what)

        right_width = sum(size + GAP for _, size in pieces(pinned))
        line = Text(no_wrap=True, overflow="crop", end="")
        self._targets = []
        used = 1
        line.append(" ")
        for hint, size in pieces(main):
            if used + size + GAP > width - right_width:
                break
            self._add(line, hint, used, key_style, what_style)
            used += size + GAP
        line.append(" " * max(0, width - right_width - used))
        used = max(used, width - right_width)
        for hint, size in pieces(pinned):
            self._add(line, hint, used, key_style, what_style)
            used += size + GAP
        return line

    def _add(self, line: Text, hint: KeyHint, x: int, key_style: object, what_style: object) -> None:
        line.append(hint.keys, style=key_style)  # type: ignore[arg-type]
        line.append(" ")
        line.append(hint.what, style=what_style)  # type: ignore[arg-type]
        line.append(" " * GAP)
        self._targets.append((x, x + cell_len(hint.keys) + 1 + cell_len(hint.what), hint.key))

    async def on_click(self, event: events.Click) -> None:
        for start, end, key in self._targets:
            if start <= event.x < end:
                await self.app.run_action(f"simulate_key({key!r})")
                return
