"""Article text on its way to the terminal: nothing in it may act as a control or as markup, and
every character takes the cells we count for it.

Articles are untrusted. Escape sequences could move the cursor or retitle the terminal, bidi
overrides could make a sentence read differently from what it says, and `[bold]`-style markup
must show as the characters it is. So every piece of article text becomes a `rich.text.Text`
(which never parses markup) through `safe_text`, after `shown` has dropped what is unsafe.

Widths: Rich measures an emoji sequence (a family joined by zero-width joiners, a flag, an
emoji with a skin tone or a presentation selector) as one 2-cell character; many terminals
(tmux among them) draw its parts one by one, wider, and push everything after it on the line
out of place, pane separators included. So the joiners, selectors, modifiers and tags go, and a
flag's two regional indicators become their two letters (🇺🇸 is "US"): what is left is measured
the same by Rich and by the terminal.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from rich.style import Style
from rich.text import Text

from align.untrusted import UNSAFE, clean

__all__ = ["Span", "clean", "one_line", "safe_text", "shown", "shown_with_offsets"]

Span = tuple[int, int, "str | Style"]

_WIDTH_TRAPS = (
    r"[\u200b-\u200d\u2060\ufeff\ufe00-\ufe0f\u20e3"  # zero-width space/joiners, variation selectors, keycap
    r"\U0001f3fb-\U0001f3ff\U000e0000-\U000e007f\U000e0100-\U000e01ef]"  # skin tones, tags, more selectors
)
_DROPPED = re.compile(f"{UNSAFE.pattern}|{_WIDTH_TRAPS}")
_REGIONAL = {code: chr(ord("A") + code - 0x1F1E6) for code in range(0x1F1E6, 0x1F200)}
_WHITESPACE = re.compile(r"\s+")


def shown(text: str) -> str:
    """`text` as the terminal may show it: controls, escapes and bidi controls dropped, and
    emoji sequences split into characters whose widths Rich and terminals agree on."""
    return _DROPPED.sub("", text).translate(_REGIONAL)


def shown_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """`shown(text)`, and where each offset of `text` lands in it (len(text) + 1 entries; None
    when nothing was dropped, so offsets are the same)."""
    if _DROPPED.search(text) is None:
        return text.translate(_REGIONAL), None
    removed = bytearray(len(text))
    for match in _DROPPED.finditer(text):
        removed[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    kept_before = [0] * (len(text) + 1)
    pieces = []
    for index, char in enumerate(text):
        if removed[index]:
            kept_before[index + 1] = kept_before[index]
        else:
            pieces.append(char)
            kept_before[index + 1] = kept_before[index] + 1
    return "".join(pieces).translate(_REGIONAL), kept_before


def one_line(text: str) -> str:
    """A name, title or label as one line: `shown`, with every run of whitespace (a newline in
    a file name included) one space."""
    return _WHITESPACE.sub(" ", shown(text)).strip()


def safe_text(text: str, style: str | Style = "", spans: Iterable[Span] = ()) -> Text:
    """A literal `Text` of `shown(text)`, styled over `spans` given as offsets into `text`.

    Offsets are mapped past whatever was dropped, so a caller can point at words of the
    article as read without caring what was stripped around them.
    """
    plain, kept_before = shown_with_offsets(text)
    result = Text(plain, style=style, end="")
    for start, end, span_style in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            if kept_before is not None:
                start, end = kept_before[start], kept_before[end]
            result.stylize(span_style, start, end)
    return result
