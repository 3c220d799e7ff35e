"""What the command tells the user: one line on stderr, and the exit status that goes with it."""
from __future__ import annotations

import sys

from align.untrusted import clean

EXIT_INPUT = 2  # bad input or an output that cannot be written
EXIT_INTERRUPTED = 130


def say(message: str, *, warning: bool = False) -> None:
    """One line on stderr; file names and article text in it are untrusted, so cleaned."""
    line = " ".join(clean(message).split())
    print(f"parallax: {'warning: ' if warning else ''}{line}", file=sys.stderr)
