"""The glyphs and tint names every view shares, so a mark means the same thing everywhere and
reads without colour."""
from __future__ import annotations

from review.index import PALETTE_SIZE, Standing

REPORTED = "●"  # the source reports the fact
ALSO = "◐"  # the source mentions it in passing, in a sentence whose own fact is another
MISSING = "○"  # the source does not have it
DISAGREES = "✕"  # the source's value is disputed
ONLY_HERE = "◆"  # gutter: no other source reports this sentence
SHARED = "●"  # gutter: first row of a sentence other sources report too
SHARED_BAR = "┃"  # gutter: its further rows
CURRENT = "▶"  # gutter: first row of the current fact's sentence
CURRENT_ALSO = "▷"  # gutter: first row of a sentence mentioning the current fact in passing
ALSO_BAR = "┆"

TINTS = tuple(f"fact-tint-{n}" for n in range(PALETTE_SIZE))
"""Component class names of the fact palette, styled in app.tcss."""

STANDING = {Standing.REPORTED: REPORTED, Standing.IN_PASSING: ALSO, Standing.MISSING: MISSING,
            Standing.DISAGREES: DISAGREES}
"""The glyph of how a source stands to a fact, in the inspector and the overview."""
