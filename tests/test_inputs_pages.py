"""Articles as people have them: saved web pages and Markdown, aligned with plain text."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, run_main

import align
from align.model import SourceFormat
from align.sources import InputError, read_inputs
from align.untrusted import UNSAFE

PAGES = Path(__file__).resolve().parent / "pages"
STORY = PAGES / "story.txt"
SHAPES = ["news.html", "blog.html", "amp.html", "jsonld.html"]
# The story's seven facts, as the plain-text version words them.
FACTS = [line for line in STORY.read_text(encoding="utf-8").splitlines()[2:] if line]
CHROME = ["Sign up", "newsletter", "Refinance", "mattresses", "Related stories", "riverrat54", "never listens",
          "Privacy Policy", "Share on", "Breaking:", "Leave a Reply", "Recent Posts", "Most read", "cookies",
          "Become a member", "Donate", "Proudly powered", "Tigers clinch", "Previous post"]


def schema() -> dict:
    return json.loads(files("align").joinpath("schema.json").read_text())


@pytest.fixture(scope="module")
def shapes_aligned() -> align.Alignment:
    return align.align([PAGES / name for name in SHAPES] + [STORY])


def test_saved_pages_of_every_shape_line_up_with_the_plain_text_fact_by_fact(shapes_aligned):
    story = shapes_aligned.source("story")
    for fact_text in FACTS:
        index = next(s.index for s in story.sentences if s.text == fact_text)
        fact = next(f for f in shapes_aligned.facts if ("story", index) in {(m.source, m.sentence) for m in f.primary})
        assert set(fact.sources) == {"news", "blog", "amp", "jsonld", "story"}, (fact_text, fact.sources)


def test_a_page_gives_its_article_without_navigation_ads_promos_related_links_or_comments(shapes_aligned):
    for name in ("news", "blog", "amp", "jsonld"):
        text = shapes_aligned.source(name).text
        assert "Harbor Street bridge" in text
        for chrome in CHROME:
            assert chrome not in text, (name, chrome)
        assert "<" not in text and "&rsquo;" not in text and "&#" not in text


def test_a_page_is_labelled_by_its_outlet_and_date(shapes_aligned):
    labels = {s.id: s.label for s in shapes_aligned.sources}
    assert labels == {"news": "The Millbrook Ledger · 2025-05-14", "blog": "River Notes · 2025-05-15",
                      "amp": "Valley Public Radio · 2025-05-14", "jsonld": "County Courier · 2025-05-14",
                      "story": "story"}
    news = shapes_aligned.source("news")
    assert news.format is SourceFormat.HTML
    assert news.meta is not None
    assert (news.meta.title, news.meta.author, news.meta.url, news.meta.language) == (
        "Council votes to close Harbor Street bridge for 14 months", "Dana Whitfield",
        "https://ledger.example/news/2025/05/14/harbor-street-bridge-closure", "en")
    assert news.title == news.meta.title  # the headline leads the text and is the source's title
    assert shapes_aligned.source("jsonld").meta.author == "Aisha Bello"  # from JSON-LD only


def test_json_carries_format_label_and_metadata_and_validates(tmp_path):
    result = run_main("--json", str(PAGES / "news.html"), str(PAGES / "story.md"), str(STORY))
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema())
    news, markdown, text = doc["sources"]
    assert (news["format"], markdown["format"], text["format"]) == ("html", "markdown", "text")
    assert news["meta"]["site"] == "The Millbrook Ledger" and news["meta"]["date"] == "2025-05-14"
    assert markdown["meta"] == {"title": "Harbor Street bridge will close for 14 months", "site": "Millbrook Gazette",
                                "author": "Lee Park", "date": "2025-05-14",
                                "url": "https://gazette.example/2025/05/14/bridge", "language": None}
    assert text["meta"] is None and text["label"] == "story-2"  # its id: story.md is "story"
    assert list(news)[:6] == ["id", "path", "title", "label", "format", "meta"]
    for src in doc["sources"]:  # offsets index the text; for Markdown the sentence is its words
        for s in src["sentences"]:
            written = src["text"][s["start"]:s["end"]]
            assert len(written) == len(s["text"])
            if src["format"] != "markdown":
                assert written == s["text"]


def test_markdown_is_aligned_without_its_markup_and_shown_as_written():
    alignment = align.align([PAGES / "story.md", STORY])
    md = alignment.source("story")
    words = " ".join(s.text for s in md.sentences)
    for markup in ("**", "# ", "](", "![", "|", "---", "&mdash;", "[^1]", "title:", "gazette.example/img"):
        assert markup not in words, markup
    lead = next(s for s in md.sentences if "voted" in s.text)
    assert md.as_written(lead).startswith(
        "The [Millbrook city council](https://millbrook.example/council) voted **7-2**")
    assert " ".join(lead.text.split()) == ("The Millbrook city council voted 7-2 on Tuesday to close the Harbor Street "
                                           "bridge for 14 months of repairs.")
    assert md.title == "Harbor Street bridge will close for 14 months"
    promo = next(s for s in md.sentences if "Subscribe" in s.text)
    assert promo.boilerplate
    shared = {s for f in alignment.facts if not f.single_source for s in f.sources}
    assert shared == {"story", "story-2"}
    assert sum(1 for f in alignment.facts if len(f.sources) == 2) >= 6


def test_a_page_declared_in_a_legacy_charset_in_its_meta_tag_is_decoded(tmp_path):
    page = tmp_path / "courrier.html"
    page.write_bytes(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Pont fermé</title></head><body><article><p>Les réparations du pont coûteront 38 millions de "
        "dollars, financés en grande partie par une subvention de l'État, a annoncé la mairie.</p>"
        "</article></body></html>".encode("iso-8859-1"))
    [raw] = read_inputs([page])
    assert "coûteront 38 millions" in raw.text and "l'État" in raw.text


def test_a_text_file_that_holds_a_web_page_is_read_as_one(tmp_path):
    misnamed = tmp_path / "download.txt"
    misnamed.write_bytes((PAGES / "news.html").read_bytes())
    [raw] = read_inputs([misnamed])
    assert raw.format is SourceFormat.HTML and raw.label == "The Millbrook Ledger · 2025-05-14"


def test_a_page_with_no_article_is_a_clear_error(tmp_path):
    login = tmp_path / "login.html"
    login.write_text("<html><head><title>Sign in</title></head><body><nav><a href='/'>Home</a></nav>"
                     "<form><input name=user><button>Log in</button></form></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match=r"login\.html: no article text found in the page"):
        read_inputs([login])


# -- hostile pages --------------------------------------------------------------------------------


def _nothing_live(text: str, where: str) -> None:
    assert not UNSAFE.search(text), (where, UNSAFE.search(text))
    for payload in ("INJECTED", "<script", "javascript:", "alert(", "\x1b", "\u202e"):
        assert payload not in text, (where, payload)


def test_hostile_html_reaches_neither_the_json_nor_the_report_as_markup_or_controls():
    hostile = PAGES / "hostile.html"
    result = run_main("--json", str(hostile), str(STORY))
    assert result.returncode == 0, result.stderr.decode()
    assert b"\x1b" not in result.stdout and b"\\u001b" not in result.stdout and b"\\u0007" not in result.stdout
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema())
    page = doc["sources"][0]
    for field in ("text", "label", "title"):
        _nothing_live(page[field], field)
    for key, value in page["meta"].items():
        _nothing_live(value or "", key)
        assert "\n" not in (value or "")
    assert "[bold red]and[/bold red]" in page["text"]  # markup-like text stays literal text
    assert "<b>asked</b>" in page["text"]  # an escaped tag is text, shown as written
    report = run_main("--report", "md", str(hostile), str(STORY))
    assert report.returncode == 0
    out = report.stdout.decode()
    _nothing_live(out, "report")
    assert "\\[bold red\\]and\\[/bold red\\]" in out and "\\<b\\>asked" in out


async def test_hostile_html_reaches_the_terminal_as_plain_text():
    import io
    import re

    from rich.console import Console

    from tui.app import ParallaxApp

    app = ParallaxApp([], texts=read_inputs([PAGES / "hostile.html", STORY]), review_path=None)
    async with app.run_test(size=(160, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        console = Console(width=160, height=45, file=io.StringIO(), force_terminal=True, color_system="truecolor",
                          legacy_windows=False)
        console.print(app.screen._compositor.render_update(full=True))  # what is written to the terminal
        written = console.file.getvalue()
    assert "Eviltxet.exe Gazette" in written and "Council closes Harbor Street bridge" in written
    drawing = re.compile(r"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H")  # colours and cursor moves: all that may remain
    _nothing_live(drawing.sub("", written), "terminal")


# -- import cost ----------------------------------------------------------------------------------


def _modules_after(*args: str) -> set[str]:
    code = ("import sys, io, contextlib; from cli.main import main\n"
            "with contextlib.redirect_stdout(io.StringIO()): main(sys.argv[1:])\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} | "
            "{m for m in sys.modules if m in ('urllib.request', 'http.client')})))")
    out = subprocess.run([sys.executable, "-c", code, "--json", *args], capture_output=True, text=True, cwd=ROOT,
                         check=True)
    return set(out.stdout.split())


def test_plain_text_runs_import_neither_trafilatura_nor_an_http_client():
    loaded = _modules_after(str(STORY), str(PAGES / "story.md"))
    assert not loaded & {"trafilatura", "lxml", "htmldate", "courlan", "justext", "urllib.request", "http.client"}
    assert "trafilatura" in _modules_after(str(STORY), str(PAGES / "news.html"))
