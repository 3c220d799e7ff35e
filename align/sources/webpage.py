"""A web page to an article: its text and who published it when, extracted with trafilatura.

Imported only when an HTML input is there (trafilatura and lxml cost ~0.15 s to import).
A page is untrusted: characters that would act on a terminal (escape sequences, bidi
overrides, control characters, also when written as character references) are removed
before the page is parsed, scripts and styles never become text, and the extracted text and
metadata are cleaned again on the way out.
"""
from __future__ import annotations

import codecs
import logging
import re
from typing import Any

import trafilatura
from trafilatura.utils import load_html

from align.model import SourceMeta
from align.untrusted import clean

from .files import binary_error
from .meta import clean_meta
from .rawtext import InputError

MIN_PARAGRAPH_WORDS = 10  # a page whose text has no paragraph this long has no article
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_META_CHARSET = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_LEGACY = {"iso8859-1": "cp1252", "ascii": "cp1252", "latin-1": "cp1252"}  # as browsers read them
_SAVED_FROM = re.compile(r"\A(?:\ufeff)?\s*<!-- saved from url=\(\d{1,5}\)([^\s>]+) -->")
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_HTML = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_CHAR_REF = re.compile(r"&#(?:[xX]0*([0-9A-Fa-f]{1,8})|0*([0-9]{1,10}));?")
_BIDI_ENTITY = re.compile(r"&(?:lrm|rlm|LeftRightMark|RightLeftMark);", re.IGNORECASE)
_QUIET = ("trafilatura", "htmldate", "courlan", "justext", "readability")
_DATES = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}

for _name in _QUIET:  # libraries log parse trouble; a user's terminal is not their log
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


def charset_of(data: bytes, declared: str | None = None) -> str:
    """How to decode a page: its BOM, the server's charset, its own declaration (first 4 KB),
    else UTF-8 if it is valid UTF-8, else Windows-1252 as browsers assume."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    for candidate in (declared, _declared_in(data[:4096])):
        known = _known(candidate)
        if known:
            return known
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _declared_in(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    return (match.group(1) or match.group(2)).decode("ascii") if match else None


def _known(charset: str | None) -> str | None:
    if not charset:
        return None
    try:
        name = codecs.lookup(charset.strip()).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # a page that says so in ASCII bytes is not UTF-16
    return _LEGACY.get(name, name)


def decode_page(data: bytes, declared: str | None = None) -> str:
    charset = charset_of(data, declared)
    text = data.decode(charset, errors="replace")
    return text.removeprefix("\ufeff")


def saved_from(page: str) -> str | None:
    """The address a saved page came from: the 'saved from url' comment that browsers and
    `--save-pages` put first."""
    match = _SAVED_FROM.match(page)
    return match.group(1) if match else None


def mark_saved(page: str, url: str) -> str:
    """A page to save: first where it came from (as browsers mark saved pages), and a UTF-8
    declaration at the top of its head (the file is written as UTF-8 whatever the page was
    sent in, and the first declaration is the one that counts)."""
    address = "".join(c if c.isascii() and c.isprintable() and c not in " >" else f"%{ord(c):02X}"
                      for c in url)
    head = _HEAD.search(page[:65536]) or _HTML.search(page[:65536])
    at = head.end() if head else 0
    return f"<!-- saved from url=({len(address):04d}){address} -->\n{page[:at]}<meta charset=\"utf-8\">{page[at:]}"


def _defuse(page: str) -> str:
    """The page without what could act on a terminal: escapes and controls as characters,
    and as character references (which the parser would turn into them)."""

    def reference(match: re.Match[str]) -> str:
        hexa, decimal = match.groups()
        try:
            char = chr(int(hexa, 16) if hexa else int(decimal))
        except (ValueError, OverflowError):
            return ""
        return match.group(0) if char in "\t\n" or clean(char) else ""

    return _BIDI_ENTITY.sub("", _CHAR_REF.sub(reference, clean(page)))


def _drop_code(tree: Any) -> None:
    """Scripts, styles and templates never become text (JSON-LD metadata stays)."""
    for element in list(tree.iter("script", "style", "template", "noscript")):
        if element.tag == "script" and "ld+json" in (element.get("type") or "").lower():
            continue
        element.drop_tree()


def _language(tree: Any) -> str | None:
    for value in (tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")):
        if value:
            return str(value)
    found = tree.xpath('//meta[translate(@http-equiv,"CONTENTLAGU-","contentlagu-")="content-language"]/@content')
    return str(found[0]) if found else None


def _article_text(text: str, title: str | None) -> str:
    """The extracted text, cleaned, one paragraph a line, headed by the headline."""
    lines = [" ".join(line.split()) for line in clean(text).split("\n")]
    body = "\n".join(line for line in lines if line)
    if title and not body.casefold().startswith(title.casefold()[:60]):
        body = f"{title}\n{body}"
    return body


def read_page(data: bytes, name: str, *, url: str | None = None, charset: str | None = None) -> tuple[str, SourceMeta]:
    """The article in a page and its metadata; an InputError if the page holds no article."""
    page = decode_page(data, charset)
    if "\x00" in page:
        raise binary_error(name)
    url = url or saved_from(page)
    tree = load_html(_defuse(page))
    if tree is None:
        raise InputError(f"{name}: no article text found in the page")
    language = _language(tree)
    _drop_code(tree)
    doc: Any = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, deduplicate=False, date_extraction_params=dict(_DATES),
    )
    text = getattr(doc, "text", None) or ""
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in text.split("\n")):
        raise InputError(f"{name}: no article text found in the page")
    meta = clean_meta(title=doc.title, site=doc.sitename, author=doc.author, date=doc.date,
                      url=url or doc.url, language=language) or SourceMeta()
    return _article_text(text, meta.title), meta
