"""Words as case-insensitive patterns read them.

Python's `re` with IGNORECASE takes a dotless ı, a dotted capital İ and a long ſ for i and s,
while `str.lower` leaves ı and ſ as they are (and makes İ two characters): a word a pattern
matched ("bıllıon", "laſt") was then lower-cased and not found in the engine's tables of plain
words, and reading the sentence failed. The modules that match words and look them up read
sentences with those three letters as the patterns take them (`as_patterns_read`: one letter
for one, so every offset holds).
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

_READ_AS: Final = str.maketrans({"ı": "i", "İ": "I", "ſ": "s"})


def as_patterns_read(text: str) -> str:
    """`text` with ı, İ and ſ as i, I and s (the same length: spans into it are spans into `text`)."""
    if "ı" in text or "İ" in text or "ſ" in text:
        return text.translate(_READ_AS)
    return text


def lowered(text: str) -> str:
    """`text` as a `Caseless` pattern reads it: read as patterns read it, then lower-cased."""
    return as_patterns_read(text).lower()


def at_word_starts(alternatives: Sequence[str]) -> str:
    """A pattern for any of `alternatives` (pieces of pattern, each opening on a plain letter) as
    a whole word, like `\\b(?:...)\\b`, but one `re` finds quickly: a pattern opening on `\\b` or
    on a choice is tried at every character, this one opens on the set of first letters, which
    `re` skips to, each checked by looking back to start a word. Alternatives opening on one
    letter keep their order, so the one chosen where several match is the same."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        if not alternative[:1].isalpha():
            raise ValueError(f"{alternative!r} does not open on a letter")
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "(?:" + "|".join(f"{c}(?<!\\w{c})(?:{'|'.join(rests)})" for c, rests in groups.items()) + r")\b"


def for_lowered_text(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A pattern whose every letter is in a `(?i:...)` group, without those flags: run on the
    text lower-cased (after `as_patterns_read`) it matches the same spans, at twice the speed."""
    return re.compile(pattern.pattern.replace("(?i:", "(?:"), pattern.flags)


class Caseless:
    """A case-insensitive pattern, read several times faster: without the flag, on the text
    lower-cased, which after `as_patterns_read` is exactly what the flag sees, spans included."""

    def __init__(self, pattern: str) -> None:
        self._pattern = re.compile(pattern)

    def span(self, text: str) -> tuple[int, int] | None:
        """Where the pattern first matches in `text`, if it does."""
        return self.span_in_lowered(lowered(text))

    def span_in_lowered(self, lowered: str) -> tuple[int, int] | None:
        """`span`, of a text already `lowered`: for a reader that asks several patterns of one text."""
        m = self._pattern.search(lowered)
        return m.span() if m else None
