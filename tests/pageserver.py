"""A web server on 127.0.0.1 for the URL tests, serving pages written for them.

Run as `python pageserver.py LOGFILE`: it binds a free port, prints it on the first line of
stdout, and appends each request's path and User-Agent to LOGFILE. The tests start it and stop
it by PID. Routes:

  /news /blog /amp /jsonld /hostile   pages from tests/pages
  /story.txt /story.md                the same story as text and Markdown
  /moved -> /news (301), /hop1 -> /hop2 -> /news, /loop -> /loop, /to-file -> file:///etc/passwd
  /missing (404), /broken (500), /slow (answers after 5 s), /trickle (a byte every 0.2 s)
  /huge (11 MB of HTML), /gzip-bomb (60 MB of HTML in 270 KB of gzip), /gzip (news, gzipped)
  /report.pdf (a PDF), /latin1 (an ISO-8859-1 page declared in its meta tag only),
  /login (a page with no article), /untyped (news with no Content-Type)
"""
from __future__ import annotations

import contextlib
import gzip
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGES = Path(__file__).resolve().parent / "pages"
LATIN1 = """<!DOCTYPE html>
<html lang="fr"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Le pont de la rue Harbor fermé pendant 14 mois</title>
<meta property="og:site_name" content="Le Courrier de Millbrook"></head>
<body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav><article>
<h1>Le pont de la rue Harbor fermé pendant 14 mois</h1>
<p>Le conseil municipal de Millbrook a voté mardi, par 7 voix contre 2, la fermeture du pont de la rue
Harbor pendant 14 mois de travaux.</p>
<p>Les réparations coûteront 38 millions de dollars, financés en grande partie par une subvention de l'État.</p>
<p>Les ingénieurs ont découvert de la corrosion dans les supports en acier du pont lors d'une inspection en mars.</p>
</article></body></html>
"""
LOGIN = """<!DOCTYPE html><html><head><title>Sign in</title></head><body>
<nav><a href="/">Home</a> <a href="/help">Help</a></nav>
<form><label>Email <input name="email"></label><label>Password <input type="password"></label>
<button>Sign in</button></form><footer>Terms · Privacy</footer></body></html>
"""
REDIRECTS = {"/moved": (301, "/news"), "/hop1": (302, "/hop2"), "/hop2": (307, "/news"), "/loop": (302, "/loop"),
             "/to-file": (302, "file:///etc/passwd")}
FILES = {"/news": "news.html", "/blog": "blog.html", "/amp": "amp.html", "/jsonld": "jsonld.html",
         "/hostile": "hostile.html", "/story.txt": "story.txt", "/story.md": "story.md"}
TYPES = {".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".md": "text/markdown"}


class Pages(BaseHTTPRequestHandler):
    log_path: Path

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, content_type: str | None, **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"{self.path}\t{self.headers.get('User-Agent', '')}\n")
        path = self.path.split("?")[0]
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            self.route(path)

    def route(self, path: str) -> None:
        if path in FILES:
            file = PAGES / FILES[path]
            self.send(200, file.read_bytes(), TYPES[file.suffix])
        elif path in REDIRECTS:
            status, target = REDIRECTS[path]
            self.send(status, b"", "text/html", Location=target)
        elif path == "/missing":
            self.send(404, b"<h1>Not Found</h1>", "text/html")
        elif path == "/broken":
            self.send(500, b"<h1>Internal Server Error</h1>", "text/html")
        elif path == "/slow":
            time.sleep(5)
            self.send(200, (PAGES / "news.html").read_bytes(), "text/html")
        elif path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"<p>more</p>")
                self.wfile.flush()
                time.sleep(0.2)
        elif path == "/huge":
            filler = b"<p>" + b"The council met again and talked at length about the bridge. " * 20 + b"</p>\n"
            body = b"<!DOCTYPE html><html><body><article>" + filler * (11 * 1024 * 1024 // len(filler) + 1)
            self.send(200, body, "text/html")
        elif path == "/gzip-bomb":
            body = gzip.compress(b"<!DOCTYPE html><html><body><p>" + b"a" * (60 * 1024 * 1024) + b"</p>", 1)
            self.send(200, body, "text/html", Content_Encoding="gzip")
        elif path == "/gzip":
            body = gzip.compress((PAGES / "news.html").read_bytes())
            self.send(200, body, "text/html; charset=utf-8", Content_Encoding="gzip")
        elif path == "/report.pdf":
            self.send(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <</Type /Catalog>> endobj\n", "application/pdf")
        elif path == "/latin1":
            self.send(200, LATIN1.encode("iso-8859-1"), "text/html")
        elif path == "/login":
            self.send(200, LOGIN.encode(), "text/html; charset=utf-8")
        elif path == "/untyped":
            self.send(200, (PAGES / "news.html").read_bytes(), None)
        else:
            self.send(404, b"", "text/plain")


def main() -> None:
    Pages.log_path = Path(sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
