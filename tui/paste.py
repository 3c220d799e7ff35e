"""Pasted text arrives whole, in order, and without escape sequences.

Textual's input parser (8.2) reads an escape sequence inside a bracketed paste as key presses,
sent before the paste itself: pasting `abc<ESC>[31mdef` into the note field typed `[31mdef`
and then pasted `abc` (saved reordered), and controls in a paste went into the field raw.
Terminals such as Alacritty drop escape sequences from what is pasted; so does this, before the
parser sees it: between the terminal's paste markers, escape sequences and controls are
cleaned out of the text (line breaks stay, as the paste's lines).
"""
from __future__ import annotations

from collections.abc import Iterable

from textual._xterm_parser import XTermParser
from textual.drivers import linux_driver
from textual.message import Message

from .safe_text import clean

START, END = "\x1b[200~", "\x1b[201~"
LIMIT = 1 << 20  # characters of a paste held back at most while waiting for its end


def cleaned_paste(text: str) -> str:
    return clean(text.replace("\r\n", "\n").replace("\r", "\n"))


class PasteGuard:
    """Cleans what a terminal sends between bracketed-paste markers, in input that may be cut
    anywhere. Outside a paste, input passes at once (an escape key must not wait)."""

    def __init__(self) -> None:
        self._pasting = False
        self._tail = ""  # the end of what passed outside a paste: a start marker may be cut in two
        self._held = ""  # a paste so far, until its end marker comes

    def __call__(self, data: str) -> str:
        out: list[str] = []
        while data:
            if not self._pasting:
                seen = self._tail + data
                at = seen.find(START)
                if at < 0:
                    out.append(data)
                    self._tail = seen[-(len(START) - 1):]
                    return "".join(out)
                after = at + len(START) - len(self._tail)  # where the paste starts in `data`
                out.append(data[:after])
                data, self._pasting, self._tail, self._held = data[after:], True, "", ""
            else:
                self._held += data
                at = self._held.find(END)
                if at < 0:
                    if len(self._held) > LIMIT:  # no end in sight: let through what came, cleaned
                        out.append(cleaned_paste(self._held[:-len(END)]))
                        self._held = self._held[-len(END):]
                    return "".join(out)
                out.append(cleaned_paste(self._held[:at]) + END)
                data, self._pasting, self._held = self._held[at + len(END):], False, ""
        return "".join(out)

    def flush(self) -> str:
        """What is held back when input ends."""
        held, self._held = self._held, ""
        return cleaned_paste(held)


class GuardedParser(XTermParser):
    """Textual's terminal input parser, fed through a PasteGuard."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._guard = PasteGuard()

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input
            held = self._guard.flush()
            if held:
                yield from super().feed(held)
            yield from super().feed("")
            return
        guarded = self._guard(data)
        if guarded:
            yield from super().feed(guarded)


def guard_pastes() -> None:
    """Make the terminal driver parse input with `GuardedParser` (for every app run after)."""
    linux_driver.XTermParser = GuardedParser  # type: ignore[attr-defined]  # the name the driver uses
