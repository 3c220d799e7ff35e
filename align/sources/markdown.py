"""Markdown as people save articles: the markup blanked out for alignment, offset for offset.

The panes show the file as written, so a source's text stays the text as read; what the
engine compares is a copy in which every markup character (heading and list markers,
emphasis, link targets, images, table rules, HTML tags, front matter) is replaced by a space.
Both strings have the same length, so every offset means the same place in each.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable

from align.model import SourceMeta
from align.untrusted import clean

from .meta import clean_meta

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$")
_FRONT_FIELDS = {
    "title": "title", "headline": "title",
    "site": "site", "site_name": "site", "sitename": "site", "publisher": "site", "outlet": "site",
    "author": "author", "authors": "author", "byline": "author", "creator": "author",
    "date": "date", "published": "date", "date_published": "date", "datepublished": "date",
    "pubdate": "date", "created": "date",
    "url": "url", "source": "url", "link": "url", "canonical": "url", "original_url": "url",
    "lang": "language", "language": "language",
}

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_LINE_RULES = (
    re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S.*$"),  # a link reference definition
    re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$"),  # a thematic break
    re.compile(r"^[ \t]{0,3}(?:=+|-+)[ \t]*$"),  # a setext heading's underline
    re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$"),  # a table rule
)
_PREFIX = re.compile(
    r"[ \t]{0,3}>[ \t]?"  # a quote
    r"|[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?"  # a list item (and task box)
    r"|[ \t]{0,3}#{1,6}(?:[ \t]+|$)"  # an ATX heading
)
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_INLINE_WHOLE = (
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # an image: its alt text is not the article's
    re.compile(r"!\[[^\]\n]*\]\[[^\]\n]*\]"),
    re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>", re.IGNORECASE),  # an autolink
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),  # an HTML tag
    re.compile(r"\[\^[^\]\n]+\]"),  # a footnote reference
)
_LINK = re.compile(r"(\[)[^\]\n]+(\]\([^)\n]*\)|\]\[[^\]\n]*\])")  # [text](target), [text][ref]
_CODE = re.compile(r"(`+)[^`\n]+?(\1)")
_EMPHASIS = re.compile(
    r"(?<![\w*_~\\])(?:\*{1,3}|_{1,3}|~~)(?=[^\s*_~])"  # opening: before a word
    r"|(?<=[^\s*_~\\])(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])"  # closing: after one
)
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def front_matter(text: str) -> tuple[SourceMeta | None, int]:
    """The metadata of a YAML front matter block (title, site, author, date, url, language;
    plain `key: value` lines, the first item of a list), and where the block ends."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, 0
    found: dict[str, str] = {}
    lines = match.group(1).split("\n")
    for n, line in enumerate(lines):
        key = _FRONT_KEY.match(line)
        if not key or (field := _FRONT_FIELDS.get(key.group(1).lower())) is None or field in found:
            continue
        value = key.group(2).strip()
        if not value and n + 1 < len(lines) and lines[n + 1].lstrip().startswith("- "):
            value = lines[n + 1].lstrip()[2:].strip()  # a list: its first item
        value = value.strip("\"'").removeprefix("[[").removesuffix("]]")
        if value:
            found[field] = value
    return clean_meta(**found), match.end()


def _blank(chars: list[str], start: int, end: int) -> None:
    for k in range(start, end):
        if chars[k] != "\n":
            chars[k] = " "


def _blank_lines(text: str, chars: list[str], start: int) -> None:
    """Markup that belongs to lines: fences, rules, definitions, block prefixes, table pipes."""
    in_fence = False
    offset = 0
    lines = text.split("\n")
    rows = ["|" in line and bool(_LINE_RULES[3].match(line)) for line in lines]
    for n, line in enumerate(lines):
        begin, offset = offset, offset + len(line) + 1
        if begin < start:
            continue
        if _FENCE.match(line):
            in_fence = not in_fence
            _blank(chars, begin, begin + len(line))
            continue
        if in_fence:
            continue
        if any(rule.match(line) for rule in _LINE_RULES):
            _blank(chars, begin, begin + len(line))
            continue
        pos = 0
        while (prefix := _PREFIX.match(line, pos)) and prefix.end() > pos:
            _blank(chars, begin + pos, begin + prefix.end())
            pos = prefix.end()
            if prefix.group(0).lstrip().startswith("#"):
                closing = _CLOSING_HASHES.search(line, pos)
                if closing:
                    _blank(chars, begin + closing.start(), begin + closing.end())
                break
        in_table = line.lstrip().startswith("|") or (n + 1 < len(lines) and rows[n + 1]) or (n > 0 and rows[n - 1])
        if in_table:
            for k, char in enumerate(line):
                if char == "|" and (k == 0 or line[k - 1] != "\\"):
                    chars[begin + k] = " "


def _blank_matches(chars: list[str], patterns: Iterable[re.Pattern[str]], groups: bool = False) -> None:
    for pattern in patterns:
        for match in pattern.finditer("".join(chars)):
            if groups:
                for g in range(1, (match.lastindex or 0) + 1):
                    _blank(chars, match.start(g), match.end(g))
            else:
                _blank(chars, match.start(), match.end())


def _decode_entities(chars: list[str]) -> None:
    """`&amp;` becomes `&` and four spaces: the character it stands for, at the same place."""
    for match in _ENTITY.finditer("".join(chars)):
        decoded = clean(html.unescape(match.group(0)))
        if len(decoded) == 1:
            _blank(chars, match.start(), match.end())
            chars[match.start()] = decoded


def blank_markup(text: str, start: int = 0) -> str:
    """`text` with its Markdown markup (from `start` on; before it, everything) replaced by
    spaces: the same length, newlines where they were."""
    chars = list(text)
    _blank(chars, 0, start)
    _blank_lines(text, chars, start)
    _blank_matches(chars, _INLINE_WHOLE)
    _blank_matches(chars, (_LINK, _CODE), groups=True)
    _blank_matches(chars, (_EMPHASIS, _ESCAPE))
    _decode_entities(chars)
    return "".join(chars)


def read_markdown(text: str) -> tuple[str, SourceMeta | None]:
    """The text to align (markup blanked) and what the front matter says about the article."""
    meta, end = front_matter(text)
    return blank_markup(text, end), meta
