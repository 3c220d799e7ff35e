"""Article text is untrusted: before it reaches a terminal or a report, controls go.

Escape sequences could move the cursor or retitle the terminal; bidi overrides could make a
sentence read differently from what it says. Newlines and tabs stay.
"""
from __future__ import annotations

import re

UNSAFE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, erasing
    r"|\x1b[\]P^_X][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC/DCS/PM/APC/SOS strings: titles, links
    r"|\x1b[ -/]*[0-~]?"  # any other escape sequence
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"  # C0 (but tab and newline) and C1 controls, DEL
    r"|[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidi marks, embeddings, overrides, isolates
)


def clean(text: str) -> str:
    """`text` without control characters, escape sequences or bidi controls."""
    return UNSAFE.sub("", text)
