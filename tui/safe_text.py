"""Article text on its way to the terminal: nothing in it may act as a control or as markup.

Articles are untrusted. Escape sequences could move the cursor or retitle the terminal, bidi
overrides could make a sentence read differently from what it says, and `[bold]`-style markup
must show as the characters it is. So every piece of article text becomes a `rich.text.Text`
(which never parses markup) through `safe_text`, after `clean` has dropped what is unsafe.
"""
from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text

from align.untrusted import UNSAFE, clean

__all__ = ["Span", "clean", "safe_text"]

Span = tuple[int, int, "str | Style"]


def safe_text(text: str, style: str | Style = "", spans: Iterable[Span] = ()) -> Text:
    """A literal, cleaned `Text` of `text`, styled over `spans` given as offsets into `text`.

    Offsets are mapped past whatever cleaning removed, so a caller can point at words of the
    article as read without caring what was stripped around them.
    """
    kept_before = [0] * (len(text) + 1)
    removed = bytearray(len(text))
    for match in UNSAFE.finditer(text):
        removed[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    pieces = []
    for index, char in enumerate(text):
        if removed[index]:
            kept_before[index + 1] = kept_before[index]
        else:
            pieces.append(char)
            kept_before[index + 1] = kept_before[index] + 1
    result = Text("".join(pieces), style=style, end="")
    for start, end, span_style in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            result.stylize(span_style, kept_before[start], kept_before[end])
    return result
