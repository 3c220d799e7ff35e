"""Articles fetched from URLs, against a web server on 127.0.0.1 that the tests start and stop."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_cli, run_main

from align.sources import InputError, ReadOptions, read_inputs

PAGES = Path(__file__).resolve().parent / "pages"
STORY = PAGES / "story.txt"


class PageServer:
    def __init__(self, log: Path) -> None:
        self.log = log
        self.start()

    def start(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("pageserver.py")), str(self.log)],
                                        stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        self.port = int(self.process.stdout.readline())

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requests(self) -> list[list[str]]:
        return [line.split("\t") for line in self.log.read_text(encoding="utf-8").splitlines()]

    def stop(self) -> None:
        os.kill(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PageServer]:
    running = PageServer(tmp_path_factory.mktemp("server") / "requests.log")
    yield running
    running.stop()


def failures(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert result.stdout == b"" and "Traceback" not in err
    return err.strip().splitlines()


def test_a_fetched_page_is_its_article_labelled_by_outlet_and_date(server):
    result = run_main("--json", server.url("/news"), str(STORY))
    assert result.returncode == 0, result.stderr.decode()
    page = json.loads(result.stdout)["sources"][0]
    assert page["id"] == f"127.0.0.1-{server.port}-news"
    assert page["label"] == "The Millbrook Ledger · 2025-05-14"
    assert page["path"] is None and page["meta"]["url"] == server.url("/news")
    assert "riverrat54" not in page["text"] and "The Millbrook city council voted 7-2" in page["text"]
    agent = next(ua for path, ua in server.requests() if path == "/news")
    assert "Parallax/" in agent


def test_redirects_are_followed_and_several_pages_fetched_at_once(server):
    said: list[str] = []
    urls = [server.url(p) for p in ("/moved", "/hop1", "/amp", "/jsonld", "/gzip", "/untyped")]
    raws = read_inputs(urls, ReadOptions(warn=said.append))
    assert [r.label for r in raws] == ["The Millbrook Ledger · 2025-05-14", "Valley Public Radio · 2025-05-14",
                                       "County Courier · 2025-05-14"]
    # /hop1 (two redirects), /gzip (compressed) and /untyped (no Content-Type) are the page /moved led to
    assert said == [f"{urls[n]}: the same article as {urls[0]}; aligned once" for n in (1, 4, 5)]


def test_each_failure_is_one_line_naming_its_url_and_the_run_stops(server):
    urls = {path: server.url(path) for path in ("/missing", "/broken", "/loop", "/to-file", "/report.pdf", "/login",
                                                "/huge")}
    result = run_main("--json", *urls.values(), "http://127.0.0.1:1/refused", str(STORY))
    lines = failures(result)
    assert len(lines) == len(urls) + 1
    expected = {"/missing": "HTTP 404 Not Found", "/broken": "HTTP 500", "/loop": "too many redirects",
                "/to-file": "redirected to an address that is not a web page",
                "/report.pdf": "not a web page or text: application/pdf", "/login": "no article text found",
                "/huge": "larger than 10 MB"}
    for line, (path, why) in zip(lines, expected.items(), strict=False):
        assert line.startswith(f"parallax: {urls[path]}: ") and why in line, line
    assert lines[-1] == "parallax: http://127.0.0.1:1/refused: cannot fetch (connection refused)"
    assert "/etc/passwd" not in result.stderr.decode()


def test_a_slow_page_and_a_trickling_page_time_out(server):
    started = time.monotonic()
    lines = failures(run_main("--json", "--timeout", "1", server.url("/slow"), server.url("/trickle"), str(STORY)))
    assert time.monotonic() - started < 4.5  # fetched side by side, each cut at 1 s (5 s and 20 s unbounded)
    assert lines == [f"parallax: {server.url('/slow')}: cannot fetch (no complete answer within 1 s)",
                     f"parallax: {server.url('/trickle')}: cannot fetch (no complete answer within 1 s)"]


def test_a_gzip_bomb_is_cut_at_the_size_cap(server):
    with pytest.raises(InputError, match="larger than 10 MB"):
        read_inputs([server.url("/gzip-bomb")], ReadOptions(timeout=30))


def test_a_page_in_a_legacy_charset_declared_only_in_its_meta_tag(server):
    [raw] = read_inputs([server.url("/latin1")])
    assert "Les réparations coûteront 38 millions de dollars" in raw.text
    assert raw.meta is not None and raw.meta.language == "fr" and raw.label == "Le Courrier de Millbrook"


def test_keep_going_aligns_the_rest(server):
    result = run_main("--json", "--keep-going", server.url("/missing"), server.url("/news"), str(STORY))
    assert result.returncode == 0
    assert [s["label"] for s in json.loads(result.stdout)["sources"]] == ["The Millbrook Ledger · 2025-05-14", "story"]
    assert result.stderr.decode().strip() == (f"parallax: warning: {server.url('/missing')}: cannot fetch "
                                              "(HTTP 404 Not Found); left out")


def test_a_host_that_does_not_resolve_is_named(monkeypatch):
    def no_such_host(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no lookup leaves this machine
    with pytest.raises(InputError) as caught:
        read_inputs(["https://news.invalid/story"])
    assert str(caught.value) == ("https://news.invalid/story: cannot fetch "
                                 "(cannot find the host (Name or service not known))")


def test_a_list_file_of_urls_and_paths(server, tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"{server.url('/news')}\n# a comment\n{STORY}\n{server.url('/blog')}\n", encoding="utf-8")
    raws = read_inputs([f"@{listing}"])
    assert [r.label for r in raws] == ["The Millbrook Ledger · 2025-05-14", "story", "River Notes · 2025-05-15"]


def test_saved_pages_reproduce_the_review_offline(server, tmp_path):
    """The same articles from the web and from the pages saved then: the same ids, texts and
    review file, so the verdicts given on the fetched pages are found on the saved ones."""
    from review.store import default_path, save
    from review.verdicts import FactVerdict, Judgement, ReviewState, fact_anchor

    saved = tmp_path / "saved"
    urls = [server.url("/news"), server.url("/latin1"), server.url("/story.md")]
    online = run_main("--json", "--save-pages", str(saved), *urls)
    assert online.returncode == 0, online.stderr.decode()
    first = json.loads(online.stdout)
    names = sorted(p.name for p in saved.iterdir() if p.is_file())
    port = server.port
    assert names == [f"127.0.0.1-{port}-latin1.html", f"127.0.0.1-{port}-news.html", f"127.0.0.1-{port}-story.md"]
    assert [s["path"] for s in first["sources"]] == [str(saved / n) for n in (names[1], names[0], names[2])]

    import align

    alignment = align.align([Path(s["path"]) for s in first["sources"]])
    shared = next(f for f in alignment.facts if not f.single_source)
    review = default_path([s["id"] for s in first["sources"]], [s["path"] for s in first["sources"]])
    save(review, ReviewState(tuple(s["id"] for s in first["sources"]),
                             (Judgement(anchor=fact_anchor(shared, alignment), verdict=FactVerdict.CONFIRMED),)))

    server.stop()  # offline from here on
    try:
        offline = run_main("--json", *(str(saved / n) for n in (names[1], names[0], names[2])))
        assert offline.returncode == 0, offline.stderr.decode()
        second = json.loads(offline.stdout)
        for before, after in zip(first["sources"], second["sources"], strict=True):
            assert {k: v for k, v in before.items() if k != "shared_facts"} == \
                   {k: v for k, v in after.items() if k != "shared_facts"}
        assert second["review"]["file"] == str(review)
        assert second["review"]["facts"][shared.id]["verdict"] == "confirmed"
        again = run_main("--json", "--save-pages", str(saved), *(str(saved / n) for n in names))
        assert again.returncode == 0 and sorted(p.name for p in saved.iterdir() if p.is_file()) == names
    finally:
        server.start()  # back for any test after this one


def test_a_fifo_where_a_page_would_be_saved_is_not_waited_on(server, tmp_path):
    """Saving compares the page with a file already at its name: opening a FIFO there to read
    it waited for a writer for ever."""
    saved = tmp_path / "saved"
    saved.mkdir()
    os.mkfifo(saved / f"127.0.0.1-{server.port}-news.html")
    started = time.monotonic()
    result = run_cli("--json", "--keep-going", "--timeout", "5", "--save-pages", str(saved), server.url("/news"),
                     str(STORY))  # a process of its own: the old code hung
    assert time.monotonic() - started < 20
    assert result.returncode == 0, result.stderr.decode()
    assert b"already exists with other content" in result.stderr
    assert [p.name for p in saved.iterdir() if p.name.endswith(".tmp")] == []


def test_an_address_written_with_letters_beyond_ascii_is_fetched(server):
    """People paste addresses as their browser shows them ("…/café.html"): HTTP needs them
    percent-encoded as UTF-8 (the host in IDNA), and urllib raised on them ('ascii' codec)."""
    from align.sources.fetch import as_ascii

    assert as_ascii("https://bücher.de/straße?q=été") == "https://xn--bcher-kva.de/stra%C3%9Fe?q=%C3%A9t%C3%A9"
    result = run_main("--json", server.url("/news?q=café"), str(STORY))
    assert result.returncode == 0, result.stderr.decode()
    assert any(path == "/news?q=caf%C3%A9" for path, *_ in server.requests())
