"""What kind of text some bytes are, and that text: plain text, Markdown or an HTML page.

The kind comes from the file name (`.txt`, `.md`/`.markdown`, `.html`/`.htm`) or a page's
content type, and whatever the name, content that starts like an HTML document is HTML.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from align.model import SourceFormat, SourceMeta

from .files import MB, binary_error
from .markdown import read_markdown
from .rawtext import InputError

MAX_TEXT_BYTES = 5 * MB  # a text or Markdown article
MAX_PAGE_BYTES = 10 * MB  # a web page: markup, inline scripts and styles around the article

SUFFIXES = {
    ".txt": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
}
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Converted:
    """An article's text, ready for a RawText."""

    text: str
    format: SourceFormat
    meta: SourceMeta | None = None
    blanked: str | None = None


def format_of(data: bytes, suffix: str = "") -> SourceFormat:
    """HTML if the bytes start like an HTML document, else what the suffix says, else text."""
    if suffix.lower() in (".html", ".htm") or _HTML_START.match(data[:4096]):
        return SourceFormat.HTML
    return SUFFIXES.get(suffix.lower(), SourceFormat.TEXT)


def limit_for(suffix: str) -> int:
    """How much to read of a file with this suffix: a text file's cap, or a page's where the
    content decides."""
    return MAX_TEXT_BYTES if SUFFIXES.get(suffix.lower()) in (SourceFormat.TEXT, SourceFormat.MARKDOWN) \
        else MAX_PAGE_BYTES


def refuse_non_text(data: bytes, name: str) -> None:
    """Formats people mistake for articles, said by name."""
    if data.startswith(b"%PDF-"):
        raise InputError(f"{name}: is a PDF; Parallax reads text, Markdown and HTML (save the article as one of them)")


def decode_text(data: bytes, name: str, charset: str | None = None) -> str:
    """Text from bytes: UTF-8 (a BOM is dropped), UTF-16 with a BOM, or the `charset` a web
    server declared. An InputError names what is wrong."""
    refuse_non_text(data, name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif charset and _known(charset) not in (None, "utf-8"):
        text = data.decode(_known(charset) or "utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise InputError(
                f"{name}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})"
            ) from None
    if "\x00" in text:
        raise binary_error(name)
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    return text


def _known(charset: str) -> str | None:
    try:
        return codecs.lookup(charset.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None


def convert(data: bytes, name: str, fmt: SourceFormat, *, url: str | None = None,
            charset: str | None = None) -> Converted:
    """The article in `data`. Pages go through trafilatura and Markdown through its blanker,
    each imported only when such an input is there."""
    if fmt is SourceFormat.HTML:
        refuse_non_text(data, name)
        if len(data) > MAX_PAGE_BYTES:
            raise InputError(f"{name}: larger than {MAX_PAGE_BYTES // MB} MB")
        try:
            from .webpage import read_page  # noqa: PLC0415 - trafilatura costs 0.15 s to import
        except ImportError as err:  # installed without its dependencies
            raise InputError(f"{name}: reading web pages needs {err.name or 'trafilatura'} "
                             "(pip install trafilatura lxml-html-clean)") from None

        article, page_meta = read_page(data, name, url=url, charset=charset)
        return Converted(article, fmt, page_meta)
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{name}: larger than {MAX_TEXT_BYTES // MB} MB")
    text = decode_text(data, name, charset)
    if fmt is SourceFormat.MARKDOWN:
        blanked, meta = read_markdown(text)
        if not blanked.strip():
            raise InputError(f"{name}: the file has no text outside its markup")
        return Converted(text, fmt, meta, blanked)
    return Converted(text, fmt)
