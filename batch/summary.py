"""`--summary`: one CSV row per discrepancy in OUT, for pandas and R.

Made from OUT itself after the batch, so it covers every story OUT holds, resumed runs
included. Written by the csv module (quoting commas, quotes and line breaks), with every text
field cleaned of control characters; `sources` and `values` are JSON arrays of the same length
(the source of each value, in order), which `json.loads` / `jsonlite::fromJSON` read back.
The file appears whole or not at all: written beside its final name, then renamed.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from align.untrusted import clean

from .lines import parse

COLUMNS = ("story", "fact", "kind", "severity", "sources", "values", "summary")


def rows(lines: Iterable[bytes]) -> Iterator[list[str]]:
    """The discrepancy rows of batch output lines (error lines have none)."""
    for line in lines:
        document = parse(line)
        if "error" in document:
            continue
        story = _text(document["story"])
        for fact in document["facts"]:
            for d in fact["discrepancies"]:
                yield [story, _text(fact["id"]), _text(d["kind"]), _text(d["severity"]),
                       _array(v["source"] for v in d["values"]), _array(v["text"] for v in d["values"]),
                       _text(d["summary"])]


def write(path: str, lines: Iterable[bytes]) -> int:
    """Write the summary of `lines` to `path` atomically; the number of rows."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, temporary = tempfile.mkstemp(prefix=".summary-", suffix=".csv.tmp", dir=folder)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(COLUMNS)
            for row in rows(lines):
                writer.writerow(row)
                count += 1
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return count


def _text(value: Any) -> str:
    """Untrusted text as one clean line: no controls, whitespace collapsed."""
    return " ".join(clean(str(value)).split())


def _array(values: Iterable[Any]) -> str:
    return json.dumps([_text(v) for v in values], ensure_ascii=False)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
