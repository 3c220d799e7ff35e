"""Article text is untrusted: before it reaches a terminal or a report, controls go.

Escape sequences could move the cursor or retitle the terminal; bidi overrides could make a
sentence read differently from what it says. Newlines and tabs stay.
"""
from __future__ import annotations

import re

_C1_AND_DEL = r"\x7f-\x9f"
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides, isolates

UNSAFE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, erasing
    r"|\x1b[\]P^_X][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC/DCS/PM/APC/SOS strings: titles, links
    r"|\x1b[ -/]*[0-~]?"  # any other escape sequence
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    rf"|[\x00-\x08\x0b-\x1f{_C1_AND_DEL}]"  # C0 (but tab and newline) and C1 controls, DEL
    rf"|[{_BIDI}]"
)
# What JSON's encoder leaves raw with ensure_ascii=False (it escapes C0 only) and a terminal or
# pager acts on: DEL and C1 (U+009B is a one-byte CSI), bidi controls, line separators.
_RAW_IN_JSON = re.compile(rf"[{_C1_AND_DEL}{_BIDI}\u2028\u2029]")


def clean(text: str) -> str:
    """`text` without control characters, escape sequences or bidi controls."""
    return UNSAFE.sub("", text)


def escape_in_json(json_text: str) -> str:
    """JSON text with every character of `_RAW_IN_JSON` written as a \\u escape: the same data
    (they only ever stand inside its strings), safe to print or page."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


# Lone surrogates: JSON can hold them, UTF-8 cannot, so no text holding one can be saved or printed.
SURROGATE = re.compile("[\ud800-\udfff]")


def written_out(name: str) -> str:
    """`name` with each lone surrogate written out: a byte of a file name that is not UTF-8
    (Python holds it as U+DC80-U+DCFF) as `\\xff`, any other as `\\udxxx`. No encoder takes a
    lone surrogate, so a name holding one could be neither hashed, saved nor printed; written
    out, two such names stay apart."""
    if name.isprintable():  # nearly every name: nothing to do
        return name
    return SURROGATE.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}" if "\udc80" <= m[0] <= "\udcff"
                          else f"\\u{ord(m[0]):04x}", name)


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate as U+FFFD: the same length, so every offset holds."""
    return text if text.isprintable() else SURROGATE.sub("\ufffd", text)

