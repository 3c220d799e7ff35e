"""What reading produces: one article's text and what is known about it, or a problem worded
for the user."""
from __future__ import annotations

from dataclasses import dataclass

from align.model import SourceFormat, SourceMeta


class InputError(Exception):
    """A problem with the user's input, worded for the user: one line naming the input."""

    @property
    def problems(self) -> tuple[str, ...]:
        """Every problem found, one line each (several when several inputs failed)."""
        return (str(self),)


class InputErrors(InputError):
    """Several inputs could not be read; `str()` is the first."""

    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__(problems[0])
        self._problems = problems

    @property
    def problems(self) -> tuple[str, ...]:
        return self._problems


@dataclass(frozen=True, slots=True)
class RawText:
    """One article's text, before it is split into sentences.

    `text` is what the panes show and what offsets refer to: the file as read, or the text
    extracted from a page. For Markdown, `blanked` is `text` with its markup replaced by
    spaces (same length, so offsets are shared); alignment reads `plain`.
    """

    id: str
    path: str | None
    text: str
    format: SourceFormat = SourceFormat.TEXT
    meta: SourceMeta | None = None
    label: str | None = None
    blanked: str | None = None

    @property
    def plain(self) -> str:
        """The words to align: `text` without markup, offset for offset."""
        return self.text if self.blanked is None else self.blanked
