"""What a widget needs to watch the review screen's state."""
from __future__ import annotations

from typing import NoReturn


def required() -> NoReturn:
    """The default of a reactive that every constructor sets (with `set_reactive`): reading it
    before then is a bug, not a state to draw."""
    raise RuntimeError("this reactive is set in the constructor")
