"""Web pages fetched over HTTP(S): the standard library's client, a timeout for the whole
transfer, a size cap enforced while the body streams in, redirects followed (to web
addresses only), a User-Agent that names Parallax, several pages at once.

Imported only when a URL is given. Every failure is an InputError of one line naming the URL.
"""
from __future__ import annotations

import functools
import http.client
import os
import re
import socket
import ssl
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from align.model import SourceFormat

from .files import CHUNK, MB, read_small_regular
from .rawtext import InputError

MAX_WORKERS = 8
GRACE = 0.5  # seconds past a fetch's deadline before it is given up on (its own checks come first)
MAX_REDIRECTS = 10
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1"
PAGE_TYPES = {
    "text/html": SourceFormat.HTML,
    "application/xhtml+xml": SourceFormat.HTML,
    "text/plain": SourceFormat.TEXT,
    "text/markdown": SourceFormat.MARKDOWN,
    "text/x-markdown": SourceFormat.MARKDOWN,
}


@functools.cache
def user_agent() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

    try:
        return f"Mozilla/5.0 (compatible; Parallax/{version('parallax')}; news article comparison)"
    except PackageNotFoundError:
        return "Mozilla/5.0 (compatible; Parallax; news article comparison)"


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: the address asked for, where it ended up, its body and its type."""

    url: str
    final_url: str
    data: bytes
    format: SourceFormat | None  # None: the server did not say; the content decides
    charset: str | None


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: http.client.HTTPMessage, newurl: str) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "redirected to an address that is not a web page",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """HTTP and HTTPS only (no file:, ftp: or data:), proxies from the environment as usual."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPHandler(),
                    urllib.request.HTTPSHandler(context=ssl.create_default_context()), _Redirects(),
                    urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _problem(url: str, err: BaseException, timeout: float) -> InputError:
    """One line saying why `url` could not be fetched."""
    if isinstance(err, urllib.error.HTTPError):
        if 300 <= err.code < 400:
            why = "too many redirects" if "infinite loop" in str(err.reason) \
                else "redirected to an address that is not a web page"
        else:
            why = f"HTTP {err.code} {err.reason}".strip()
    elif isinstance(err, urllib.error.URLError):
        return _problem(url, err.reason, timeout) if isinstance(err.reason, BaseException) \
            else InputError(f"{url}: cannot fetch ({err.reason})")
    elif isinstance(err, TimeoutError | socket.timeout):
        why = f"no complete answer within {timeout:g} s"
    elif isinstance(err, socket.gaierror):
        why = f"cannot find the host ({err.strerror or err})"
    elif isinstance(err, ConnectionRefusedError):
        why = "connection refused"
    elif isinstance(err, ssl.SSLCertVerificationError):
        why = f"its certificate is not valid ({err.verify_message or err})"
    elif isinstance(err, OSError | http.client.HTTPException):
        why = str(getattr(err, "strerror", None) or err or type(err).__name__)
    else:
        why = str(err) or type(err).__name__
    return InputError(f"{url}: cannot fetch ({why})")


