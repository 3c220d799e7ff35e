"""What sources are called: ids that stay the same for the same article (the review file is
keyed by them), and labels people recognise (the outlet and date, else a readable name).

Names come from file names and pages, so they are untrusted: ids and labels are one line of
clean text, whatever the name held.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlsplit

from align.model import SourceMeta
from align.untrusted import clean, written_out

from .meta import host_of, one_line

MAX_ID = 80
MAX_LABEL = 60
_HASHLIKE = re.compile(
    r"(?<![A-Za-z0-9])(?:"
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"  # a UUID
    r"|(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}"  # hex with digits and letters
    r"|[0-9]{10,}"  # a long number: a timestamp, an internal id
    r"|(?=[A-Za-z0-9]*[0-9])(?=[A-Za-z0-9]*[a-z])(?=[A-Za-z0-9]*[A-Z])[A-Za-z0-9]{12,}"  # a random token
    r")(?![A-Za-z0-9])"
)
_SEPARATORS = re.compile(r"([-. ])[-. ]+")  # what is left where a part was dropped
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def one_line_name(name: str) -> str:
    """`name` as one line of clean text: controls dropped, line breaks and tabs made spaces, and
    what a file name held that is not UTF-8 written as its bytes."""
    return re.sub(r"\s", " ", clean(written_out(name))).strip()


def id_from_stem(stem: str) -> str:
    """A file's source id: its stem, as one clean line."""
    return one_line_name(stem)[:MAX_ID].strip() or "source"


def id_from_url(url: str) -> str:
    """A URL's source id: host and last path segment (and query), as a file-name-safe slug, so
    that the page saved from it (`<id>.html`) reads back with the same id."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "page"
        port = parts.port
    except ValueError:
        return "page"
    host = host.removeprefix("www.")
    segments = [s for s in unquote(parts.path).split("/") if s]
    last = segments[-1].rsplit(".", 1)[0] if segments and "." in segments[-1] else (segments[-1] if segments else "")
    pieces = [host + (f"-{port}" if port else ""), last, unquote(parts.query)]
    slug = "-".join(_SLUG_UNSAFE.sub("-", p).strip("-.") for p in pieces if p)
    return slug[:MAX_ID].strip("-.") or "page"


def _distinct(names: Iterable[str], numbered: Callable[[str, int], str]) -> list[str]:
    """`names`, the second and later of equal ones numbered from 2."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = numbered(name, n)
        seen.add(candidate)
        out.append(candidate)
    return out


def unique_ids(stems: Iterable[str]) -> list[str]:
    """Source ids from file stems, suffixed -2, -3 ... where two would collide."""
    return _distinct(stems, lambda stem, n: f"{stem}-{n}")


def readable(name: str) -> str:
    """A file name as people would say it: hash-like parts dropped, underscores as spaces
    (`000_c1ee8d38dd246e7e` is `000`); the name itself, cut short, if nothing else is left."""
    kept = _HASHLIKE.sub(" ", one_line_name(name)).replace("_", " ")
    kept = _SEPARATORS.sub(lambda m: " " if " " in m.group(0) else m.group(1), kept).strip(" -.")
    return kept or one_line_name(name)[:12] or "source"


def default_label(name: str, meta: SourceMeta | None) -> str:
    """The outlet and date where the article says them, else its readable name."""
    who = (meta.site or host_of(meta.url)) if meta else None
    when = meta.date if meta else None
    if who is None:
        return f"{readable(name)} · {when}" if when else readable(name)
    return f"{who} · {when}" if when else who


def unique_labels(labels: Iterable[str]) -> list[str]:
    """Labels as one line each, and different: a repeated label gets (2), (3) ... A label given
    on the command line may hold bytes that are not UTF-8: written out, as in a file's name."""
    return _distinct((one_line(written_out(label), MAX_LABEL) or "source" for label in labels),
                     lambda label, n: f"{label} ({n})")
