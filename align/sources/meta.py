"""Metadata as it may be shown: one line of clean text per field, dates as YYYY-MM-DD, web
addresses only when they are web addresses.

Metadata comes from pages and files, so it is untrusted like article text: control and bidi
characters go, and no field can grow without bound.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from align.model import SourceMeta
from align.untrusted import clean

MAX_FIELD = 300
MAX_URL = 2000
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def one_line(value: str | None, limit: int = MAX_FIELD) -> str | None:
    """`value` cleaned of controls, its whitespace collapsed, cut to `limit`; None if empty."""
    if value is None:
        return None
    text = " ".join(clean(str(value)).split())
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text or None


def web_address(value: str | None) -> str | None:
    """An http(s) address, or None."""
    text = one_line(value, MAX_URL)
    if text is None or " " in text:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    return text if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def host_of(url: str | None) -> str | None:
    """The host of a web address, without a leading www."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def iso_date(value: str | None) -> str | None:
    """The YYYY-MM-DD date a value starts with, if it is a real date."""
    match = _ISO_DATE.match(one_line(value) or "")
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups())
    return match.group(0) if 1 <= month <= 12 and 1 <= day <= 31 and year >= 1800 else None


def clean_meta(*, title: str | None = None, site: str | None = None, author: str | None = None,
               date: str | None = None, url: str | None = None, language: str | None = None) -> SourceMeta | None:
    """SourceMeta of whatever is known, cleaned; None when nothing is."""
    lang = one_line(language, 35)
    meta = SourceMeta(
        title=one_line(title), site=one_line(site), author=one_line(author), date=iso_date(date),
        url=web_address(url), language=lang if lang and _LANGUAGE.fullmatch(lang) else None,
    )
    return meta if meta != SourceMeta() else None
