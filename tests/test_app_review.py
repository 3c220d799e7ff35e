"""Reviewing in the app, on the hand-built alignment: verdicts and their undoing, notes,
progress, the 'not yet reviewed' filter, export, resuming, and a review file that cannot be read."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import handbuilt as h
from driving import WIDE, current, loaded, notes, screen_text

from align.pipeline import DEFAULT_THRESHOLD
from review.format import judgement_dict
from review.index import FilterKind
from review.store import load
from review.verdicts import FactVerdict
from tui.app import ParallaxApp
from tui.review_screen import ReviewScreen
from tui.status import StatusLine


def saved(path: Path) -> list[dict[str, Any]]:
    """The judgements saved so far (in the review file and its journal), as the file writes them."""
    return [judgement_dict(j) for j in load(path, []).judgements]


def reviewing(tmp_path: Path, alignment=h.ALIGNMENT) -> tuple[ParallaxApp, Path]:
    """The app on the hand-built alignment, saving its review in tmp_path."""
    review = tmp_path / "r.review.json"
    return ParallaxApp([], alignment=alignment, review_path=review), review


def status(screen: ReviewScreen) -> str:
    return screen.query_one(StatusLine).render().plain


TOTAL = len(h.ALIGNMENT.facts)


async def test_verdict_keys_save_at_once_and_count_progress(tmp_path):
    app, review = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        assert f"0/{TOTAL} with a verdict" in status(screen)
        await pilot.press("c")
        assert [j["verdict"] for j in saved(review)] == ["confirmed"]
        assert f"1/{TOTAL} with a verdict" in status(screen) and "confirmed" in status(screen)
        await pilot.press("d")
        assert [j["verdict"] for j in saved(review)] == ["disputed"]
        await pilot.press("0")
        assert [j for j in saved(review) if j["verdict"] or j["note"]] == []  # cleared
        await pilot.press("d", "j", "j", "U")
        assert sorted(j["verdict"] for j in saved(review)) == ["disputed", "unclear"]
        assert f"2/{TOTAL} with a verdict" in status(screen)


async def test_a_fact_counts_as_reviewed_once_it_has_a_verdict(tmp_path):
    app, _ = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("n", "r")  # the budget: a verdict on its figure is not one on the fact
        assert "0/" in status(screen)
        await pilot.press("c")  # its day is not judged yet, but the fact has a verdict
        assert "1/" in status(screen)
        assert h.fact("budget").id in screen.review.reviewed_ids


async def test_undo_and_redo_take_back_and_give_back_verdicts_and_notes(tmp_path):
    app, review = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)

        def verdicts() -> list[str]:
            return sorted(j["verdict"] or "" for j in saved(review) if j["verdict"] or j["note"])

        await pilot.press("c", "d", "j", "a", *"ask the mayor", "enter")
        assert verdicts() == ["", "disputed"]
        await pilot.press("u")  # the note goes
        assert verdicts() == ["disputed"] and current(screen) is h.fact("budget")
        await pilot.press("ctrl+z")  # disputed goes back to confirmed, and the screen goes back to that fact
        assert verdicts() == ["confirmed"] and current(screen) is h.ALIGNMENT.facts[0]
        assert "Undone: verdict on fact 1 is now confirmed" in status(screen)
        await pilot.press("u")
        assert verdicts() == []
        await pilot.press("u")
        assert "Nothing to undo" in status(screen)
        await pilot.press("ctrl+r", "ctrl+r")
        assert verdicts() == ["disputed"]
        await pilot.press("ctrl+y")
        assert verdicts() == ["", "disputed"]
        assert "ask the mayor" in {j["note"] for j in saved(review)}
        await pilot.press("ctrl+y")
        assert "Nothing to redo" in status(screen)
        await pilot.press("u", "U")  # a new verdict after an undo: nothing left to redo
        await pilot.press("ctrl+r")
        assert "Nothing to redo" in status(screen)


async def test_bracket_c_goes_to_the_next_disagreement_as_in_vimdiff_and_records_nothing(tmp_path):
    app, review = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("right_square_bracket")
        assert "]c: next disagreement" in status(screen)
        await pilot.press("c")
        assert current(screen) is h.fact("budget") and not review.exists()
        await pilot.press("right_square_bracket", "c")
        assert current(screen) is h.fact("ferries")
        await pilot.press("left_square_bracket", "c")
        assert current(screen) is h.fact("budget") and not review.exists()
        await pilot.press("right_square_bracket", "j")  # another key: the bracket is dropped, the key acts
        assert current(screen) is h.fact("protest") and "]c" not in status(screen)
        await pilot.press("c")  # and c alone is a verdict again
        assert [j["verdict"] for j in saved(review)] == ["confirmed"]


async def test_a_note_is_typed_saved_and_shown(tmp_path):
    app, review = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("a")
        await pilot.press(*"checked the [bold]transcript[/]")
        await pilot.press("enter")
        assert saved(review)[0]["note"] == "checked the [bold]transcript[/]"
        assert "checked the [bold]transcript[/]" in screen_text(app)  # literally, not as markup
        await pilot.press("a", "escape")  # cancelling changes nothing
        assert saved(review)[0]["note"] == "checked the [bold]transcript[/]"


async def test_discrepancy_verdicts_and_notes_go_to_the_current_discrepancy(tmp_path):
    app, review = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("n", "r")
        (judgement,) = saved(review)
        assert judgement["verdict"] == "real" and judgement["detail"].startswith("number|")
        await pilot.press("A", *"wire copy", "enter")
        assert saved(review)[0]["note"] == "wire copy"
        await pilot.press("semicolon", "x")
        assert {j["detail"].split("|")[0]: j["verdict"] for j in saved(review)} == {
            "number": "real", "date": "not a discrepancy"}
        await pilot.press("j", "r")  # the protest: nothing disputed there
        await pilot.pause()
        assert current(screen) is h.fact("protest") and len(saved(review)) == 2


async def test_not_yet_reviewed_filter_moves_on_as_facts_are_judged(tmp_path):
    app, _ = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        while screen.cursor.filter.kind is not FilterKind.UNREVIEWED:
            await pilot.press("f")
        first = current(screen)
        await pilot.press("c")
        await pilot.pause()
        assert screen.cursor.fact is h.ALIGNMENT.facts[h.ALIGNMENT.facts.index(first) + 1]
        assert first not in screen.review.index.visible(screen.cursor.filter)


async def test_reopening_resumes_the_review(tmp_path):
    app, _ = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("j", "j", "d", "q")
    again, _ = reviewing(tmp_path)
    async with again.run_test(size=WIDE) as pilot:
        screen = await loaded(again, pilot)
        protest = h.fact("protest")
        assert screen.cursor.fact is protest  # where the reviewer left off
        assert screen.review.judged(protest).verdict is FactVerdict.DISPUTED
        assert f"1/{TOTAL} with a verdict" in status(screen)


async def test_verdict_on_a_sentence_that_is_gone_is_shown_as_orphaned(tmp_path):
    app, review = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await loaded(app, pilot)
        await pilot.press("j", "c")  # the budget
    rewritten = {sid: (title, [[(label, text.replace("harbour budget", "port budget")) for label, text in para]
                               for para in paras]) for sid, (title, paras) in h.ARTICLES.items()}
    again, _ = reviewing(tmp_path, h.build(rewritten))
    async with again.run_test(size=WIDE) as pilot:
        screen = await loaded(again, pilot)
        assert "1 orphaned" in status(screen)
        assert saved(review)[0]["verdict"] == "confirmed"  # kept in the file


async def test_unreadable_review_file_is_kept_aside_and_said(tmp_path):
    app, review = reviewing(tmp_path)
    review.write_text("{ half a file")
    with notes(app) as said:
        async with app.run_test(size=WIDE) as pilot:
            await loaded(app, pilot)
            assert any("kept it as" in n for n in said)
            aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
            assert len(aside) == 1 and aside[0].read_text() == "{ half a file"
            await pilot.press("c")
            assert saved(review)[0]["verdict"] == "confirmed"


async def test_export_writes_a_new_report_in_the_current_folder_and_says_its_full_path(tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    app, _ = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("c", "E")
        (report,) = here.glob("parallax-report-*.md")
        text = report.read_text()
        assert "# Parallax report" in text and "**confirmed**" in text and "## Without a verdict yet" in text
        assert f"Report written to {report}" in status(screen)
        report.write_text("my edits")
        await pilot.press("E")  # again, in the same second: a new file, the edited one kept
        assert len(list(here.glob("parallax-report-*.md"))) == 2 and report.read_text() == "my edits"


async def test_the_palette_screenshot_goes_to_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app, _ = reviewing(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        app.deliver_screenshot()
        (shot,) = tmp_path.glob("parallax-screenshot-*.svg")
        assert shot.read_text().startswith("<svg") and f"Screenshot saved to {shot}" in status(screen)


async def test_reopening_returns_to_the_fact_and_threshold_the_reviewer_left(tmp_path):
    articles = h.write_articles(tmp_path / "articles")
    review = tmp_path / "r.review.json"
    app = ParallaxApp([articles], review_path=review)
    async with app.run_test(size=WIDE) as pilot:
        screen = await loaded(app, pilot)
        await pilot.press("c", "plus")
        await loaded(app, pilot)
        await pilot.press("j", "j", "j")
        left_at = screen.review.alignment.sentence(current(screen).primary[0]).text
        threshold = screen.cursor.threshold
        await pilot.press("q")
    again = ParallaxApp([articles], review_path=review)
    async with again.run_test(size=WIDE) as pilot:
        screen = await loaded(again, pilot)
        assert screen.cursor.threshold == threshold != DEFAULT_THRESHOLD
        assert left_at in {screen.review.alignment.sentence(m).text for m in current(screen).primary}
    explicit = ParallaxApp([articles], threshold=DEFAULT_THRESHOLD, review_path=review)
    async with explicit.run_test(size=WIDE) as pilot:
        screen = await loaded(explicit, pilot)
        assert screen.cursor.threshold == DEFAULT_THRESHOLD  # a threshold given on the command line wins
