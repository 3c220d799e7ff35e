"""Reading the articles: paths, directories and stdin in, validated texts out.

Every problem a user can cause becomes an `InputError` whose message is one line naming the
file and the problem, so the command line can print it and exit 2 without a traceback.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable

MAX_BYTES = 5 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
STDIN = "-"


class InputError(Exception):
    """A problem with the user's input, worded for the user."""


@dataclass(frozen=True, slots=True)
class RawText:
    """One article's text, before it is split into sentences."""

    id: str
    path: str | None
    text: str


def decode(data: bytes, name: str) -> str:
    """UTF-8 text from bytes (a BOM is dropped), or an InputError naming what is wrong."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            f"{name}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})"
        ) from None
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: file is larger than 5 MB ({size / 1e6:.1f} MB)")
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror or err})") from None


def _read_stdin(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError("<stdin>: input is larger than 5 MB")
    return data


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[str | Path]:
    """Files to read: directories become their text files, sorted; '-' stays stdin."""
    out: list[str | Path] = []
    for raw in paths:
        if str(raw) == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                raise InputError(f"{path}: directory has no .txt or .md files")
            out.extend(files)
        elif path.exists():
            out.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return out


def unique_ids(stems: Iterable[str]) -> list[str]:
    """Source ids from file stems, suffixed -2, -3 ... where two would collide."""
    seen: set[str] = set()
    ids: list[str] = []
    for stem in stems:
        candidate, n = stem, 1
        while candidate in seen:
            n += 1
            candidate = f"{stem}-{n}"
        seen.add(candidate)
        ids.append(candidate)
    return ids


def read_texts(paths: Iterable[str | os.PathLike[str]], stdin: BinaryIO | None = None) -> list[RawText]:
    """Read and validate every input."""
    files = expand(paths)
    texts: list[str] = []
    for f in files:
        if f == STDIN:
            texts.append(decode(_read_stdin(stdin or sys.stdin.buffer), "<stdin>"))
        else:
            texts.append(decode(_read_bytes(Path(f)), str(f)))
    ids = unique_ids("stdin" if f == STDIN else Path(f).stem for f in files)
    return [RawText(i, None if f == STDIN else str(f), t) for i, f, t in zip(ids, files, texts)]


def require_two(raws: list[RawText]) -> None:
    if len(raws) < 2:
        raise InputError(f"need at least two sources to align, got {len(raws)}")