def _set_read_timeout(response: Any, seconds: float) -> None:
    """Let no single read wait past the transfer's deadline (best effort: the socket sits
    inside http.client's buffered reader)."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        sock.settimeout(max(seconds, 0.01))


def _body(response: Any, url: str, limit: int, deadline: float, timeout: float) -> bytes:
    """The body, decompressed if the server compressed it, cut off at `limit` bytes and at the
    deadline, whichever comes first."""
    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    inflate = zlib.decompressobj(wbits=47) if encoding in ("gzip", "x-gzip", "deflate") else None
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise InputError(f"{url}: cannot fetch (the server used an unknown compression, {encoding[:20]})")
    body = bytearray()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise InputError(f"{url}: cannot fetch (no complete answer within {timeout:g} s)")
        _set_read_timeout(response, remaining)
        chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not chunk:
            break
        if inflate is not None:
            chunk = inflate.decompress(chunk, limit + 1 - len(body))
        body += chunk
        if len(body) > limit:
            raise InputError(f"{url}: cannot fetch (the page is larger than {limit // MB} MB)")
    if inflate is not None:
        body += inflate.flush(limit + 1 - len(body))
        if len(body) > limit or inflate.unconsumed_tail:
            raise InputError(f"{url}: cannot fetch (the page is larger than {limit // MB} MB)")
    return bytes(body)


def as_ascii(url: str) -> str:
    """An address as people write it ("…/café.html", "bücher.de") as HTTP needs it: the host
    in IDNA, other characters percent-encoded as UTF-8 (a byte of the command line that is not
    UTF-8, as itself). ValueError if the host cannot be encoded."""
    if url.isascii():
        return url
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    netloc = parts.netloc if host.isascii() else (  # no user name here: refused when read (reader)
        host.encode("idna").decode("ascii") + (f":{parts.port}" if parts.port is not None else ""))

    def encoded(part: str) -> str:
        return _NOT_ASCII.sub(lambda m: urllib.parse.quote(m[0].encode("utf-8", "surrogateescape")), part)

    return urllib.parse.urlunsplit((parts.scheme, netloc, *map(encoded, (parts.path, parts.query, parts.fragment))))


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def fetch(url: str, *, timeout: float, limit: int) -> Page:
    """One page, or an InputError naming the URL."""
    deadline = time.monotonic() + timeout
    try:
        request = urllib.request.Request(as_ascii(url), headers={  # a malformed URL ("http://[bad/") raises here
            "User-Agent": user_agent(), "Accept": ACCEPT, "Accept-Encoding": "gzip",
            "Accept-Language": "en;q=1.0, *;q=0.5",
        })
        with _opener().open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type() if response.headers.get("Content-Type") else None
            if kind is not None and kind not in PAGE_TYPES:
                raise InputError(f"{url}: cannot fetch (not a web page or text: {kind[:60]})")
            data = _body(response, url, limit, deadline, timeout)
            return Page(url, response.geturl(), data, PAGE_TYPES.get(kind) if kind else None,
                        response.headers.get_content_charset())
    except InputError:
        raise
    except (OSError, http.client.HTTPException, ValueError, zlib.error) as err:
        raise _problem(url, err, timeout) from None


def fetch_all(urls: Sequence[str], *, timeout: float, limit: int) -> list[Page | InputError]:
    """Every page, fetched concurrently (MAX_WORKERS at a time), in the order asked. Each fetch
    runs in a daemon thread that is given up on at its deadline: urllib's timeout bounds each
    read, not the whole answer, so a server dripping a byte of headers at a time would
    otherwise hold the command for ever."""
    results: list[Page | InputError | None] = [None] * len(urls)
    started: list[float | None] = [None] * len(urls)
    slots = threading.BoundedSemaphore(MAX_WORKERS)

    def one(n: int, url: str) -> None:
        with slots:
            started[n] = time.monotonic()
            try:
                results[n] = fetch(url, timeout=timeout, limit=limit)
            except InputError as err:
                results[n] = err
            except Exception as err:  # anything else: one line for this URL, never a thread's traceback
                results[n] = InputError(f"{url}: cannot fetch ({type(err).__name__}: {err})")

    threads = [threading.Thread(target=one, args=(n, url), daemon=True, name="fetch") for n, url in enumerate(urls)]
    for thread in threads:
        thread.start()
    for n, thread in enumerate(threads):
        while thread.is_alive():
            begun = started[n]
            if begun is not None and time.monotonic() > begun + timeout + GRACE:
                break
            thread.join(0.05)
    return [result if result is not None else
            InputError(f"{url}: cannot fetch (no complete answer within {timeout:g} s)")
            for url, result in zip(urls, results, strict=True)]


def save_page(folder: Path, name: str, content: bytes) -> Path:
    """`content` as `folder/name`, written whole (temporary file, fsync, link) and never over
    another file: a file already there with other content is kept, and an InputError says so."""
    target = folder / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(f"{folder}: cannot write a saved page ({err.strerror or err})") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # as any file the user writes, not mkstemp's 0600
        try:
            os.link(tmp, target)
        except FileExistsError:
            if _same_content(target, content):
                return target
            raise InputError(f"{target}: already exists with other content; kept it and did not save "
                             "this page (remove it to save the page again)") from None
        return target
    except OSError as err:
        raise InputError(f"{target}: cannot write ({err.strerror or err})") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _same_content(path: Path, content: bytes) -> bool:
    """Whether the regular file at `path` holds `content`; anything else there (a FIFO would
    block the open, a device never end) is not the same."""
    try:
        return read_small_regular(path, len(content)) == content
    except OSError:
        return False
