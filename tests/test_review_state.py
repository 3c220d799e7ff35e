"""Verdicts and notes survive re-alignment, edits, crashes and corrupt files."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, run_main

import align
from review.index import FactIndex, Review
from review.session import ReviewSession
from review.store import ReviewFileError, default_path, load, save
from review.verdicts import CLEAR, FactVerdict, ReviewState, attach, judge

A = """The council approved a $2.3 billion harbour budget on Monday.
Dock workers protested outside city hall during the debate.
Mayor Ana Ruiz said the vote ended months of delay."""
B = """On Monday the council passed the $2.3bn harbour budget.
Protesting dock workers gathered outside city hall during the debate.
Schools will close early on Friday."""


def shared_fact(alignment, needle: str):
    return next(f for f in alignment.facts if not f.single_source
                and any(needle in alignment.source(m.source).sentences[m.sentence].text for m in f.primary))


def test_a_verdict_and_note_follow_the_fact_across_thresholds():
    first = align.align([A, B])
    budget = shared_fact(first, "budget")
    state = judge(ReviewState(("text1", "text2")), first, budget, verdict=FactVerdict.CONFIRMED, note="checked minutes",
                  now="t1")
    again = align.align([A, B], threshold=0.3)
    attached = attach(state, again)
    (fid, j), = attached.facts.items()
    assert j.verdict == "confirmed" and j.note == "checked minutes"
    assert fid == shared_fact(again, "budget").id
    assert Review(FactIndex(again), attached).progress == (1, len(again.facts))


def test_verdict_stays_when_the_article_changes_elsewhere_and_is_orphaned_when_its_sentences_go():
    first = align.align([A, B])
    protest = shared_fact(first, "protest")
    state = judge(ReviewState(("text1", "text2")), first, protest, verdict=FactVerdict.DISPUTED, now="t1")
    edited = align.align([A.replace("Mayor Ana Ruiz said", "Ruiz, the mayor, said"), B])
    assert attach(state, edited).facts and not attach(state, edited).orphans
    gone = align.align([A.replace("Dock workers protested outside city hall during the debate.", "It rained."),
                        B.replace("Protesting dock workers gathered outside city hall during the debate.", "Fog.")])
    attached = attach(state, gone)
    assert not attached.facts
    assert [j.verdict for j in attached.orphans] == ["disputed"]


def test_clearing_verdict_and_note_forgets_the_judgement():
    first = align.align([A, B])
    fact = shared_fact(first, "budget")
    state = judge(ReviewState(("text1", "text2")), first, fact, verdict=FactVerdict.UNCLEAR)
    state = judge(state, first, fact, verdict=None, note="")
    assert state.judgements[0].verdict == "unclear"  # None leaves the verdict as it was
    from dataclasses import replace
    cleared = state.with_judgement(replace(state.judgements[0], verdict=None, note="", updated="later"))
    assert [j.empty for j in cleared.judgements] == [True]  # kept, dated, as a clearing
    assert attach(cleared, first).facts == {} and not attach(cleared, first).orphans


def test_review_file_round_trip_and_default_location(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A), b.write_text(B)
    path = default_path(["a", "b"], [str(a), str(b)])
    assert path.parent == tmp_path / ".parallax" and path == default_path(["b", "a"], [str(a), str(b)])
    first = align.align([a, b])
    state = judge(ReviewState(("a", "b")), first, shared_fact(first, "budget"), verdict=FactVerdict.CONFIRMED,
                  note="ok")
    save(path, state)
    assert load(path, ["a", "b"]) == state
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]


def test_corrupt_review_file_is_kept_aside_never_overwritten(tmp_path: Path):
    path = tmp_path / "r.review.json"
    path.write_text("{ not json")
    with pytest.raises(ReviewFileError) as err:
        load(path, ["a"])
    assert "kept it as" in str(err.value)
    aside = [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_text() == "{ not json"
    assert not path.exists()


def test_reading_without_writing_leaves_a_corrupt_file_alone(tmp_path: Path):
    path = tmp_path / "r.review.json"
    path.write_text("[]")
    with pytest.raises(ReviewFileError):
        load(path, ["a"], move_aside=False)
    assert path.read_text() == "[]"


WRITER = """
import sys
from pathlib import Path
from review.store import save
from review.verdicts import FactVerdict, Judgement, ReviewState, SentenceKey
path = Path(sys.argv[1])
n = 0
while True:
    n += 1
    notes = tuple(Judgement(anchor=(SentenceKey("s", str(i)),), verdict=FactVerdict.CONFIRMED, note="x" * 5000 + str(n))
                  for i in range(50))
    save(path, ReviewState(("a", "b"), notes))
    print(n, flush=True)
