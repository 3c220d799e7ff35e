"""What the app writes to the terminal, in fewer bytes: style changes instead of resets.

Textual writes every run of styled text as a complete style, the text, and a reset
(`ESC[1;38;5;178;49m  1ESC[0m`): half of a frame of the panes is escape codes, 25 KB a key press
with 20 sources at 250x60, through tmux or over SSH. `fewer_resets` rewrites what is written
so that each run of text is preceded only by what differs from the style in force (`ESC[22m`
to leave bold, `ESC[39m` for the default colour...): about a quarter fewer bytes. What the
terminal shows is the same, cell for cell: styles are read by their meaning (ECMA-48), the
style is brought up to date before anything but a cursor move (erasing paints the background),
and a write holding a sequence this module does not read is written as it came (and so is
every write after it: the style it left is not known). The rewriting runs in Textual's writer
thread, not while the app draws.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import IO, Any

from textual.drivers.linux_driver import LinuxDriver

_SEQUENCE = re.compile(
    r"\x1b\[([0-9;:]*)m"  # a style (SGR)
    r"|(\x1b\[[0-9;]*H)"  # a cursor position: it does not depend on the style
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # any other control sequence
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # an operating system command (a title, the clipboard)
    r"|\x1b[ -/]*[0-~]"  # any other escape
    r"|[\x00-\x1f\x7f]"  # a control character
)

# Switches: the code that sets each, as a bit of the style, and the code that clears it.
_SET = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16, 6: 32, 7: 64, 8: 128, 9: 256, 21: 512, 51: 1024, 52: 2048, 53: 4096}
_CLEAR = {22: 1 | 2, 23: 4, 24: 8 | 512, 25: 16 | 32, 27: 64, 28: 128, 29: 256, 54: 1024 | 2048, 55: 4096}

Style = tuple[int, tuple[int, ...], tuple[int, ...]]  # switches on, foreground codes, background codes
PLAIN: Style = (0, (), ())
_UNKNOWN: Style = (-1, (), ())  # after a write not read: the next change is written in full


class UnknownStyle(ValueError):
    """A sequence this module does not read: the write is left as it came."""


@lru_cache(maxsize=4096)
def _apply(style: Style, params: str) -> Style:
    """`style` after one SGR sequence's parameters (a frame holds a few dozen distinct ones)."""
    if ":" in params or style is _UNKNOWN:  # sub-parameters (a curly underline) are not read
        raise UnknownStyle(params)
    bits, fg, bg = style
    codes = [int(p) if p else 0 for p in params.split(";")]
    k = 0
    while k < len(codes):
        code = codes[k]
        if code == 0:
            bits, fg, bg = PLAIN
        elif code in _SET:
            bits |= _SET[code]
        elif code in _CLEAR:
            bits &= ~_CLEAR[code]
        elif 30 <= code <= 37 or 90 <= code <= 97:
            fg = (code,)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            bg = (code,)
        elif code == 39:
            fg = ()
        elif code == 49:
            bg = ()
        elif code in (38, 48):
            size = {5: 3, 2: 5}.get(codes[k + 1] if k + 1 < len(codes) else -1, 0)
            if not size or k + size > len(codes):
                raise UnknownStyle(params)
            fg, bg = (tuple(codes[k:k + size]), bg) if code == 38 else (fg, tuple(codes[k:k + size]))
            k += size - 1
        else:
            raise UnknownStyle(params)
        k += 1
    return bits, fg, bg


@lru_cache(maxsize=4096)
def _change(old: Style, new: Style) -> str:
    """The shortest SGR sequence that turns `old` into `new` ("" if they are the same)."""
    if old == new:
        return ""
    bits, fg, bg = new
    full = ";".join(["0", *(str(c) for c, bit in _SET.items() if bits & bit), *map(str, fg), *map(str, bg)])
    if old is _UNKNOWN:
        return f"\x1b[{full}m"
    cleared = [code for code, mask in _CLEAR.items() if old[0] & mask & ~bits]
    gone = old[0] & ~bits
    for code in cleared:
        gone |= _CLEAR[code]  # 22 clears bold and faint both: what stays is set again
    parts = [str(c) for c in cleared]
    parts += [str(c) for c, bit in _SET.items() if bits & bit and (not old[0] & bit or gone & bit)]
    if fg != old[1]:
        parts += map(str, fg) if fg else ["39"]
    if bg != old[2]:
        parts += map(str, bg) if bg else ["49"]
    diff = ";".join(parts)
    return f"\x1b[{diff if len(diff) < len(full) else full}m"


def fewer_resets(data: str, style: Style = PLAIN) -> tuple[str, Style]:
    """`data` with each style written as a change from the one in force (see the module), for
    a terminal in `style` before it; and the style it is in after it."""
    if "\x1b[" not in data:
        return data, style
    out: list[str] = []
    shown = wanted = style  # the style written so far, and the one the sequences ask for
    at = 0
    try:
        for match in _SEQUENCE.finditer(data):
            start = match.start()
            if start > at:  # text, drawn in the style asked for
                text = data[at:start]
                if "\x1b" in text:  # part of a sequence that is not whole
                    raise UnknownStyle(text)
                if shown != wanted:
                    out.append(_change(shown, wanted))
                    shown = wanted
                out.append(text)
            at = match.end()
            params = match.group(1)
            if params is not None:
                wanted = _apply(wanted, params)
            elif match.group(2) is not None:
                out.append(match.group())
            else:  # anything else may depend on the style (erasing paints the background)
                if shown != wanted:
                    out.append(_change(shown, wanted))
                    shown = wanted
                out.append(match.group())
        if at < len(data):
            if "\x1b" in data[at:]:
                raise UnknownStyle(data[at:])
            out.append(_change(shown, wanted) + data[at:])
            shown = wanted
        out.append(_change(shown, wanted))
    except UnknownStyle:
        return data, _UNKNOWN
    return "".join(out), wanted


class _FewerResets:
    """The terminal's file as Textual's writer thread writes to it, through `fewer_resets`."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self._style = PLAIN

    def write(self, data: str) -> int:
        compact, self._style = fewer_resets(data, self._style)
        return self._file.write(compact)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, isatty...
        return getattr(self._file, name)


class CompactDriver(LinuxDriver):
    """Textual's driver for Linux and macOS terminals, writing styles as changes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self._file is not None:
            self._file = _FewerResets(self._file)  # type: ignore[assignment]
