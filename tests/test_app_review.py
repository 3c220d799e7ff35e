"""Reviewing in the app: verdicts, notes, progress, the 'not yet reviewed' filter, export,
resuming, and a review file that cannot be read."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS
from test_app import loaded, screen_text, shared_facts, with_discrepancies

from align.pipeline import DEFAULT_THRESHOLD, prepare, regroup
from align.sources import read_texts
from review.index import FilterKind
from tui.app import ParallaxApp


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, folder)
    return folder


def saved(path: Path) -> list[dict]:
    return json.loads(path.read_text())["judgements"]


def reviewing(articles: Path, tmp_path: Path) -> tuple[ParallaxApp, Path]:
    """The app on `articles`, saving its review in tmp_path."""
    review = tmp_path / "r.review.json"
    return ParallaxApp([articles], review_path=review), review


def with_one_discrepancy(tmp_path: Path) -> tuple[ParallaxApp, str, Path]:
    """The app on the seeds with a discrepancy on the first shared fact only."""
    prepared = prepare(read_texts(SEEDS))
    base = regroup(prepared, DEFAULT_THRESHOLD)
    target = shared_facts(base)[0]
    review = tmp_path / "r.review.json"
    app = ParallaxApp([], alignment=with_discrepancies(base, {target.id}), prepared=prepared, review_path=review)
    return app, target.id, review


async def test_verdict_keys_save_at_once_and_count_progress(articles, tmp_path):
    app, review = reviewing(articles, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        total = len(app.alignment.facts)
        assert f"reviewed 0 of {total}" in screen_text(app)
        plain = [f for f in app.alignment.facts if not f.discrepancies]
        app.current_fact = plain[0]
        await pilot.press("c")
        assert [j["verdict"] for j in saved(review)] == ["confirmed"]
        assert f"reviewed 1 of {total}" in screen_text(app) and "[confirmed]" in screen_text(app)
        await pilot.press("d")
        assert [j["verdict"] for j in saved(review)] == ["disputed"]
        await pilot.press("0")
        assert [j for j in saved(review) if j["verdict"] or j["note"]] == []  # cleared
        await pilot.press("d")
        app.current_fact = plain[1]
        await pilot.press("U")
        assert sorted(j["verdict"] for j in saved(review)) == ["disputed", "unclear"]
        assert f"reviewed 2 of {total}" in screen_text(app)


async def test_a_fact_counts_as_reviewed_once_its_discrepancies_are_judged(tmp_path):
    app, target, _ = with_one_discrepancy(tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        app.current_fact = app.review.fact(target)
        await pilot.press("c")
        assert "reviewed 0 of" in screen_text(app)
        await pilot.press("r")
        assert "reviewed 1 of" in screen_text(app)


async def test_a_note_is_typed_saved_and_shown(articles, tmp_path):
    app, review = reviewing(articles, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        await pilot.press("a")
        await pilot.press(*"checked the [bold]transcript[/]")
        await pilot.press("enter")
        assert saved(review)[0]["note"] == "checked the [bold]transcript[/]"
        assert "checked the [bold]transcript[/]" in screen_text(app)  # literally, not as markup
        await pilot.press("a", "escape")  # cancelling changes nothing
        assert saved(review)[0]["note"] == "checked the [bold]transcript[/]"


async def test_discrepancy_verdicts_and_notes_go_to_the_current_discrepancy(tmp_path):
    app, target, review = with_one_discrepancy(tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        app.current_fact = app.review.fact(target)
        await pilot.press("r")
        (judgement,) = saved(review)
        assert judgement["verdict"] == "real" and judgement["detail"]
        await pilot.press("A", *"wire copy", "enter")
        assert saved(review)[0]["note"] == "wire copy"
        await pilot.press("x")
        assert saved(review)[0]["verdict"] == "not a discrepancy"
        app.current_fact = next(f for f in app.alignment.facts if not f.discrepancies)
        await pilot.press("r")
        await pilot.pause()
        assert len(saved(review)) == 1  # no discrepancy there to judge


async def test_not_yet_reviewed_filter_moves_on_as_facts_are_judged(articles, tmp_path):
    app = ParallaxApp([articles], review_path=tmp_path / "r.review.json")
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        while app.fact_filter.kind is not FilterKind.UNREVIEWED:
            await pilot.press("f")
        first = app.current_fact
        await pilot.press("c")
        await pilot.pause()
        assert app.current_fact is not first
        assert first.id not in {f.id for f in app.review.visible(app.fact_filter)}


async def test_reopening_resumes_the_review(articles, tmp_path):
    app, review = reviewing(articles, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        app.current_fact = next(f for f in app.alignment.facts if not f.discrepancies)
        await pilot.press("d")
        judged = app.current_fact.id
    again = ParallaxApp([articles], review_path=review)
    async with again.run_test(size=(160, 45)) as pilot:
        await loaded(again, pilot)
        assert again.session.on_fact(again.review.fact(judged)).verdict == "disputed"
        assert "reviewed 1 of" in screen_text(again)


async def test_verdict_on_a_sentence_that_is_gone_is_shown_as_orphaned(articles, tmp_path):
    app, review = reviewing(articles, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        fact = app.current_fact
        await pilot.press("c")
    for member in fact.members:  # every article drops the fact's sentences
        path = articles / f"{member.source}.txt"
        sentence = app.alignment.source(member.source).sentences[member.sentence].text
        path.write_text(path.read_text().replace(sentence, ""))
    again = ParallaxApp([articles], review_path=review)
    async with again.run_test(size=(160, 45)) as pilot:
        await loaded(again, pilot)
        assert "1 orphaned" in screen_text(again)
        assert saved(review)[0]["verdict"] == "confirmed"  # kept in the file


async def test_unreadable_review_file_is_kept_aside_and_said(articles, tmp_path):
    review = tmp_path / "r.review.json"
    review.write_text("{ half a file")
    app = ParallaxApp([articles], review_path=review)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        await pilot.pause()
        assert any("kept it as" in str(n.message) for n in app._notifications)
        aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
        assert len(aside) == 1 and aside[0].read_text() == "{ half a file"
        await pilot.press("c")
        assert saved(review)[0]["verdict"] == "confirmed"


async def test_export_writes_the_report_beside_the_review(articles, tmp_path):
    app, review = reviewing(articles, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        await pilot.press("c", "E")
        report = tmp_path / "r.report.md"
        assert report.exists()
        text = report.read_text()
        assert "# Parallax report" in text and "**confirmed**" in text and "## Not yet reviewed" in text


async def test_review_keys_are_on_the_help_screen(articles):
    app = ParallaxApp([articles])
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        ids = {b.id for _, bindings in app.binding_groups() for b in bindings if b.id}
        for wanted in ("verdict-confirmed", "verdict-disputed", "verdict-unclear", "verdict-clear", "discrepancy-real",
                       "discrepancy-not", "note-fact", "note-discrepancy", "export-report"):
            assert wanted in ids
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        for tip in ("confirmed", "disputed", "unclear", "not a discrepancy", "Markdown report"):
            assert tip in shown, tip


async def test_reopening_returns_to_the_fact_and_threshold_the_reviewer_left(articles, tmp_path):
    app, review = reviewing(articles, tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await loaded(app, pilot)
        await pilot.press("c", "plus")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("j", "j", "j")
        left_at = app.current_fact.primary[0]
        text = app.alignment.source(left_at.source).sentences[left_at.sentence].text
        threshold = app.threshold
        await pilot.press("q")
    again = ParallaxApp([articles], review_path=review)
    async with again.run_test(size=(160, 45)) as pilot:
        await loaded(again, pilot)
        assert again.threshold == threshold != DEFAULT_THRESHOLD
        shown = {again.alignment.source(m.source).sentences[m.sentence].text for m in again.current_fact.primary}
        assert text in shown
    explicit = ParallaxApp([articles], threshold=DEFAULT_THRESHOLD, review_path=review)
    async with explicit.run_test(size=(160, 45)) as pilot:
        await loaded(explicit, pilot)
        assert explicit.threshold == DEFAULT_THRESHOLD  # a threshold given on the command line wins