"""


def test_killing_the_writer_mid_save_never_leaves_a_broken_file(tmp_path: Path):
    path = tmp_path / "r.review.json"
    for attempt in range(8):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=ROOT, stdout=subprocess.PIPE)
        assert proc.stdout is not None
        proc.stdout.readline()  # at least one save done
        time.sleep(0.01 * attempt)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        state = load(path, ["a", "b"])
        assert len(state.judgements) == 50
    assert not [p for p in tmp_path.iterdir() if ".corrupt-" in p.name]


def test_json_carries_the_review_and_report_lists_verdicts(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(A), b.write_text(B)
    plain = json.loads(run_main("--json", str(a), str(b)).stdout)
    assert "review" not in plain
    first = align.align([a, b])
    fact = shared_fact(first, "budget")
    save(default_path(["a", "b"], [str(a), str(b)]),
         judge(ReviewState(("a", "b")), first, fact, verdict=FactVerdict.DISPUTED, note="minutes say $2.1bn"))
    printed = run_main("--json", str(a), str(b)).stdout
    assert printed.count(b"\n") == 1  # one line, as without a review (pipe it to `jq .` to read it)
    doc = json.loads(printed)
    jsonschema.validate(doc, json.loads(files("align").joinpath("schema.json").read_text()))
    assert doc["review"]["facts"][fact.id]["verdict"] == "disputed"
    assert doc["review"]["reviewed"] == 1 and doc["review"]["total"] == len(doc["facts"])
    out = tmp_path / "report.md"
    result = run_main("--report", "md", "-o", str(out), str(a), str(b))
    assert result.returncode == 0, result.stderr
    md = out.read_text()
    assert "**disputed** — note: minutes say $2.1bn" in md
    assert "## Reported by one source only" in md and "Schools will close" in md
    assert "## Without a verdict yet" in md


def test_report_keeps_article_text_from_acting_as_markdown_or_controls(tmp_path: Path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("# Not a heading \x1b[31mred\x1b[0m, the council [voted](http://x) on Monday.\n")
    b.write_text("The council voted on Monday.\n")
    md = run_main("--report", "md", str(a), str(b)).stdout.decode()
    assert "\x1b" not in md
    assert "\\[voted\\]" in md and "\n# Not" not in md


def test_judging_every_fact_leaves_each_judgement_on_its_own_fact(seed_alignment):
    state = ReviewState(tuple(s.id for s in seed_alignment.sources))
    for n, fact in enumerate(seed_alignment.facts):
        state = judge(state, seed_alignment, fact, verdict=FactVerdict.CONFIRMED, note=f"note {fact.id}",
                      now=f"{n:04d}")
    attached = attach(state, seed_alignment)
    assert {fid: j.note for fid, j in attached.facts.items()} == {f.id: f"note {f.id}" for f in seed_alignment.facts}
    assert not attached.orphans and not attached.stacked


def test_at_another_threshold_judgements_whose_sentences_exist_are_never_orphaned(seed_alignment):
    state = ReviewState(tuple(s.id for s in seed_alignment.sources))
    for n, fact in enumerate(seed_alignment.facts):
        state = judge(state, seed_alignment, fact, verdict=FactVerdict.DISPUTED, now=f"{n:04d}")
    merged = align.align([Path(s.path) for s in seed_alignment.sources], threshold=0.05)
    attached = attach(state, merged)
    assert not attached.orphans
    assert len(attached.facts) + len(attached.stacked) == len(state.judgements)


@pytest.mark.parametrize("content", [
    '{"version": 1, "judgements": 5}',
    '{"version": 1, "sources": 5, "judgements": []}',
    '{"version": 1, "judgements": [{"anchor": ["a:1"], "verdict": 5}]}',
    '{"version": 1, "judgements": [{"anchor": ["a:1"], "verdict": "confirmed\\u001b]0;PWNED\\u0007"}]}',
    '{"version": 1, "judgements": [{"anchor": ["a:1"], "note": ["x"]}]}',
    '{"version": "1", "judgements": []}',
    '\\xff\\xfe',
])
def test_a_review_file_of_the_wrong_shape_is_refused_with_one_line(tmp_path: Path, content: str):
    path = tmp_path / "r.review.json"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(ReviewFileError) as err:
        load(path, ["a"])
    assert "\\n" not in str(err.value) and "kept it as" in str(err.value)


def test_an_unwritable_folder_sends_the_review_to_the_state_folder_and_it_resumes_from_there(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / ".parallax").write_text("not a folder")  # nothing can be saved beside the articles
    path = folder / ".parallax" / "set.review.json"
    alignment = align.align([A, B])
    facts = [f for f in alignment.facts if not f.single_source]

    first = ReviewSession(path, ("text1", "text2"))
    assert first.open() is None
    _, said = first.record(first.review(FactIndex(alignment)), facts[0], verdict=FactVerdict.CONFIRMED)
    assert said and "saved in" in said and first.where.is_relative_to(tmp_path / "state")

    second = ReviewSession(path, ("text1", "text2"))
    assert "resumed" in (second.open() or "")
    assert second.record(second.review(FactIndex(alignment)), facts[1], verdict=FactVerdict.DISPUTED)[1] is None
    verdicts = sorted(j.verdict for j in load(second.where, []).judgements)
    assert verdicts == ["confirmed", "disputed"]


def record(session: ReviewSession, alignment, fact, **what) -> str | None:
    """Judge as the app does: on the review of `alignment` the session has now."""
    return session.record(session.review(FactIndex(alignment)), fact, **what)[1]


def test_two_sessions_on_the_same_articles_keep_each_others_verdicts(tmp_path):
    path = tmp_path / "r.review.json"
    alignment = align.align([A, B])
    facts = [f for f in alignment.facts if not f.single_source]
    one, two = ReviewSession(path, ("text1", "text2")), ReviewSession(path, ("text1", "text2"))
    for session in (one, two):
        session.open()
    record(one, alignment, facts[0], verdict=FactVerdict.CONFIRMED)
    record(two, alignment, facts[1], verdict=FactVerdict.DISPUTED)
    record(one, alignment, facts[0], note="checked")
    saved = {j.verdict for j in load(path, []).judgements}
    assert saved == {FactVerdict.CONFIRMED, FactVerdict.DISPUTED}


def test_a_note_dialog_left_open_across_a_realignment_lands_on_its_own_fact():
    first = align.align([A, B])
    budget = shared_fact(first, "budget")
    protest = shared_fact(first, "protest")
    state = judge(ReviewState(("text1", "text2")), first, protest, verdict=FactVerdict.DISPUTED, now="1")
    again = align.align([A, B], threshold=0.3)  # new Fact objects, ids may differ
    state = judge(state, again, budget, note="minutes checked", now="2")
    attached = attach(state, again)
    notes = {again.source(f.primary[0].source).sentences[f.primary[0].sentence].text: attached.facts[f.id].note
             for f in again.facts if f.id in attached.facts}
    assert any("budget" in text and note == "minutes checked" for text, note in notes.items())
    assert [j.verdict for j in state.judgements if j.verdict] == ["disputed"]


def test_a_clearing_and_a_later_verdict_both_survive_two_sessions_saving_in_turn(tmp_path):
    path = tmp_path / "r.review.json"
    alignment = align.align([A, B])
    facts = [f for f in alignment.facts if not f.single_source]
    one, two = ReviewSession(path, ("text1", "text2")), ReviewSession(path, ("text1", "text2"))
    one.open()
    record(one, alignment, facts[0], verdict=FactVerdict.CONFIRMED)
    two.open()  # two has read the confirmed verdict
    record(one, alignment, facts[0], verdict=CLEAR)  # one clears it
    record(two, alignment, facts[1], verdict=FactVerdict.UNCLEAR)  # two saves its stale copy too
    live = lambda: {j.verdict for j in load(path, []).judgements if not j.empty}  # noqa: E731
    assert live() == {FactVerdict.UNCLEAR}  # the clearing held
    record(two, alignment, facts[0], verdict=FactVerdict.DISPUTED)  # later than the clearing
    record(one, alignment, facts[1], note="seen")
    assert live() == {FactVerdict.UNCLEAR, FactVerdict.DISPUTED}
