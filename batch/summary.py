"""`--summary`: one CSV row per discrepancy in OUT, for pandas and R.

Made from OUT itself after the batch, so it covers every story OUT holds, resumed runs
included. Written by the csv module (quoting commas, quotes and line breaks), with every text
field cleaned of control characters; `sources` and `values` are JSON arrays of the same length
(the source of each value, in order), which `json.loads` / `jsonlite::fromJSON` read back.
A text cell that a spreadsheet would run as a formula (one starting with `=`, `+`, `-`, `@`, a tab
or a carriage return, and not a plain number) is written with a `'` before it, as OWASP advises
against CSV injection; numbers, and the JSON arrays (which start with `[`), are left as they are.
A file appears whole or not at all: written beside its final name, then renamed; a device or a
pipe (`/dev/stdout`) is written to, never replaced.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from align.untrusted import clean

from .lines import parse

COLUMNS = ("story", "fact", "kind", "severity", "sources", "values", "summary")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")


def rows(lines: Iterable[bytes]) -> Iterator[list[str]]:
    """The discrepancy rows of batch output lines (error lines have none)."""
    for line in lines:
        document = parse(line)
        if "error" in document:
            continue
        story = _cell(document["story"])
        for fact in document["facts"]:
            for d in fact["discrepancies"]:
                yield [story, _cell(fact["id"]), _cell(d["kind"]), _cell(d["severity"]),
                       _array(v["source"] for v in d["values"]), _array(v["text"] for v in d["values"]),
                       _cell(d["summary"])]


def write(path: str, lines: Iterable[bytes]) -> int:
    """Write the summary of `lines` to `path` atomically; the number of rows. A `path` that is
    there and not a regular file (a device, a pipe) is written to instead; OSError if it fails."""
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        special = False
    if special:
        with open(path, "w", encoding="utf-8", errors="replace", newline="") as f:
            return _write_rows(f, lines)  # closing it flushes: a full device raises there
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".summary-", suffix=".csv.tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as f:
            count = _write_rows(f, lines)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return count


def _write_rows(f: TextIO, lines: Iterable[bytes]) -> int:
    writer = csv.writer(f)
    writer.writerow(COLUMNS)
    count = 0
    for row in rows(lines):
        writer.writerow(row)
        count += 1
    return count


def _cell(value: Any) -> str:
    """A text cell: clean, and with a `'` before it if a spreadsheet would run it as a formula."""
    text = _text(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _text(value: Any) -> str:
    """Untrusted text as one clean line: no controls, whitespace collapsed."""
    return " ".join(clean(str(value)).split())


def _array(values: Iterable[Any]) -> str:
    return json.dumps([_text(v) for v in values], ensure_ascii=False)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
