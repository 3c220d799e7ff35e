"""One line of a batch output: how it is written and how its story is read back.

Every line is one compact JSON object whose first key is `story`, so a reader (resuming,
repairing a cut-off last line) finds the story id without parsing the whole alignment.
"""
from __future__ import annotations

import json
from typing import Any

from align.untrusted import clean, escape_in_json

PREFIX = b'{"story":'
MAX_MESSAGE = 500
_ID_WINDOW = 1 << 16  # a story id longer than this is read by parsing the whole line
_decoder = json.JSONDecoder()

StoryId = str | int


def parse(data: bytes | str) -> Any:
    """JSON from outside: ValueError for anything unreadable, nesting too deep included."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def story_key(story: StoryId) -> str:
    """One spelling per id, for sets: "7" and 7 are different stories."""
    return json.dumps(story)


def encode(record: dict[str, Any]) -> bytes:
    """Compact JSON and a newline, in UTF-8. Text that UTF-8 cannot carry (a lone surrogate
    from a JSON input's escapes, a file name that was not UTF-8) is written as \\u escapes
    instead, so nothing is lost and the line stays valid; so are the characters a terminal acts on."""
    try:
        return (escape_in_json(json.dumps(record, ensure_ascii=False, separators=(",", ":"))) + "\n").encode(
            "utf-8")
    except UnicodeEncodeError:
        return (json.dumps(record, separators=(",", ":")) + "\n").encode("ascii")


def result_line(story: StoryId, document: dict[str, Any]) -> bytes:
    """A finished story: its id, then the same v1 document as `parallax --json`."""
    return encode({"story": story, **document})


def one_line(message: str) -> str:
    """A message fit for one line anywhere: no controls, whitespace collapsed, bounded."""
    line = " ".join(clean(message).split())
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "…"


def error_line(story: StoryId, message: str) -> bytes:
    """A story that could not be aligned: its id and why, in one line."""
    return encode({"story": story, "error": one_line(message)})


def story_of(line: bytes) -> tuple[str, bool] | None:
    """(story key, whether the line records an error) for a complete line a batch wrote;
    None for anything else."""
    if not (line.startswith(PREFIX) and line.endswith(b"}\n")):
        return None
    head = line[len(PREFIX): len(PREFIX) + _ID_WINDOW].decode("utf-8", "replace")
    try:
        story, end = _decoder.raw_decode(head)
    except ValueError:
        return _parsed(line)
    if not isinstance(story, (str, int)) or isinstance(story, bool) or head[end:end + 1] != ",":
        return _parsed(line)
    return story_key(story), head.startswith('"error":', end + 1)


def _parsed(line: bytes) -> tuple[str, bool] | None:
    try:
        record = parse(line)
    except ValueError:
        return None
    story = record.get("story") if isinstance(record, dict) else None
    if not isinstance(story, (str, int)) or isinstance(story, bool):
        return None
    return story_key(story), "error" in record
